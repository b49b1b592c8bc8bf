import type { Money } from '../contract';
import { currencyExponent, MAX_MAJOR_UNITS } from './currency';

export type MoneyResult = { ok: true; money: Money } | { ok: false; reason: string };
export type AmountLocale = 'de' | 'en' | 'fr' | 'ch';
export interface AmountHint {
  /** Currency to assume when the text carries none (or to settle "$", "kr", "¥"). */
  currency?: string;
  /** Settles "1.234" (de: one thousand two hundred …; en: one point two …). */
  locale?: AmountLocale;
}

/**
 * Integer minor units of `value` (a JSON number or decimal string, major
 * units) in `currency`, or null when it is not a finite non-negative decimal.
 * Digits beyond the currency's exponent are rounded half-up on the digit
 * string (0.30000000000000004 → 30), never through float multiplication.
 */
export function toMinor(value: number | string, currency: string): number | null {
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    s = String(value);
  } else if (typeof value === 'string') {
    s = value.trim();
  } else {
    return null;
  }
  const m = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(s);
  if (!m) return null;
  let intPart = m[1] ?? '';
  let frac = m[2] ?? '';
  if (intPart === '' && frac === '') return null;
  const exp10 = m[3] ? Number.parseInt(m[3], 10) : 0;
  // Apply a scientific exponent by moving the decimal point in the digit string.
  if (exp10 > 0) {
    const moved = frac.padEnd(exp10, '0');
    intPart += moved.slice(0, exp10);
    frac = moved.slice(exp10);
  } else if (exp10 < 0) {
    const padded = intPart.padStart(-exp10, '0');
    frac = padded.slice(padded.length + exp10) + frac;
    intPart = padded.slice(0, padded.length + exp10);
  }
  const e = currencyExponent(currency);
  const kept = frac.slice(0, e).padEnd(e, '0');
  const roundUp = (frac[e] ?? '0') >= '5';
  const digits = `${intPart}${kept}`.replace(/^0+(?=\d)/, '') || '0';
  if (digits.length > 16) return null;
  const n = Number.parseInt(digits, 10) + (roundUp ? 1 : 0);
  return Number.isSafeInteger(n) ? n : null;
}

export function checked(minor: number, currency: string): MoneyResult {
  if (minor < 0) return { ok: false, reason: 'negative amount' };
  if (minor > MAX_MAJOR_UNITS * 10 ** currencyExponent(currency)) {
    return { ok: false, reason: `absurd amount (over ${MAX_MAJOR_UNITS} ${currency})` };
  }
  return { ok: true, money: { minor, currency } };
}

/** Formats minor units for humans, e.g. for notes: 123456 EUR → "1234.56 EUR". */
export function formatMoney(m: Money): string {
  const e = currencyExponent(m.currency);
  if (e === 0) return `${m.minor} ${m.currency}`;
  const s = String(m.minor).padStart(e + 1, '0');
  return `${s.slice(0, -e)}.${s.slice(-e)} ${m.currency}`;
}
