/** ISO 4217 facts: minor-unit exponents, known codes, and the symbols shops print. */

/** Largest accepted amount, in major units: no retail order is larger; bigger numbers are misreads. */
export const MAX_MAJOR_UNITS = 1_000_000;

const EXPONENTS: Record<string, number> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  PLN: 2,
  CZK: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  HUF: 2,
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  PYG: 0,
  UGX: 0,
  XAF: 0,
  XOF: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
  LYD: 3,
};

/** Fraction digits of an ISO 4217 currency (EUR 2, JPY 0, KWD 3); 2 when unknown. */
export function currencyExponent(code: string): number {
  const c = code.toUpperCase();
  const known = EXPONENTS[c];
  if (known !== undefined) return known;
  try {
    const d = new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions()
      .maximumFractionDigits;
    if (typeof d === 'number' && d >= 0 && d <= 4) return d;
  } catch {
    // Not a currency Intl knows: fall through.
  }
  return 2;
}

let supported: Set<string> | null = null;
/** Whether `code` is a well-formed, known ISO 4217 code (upper case). */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  if (supported === null) {
    try {
      supported = new Set(Intl.supportedValuesOf('currency'));
    } catch {
      supported = new Set(Object.keys(EXPONENTS));
    }
  }
  return supported.has(code) || code in EXPONENTS;
}

/** Normalises a currency field from JSON ("eur", " EUR ") to its code, or null. */
export function normaliseCurrency(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const c = value.trim().toUpperCase();
  if (isCurrencyCode(c)) return c;
  // Some shops put the symbol into priceCurrency ("€").
  const sym = SYMBOLS.find(([s]) => s.toUpperCase() === c);
  return sym?.[1][0] ?? null;
}

/**
 * Currency symbols and words as printed next to amounts, each with the codes
 * it may stand for (the first is the default when no hint settles it; an empty
 * default means "ambiguous without a hint"). Longest first, so "US$" wins over "$".
 */
export const SYMBOLS: [string, string[]][] = (
  [
    ['US$', ['USD']],
    ['CA$', ['CAD']],
    ['AU$', ['AUD']],
    ['NZ$', ['NZD']],
    ['HK$', ['HKD']],
    ['R$', ['BRL']],
    ['S$', ['SGD']],
    ['C$', ['CAD']],
    ['A$', ['AUD']],
    ['SFr.', ['CHF']],
    ['Fr.', ['CHF']],
    ['CHF', ['CHF']],
    ['zł', ['PLN']],
    ['Kč', ['CZK']],
    ['Ft', ['HUF']],
    ['kr.', ['', 'DKK', 'SEK', 'NOK', 'ISK']],
    ['kr', ['', 'SEK', 'NOK', 'DKK', 'ISK']],
    ['€', ['EUR']],
    ['£', ['GBP']],
    ['$', ['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'SGD', 'HKD']],
    ['¥', ['JPY', 'CNY']],
    ['￥', ['JPY', 'CNY']],
    ['₹', ['INR']],
    ['₽', ['RUB']],
    ['₺', ['TRY']],
    ['₩', ['KRW']],
    ['₪', ['ILS']],
    ['₴', ['UAH']],
  ] as [string, string[]][]
).sort((a, b) => b[0].length - a[0].length);

/** Codes looked for as words in free text; a curated list, because "ALL" and "TOP" are ISO codes too. */
export const TEXT_CODES = new Set([
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'PLN',
  'CZK',
  'SEK',
  'NOK',
  'DKK',
  'HUF',
  'JPY',
  'CNY',
  'CAD',
  'AUD',
  'NZD',
  'RON',
  'BGN',
  'TRY',
  'INR',
  'KWD',
  'BHD',
  'SGD',
  'HKD',
  'BRL',
  'MXN',
  'ZAR',
  'ISK',
  'ILS',
  'UAH',
  'KRW',
]);

/** Symbol → candidate codes (exported for documentation and tests). */
export const currencySymbols: ReadonlyMap<string, readonly string[]> = new Map(SYMBOLS);
