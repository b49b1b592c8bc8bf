import { type AmountHint, type AmountLocale, checked, type MoneyResult, toMinor } from './amount';
import {
  currencyExponent,
  isCurrencyCode,
  normaliseCurrency,
  SYMBOLS,
  TEXT_CODES,
} from './currency';

const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;
const APOSTROPHES = /['’ʼ´`]/g;

/** "de-DE" → de, "de-CH" → ch, "fr-FR" → fr, "en-US" → en; undefined otherwise. */
export function localeFromLang(lang: string | null | undefined): AmountLocale | undefined {
  if (!lang) return undefined;
  const l = lang.toLowerCase();
  if (/^[a-z]{2}-ch\b/.test(l)) return 'ch';
  const base = l.slice(0, 2);
  if (base === 'de' || base === 'nl' || base === 'it' || base === 'es' || base === 'da')
    return 'de';
  if (base === 'fr' || base === 'pl' || base === 'cs' || base === 'sv' || base === 'nb')
    return 'fr';
  if (base === 'en' || base === 'ja' || base === 'zh') return 'en';
  return undefined;
}

interface CurrencyHit {
  code: string;
  start: number;
  end: number;
}

function findCurrencies(text: string, hint: AmountHint | undefined): CurrencyHit[] | string {
  const hits: CurrencyHit[] = [];
  const taken = new Array<boolean>(text.length).fill(false);
  const hintCode = hint?.currency?.toUpperCase();
  for (const [sym, codes] of SYMBOLS) {
    let from = 0;
    for (;;) {
      const i = text.indexOf(sym, from);
      if (i < 0) break;
      from = i + sym.length;
      if (taken[i]) continue;
      const letters = /[A-Za-z]/.test(sym[0] ?? '');
      // Word-like symbols ("kr", "Fr.", "CHF", "Ft") must stand alone.
      if (letters && (/[A-Za-z]/.test(text[i - 1] ?? '') || /[A-Za-z]/.test(text[from] ?? ''))) {
        continue;
      }
      for (let k = i; k < from; k++) taken[k] = true;
      let code: string | undefined;
      if (hintCode && codes.includes(hintCode)) code = hintCode;
      else code = codes[0];
      if (!code) return `ambiguous currency symbol "${sym}"`;
      hits.push({ code, start: i, end: from });
    }
  }
  const re = /(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])/g;
  for (const m of text.matchAll(re)) {
    const code = m[1]!;
    if (taken[m.index]) continue;
    if (!TEXT_CODES.has(code) && code !== hintCode) continue;
    hits.push({ code, start: m.index, end: m.index + 3 });
  }
  return hits;
}

interface NumberHit {
  raw: string;
  start: number;
  end: number;
  negative: boolean;
}

// Digits with group/decimal separators; a trailing ",-" / ".–" means "no cents" (12,- €).
const NUMBER = /\d(?:[\d.,' ]*\d)?(?:[.,][-–])?/g;

function findNumbers(text: string): NumberHit[] {
  const out: NumberHit[] = [];
  for (const m of text.matchAll(NUMBER)) {
    let raw = m[0];
    let end = m.index + raw.length;
    // A space belongs to the number only between digit groups of three ("1 234 567").
    const parts = raw.split(' ');
    if (parts.length > 1) {
      let keep = 1;
      while (keep < parts.length && /^\d{3}(?:[.,]|$)/.test(parts[keep]!)) keep++;
      if (keep < parts.length) {
        // Re-scan the rest as separate numbers.
        const head = parts.slice(0, keep).join(' ');
        const restStart = m.index + head.length + 1;
        const rest = parts.slice(keep).join(' ');
        raw = head;
        end = m.index + head.length;
        for (const r of findNumbers(rest)) {
          out.push({ ...r, start: r.start + restStart, end: r.end + restStart });
        }
      }
    }
    // A minus right before the number or before its currency mark ("-12,00", "-€12", "€-12").
    const before = text.slice(Math.max(0, m.index - 5), m.index);
    const negative = /[-−](?:[^\d\s\w]{1,2}|[A-Z]{3}|Fr\.)?\s?$/.test(before);
    out.push({ raw, start: m.index, end, negative });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The value of a digit string with separators, as "1234.56", or a reason. */
function interpret(
  raw: string,
  exponent: number,
  locale: AmountLocale | undefined,
): string | { reason: string } {
  let s = raw.replace(/[.,][-–]$/, '');
  s = s.replace(/ /g, (_m, i: number) => (/^\d{3}/.test(s.slice(i + 1)) ? '' : ' '));
  if (s.includes(' ')) return { reason: 'malformed number' };
  // Apostrophes group thousands (Swiss); their groups have three digits.
  if (s.includes("'")) {
    if (!/^\d{1,3}(?:'\d{3})+(?:[.,]\d+)?$/.test(s)) return { reason: 'malformed number' };
    s = s.replace(/'/g, '');
  }
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let decimalSep: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    decimalSep = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = decimalSep === '.' ? ',' : '.';
    if (s.split(decimalSep).length !== 2) return { reason: 'malformed number' };
    const [intPart] = s.split(decimalSep);
    if (!new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})*$`).test(intPart!)) {
      return { reason: 'malformed number' };
    }
  } else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const after = s.split(sep)[1]!;
    if (after.length === 3) {
      // "1.234": a group separator unless the locale or currency says otherwise.
      if (locale === 'en' || locale === 'ch') decimalSep = sep === '.' ? '.' : null;
      else if (locale === 'de' || locale === 'fr') decimalSep = sep === ',' ? ',' : null;
      else decimalSep = exponent >= 3 ? sep : null;
    } else {
      decimalSep = sep;
    }
  } else if (dots + commas > 1) {
    const sep = dots ? '.' : ',';
    if (!new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`).test(s)) return { reason: 'malformed number' };
  }
  let intPart = s;
  let frac = '';
  if (decimalSep) {
    const i = s.lastIndexOf(decimalSep);
    intPart = s.slice(0, i);
    frac = s.slice(i + 1);
  }
  intPart = intPart.replace(/[.,]/g, '');
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return { reason: 'malformed number' };
  if (frac.length > exponent && /[1-9]/.test(frac.slice(exponent))) {
    return { reason: `more fraction digits than the currency has (${exponent})` };
  }
  return frac ? `${intPart}.${frac}` : intPart;
}

/**
 * Parses a printed amount. The currency comes from a symbol or code in the
 * text, else from `hint.currency`; an amount without either is refused.
 * Refuses NaN, negative, absurd (over 1,000,000 major units), several
 * different currencies, and texts with several numbers none of which sits
 * next to the currency.
 */
export function parseAmount(text: string, hint?: AmountHint): MoneyResult {
  if (typeof text !== 'string') return { ok: false, reason: 'not text' };
  const t = text.slice(0, 500).replace(SPACES, ' ').replace(APOSTROPHES, "'").trim();
  if (t === '') return { ok: false, reason: 'empty amount' };
  if (/\bNaN\b|Infinity/i.test(t)) return { ok: false, reason: 'amount is NaN' };
  const cur = findCurrencies(t, hint);
  if (typeof cur === 'string') return { ok: false, reason: cur };
  const codes = [...new Set(cur.map((c) => c.code))];
  if (codes.length > 1) return { ok: false, reason: `several currencies (${codes.join(', ')})` };
  let code = codes[0];
  if (!code) {
    const h = hint?.currency?.toUpperCase();
    if (!h || !isCurrencyCode(h)) return { ok: false, reason: 'no currency in amount' };
    code = h;
  }
  const nums = findNumbers(t);
  if (nums.length === 0) return { ok: false, reason: 'no number in amount' };
  let num = nums[0]!;
  if (nums.length > 1) {
    // Pick the number next to the currency mark ("2 Artikel: 12,00 €").
    const near = nums.filter((n) =>
      cur.some((c) => {
        const gap = n.start >= c.end ? t.slice(c.end, n.start) : t.slice(n.end, c.start);
        return (n.start >= c.end || n.end <= c.start) && /^[\s\-−]{0,2}$/.test(gap);
      }),
    );
    if (near.length !== 1) return { ok: false, reason: 'several numbers in amount' };
    num = near[0]!;
  }
  if (num.negative) return { ok: false, reason: 'negative amount' };
  const exponent = currencyExponent(code);
  const v = interpret(num.raw, exponent, hint?.locale);
  if (typeof v !== 'string') return { ok: false, reason: v.reason };
  const minor = toMinor(v, code);
  if (minor === null) return { ok: false, reason: 'malformed number' };
  return checked(minor, code);
}

/** `toMinor` with validation and a reason: non-negative, finite, below MAX_MAJOR_UNITS. */
export function moneyFrom(value: unknown, currency: unknown): MoneyResult {
  const code = normaliseCurrency(currency);
  if (code === null) {
    return {
      ok: false,
      reason:
        currency == null ? 'no currency' : `unknown currency ${String(currency).slice(0, 20)}`,
    };
  }
  if (typeof value === 'string') {
    const t = value.trim();
    // A decimal string as JSON carries it; anything else is printed text.
    // (Each digit run can match one way only: linear on a hostile 100 000-digit string.)
    if (!/^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t))
      return parseAmount(t, { currency: code });
    value = t;
  }
  if (typeof value !== 'number' && typeof value !== 'string') {
    return { ok: false, reason: 'amount is not a number' };
  }
  if (typeof value === 'number' && Number.isNaN(value))
    return { ok: false, reason: 'amount is NaN' };
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { ok: false, reason: 'amount is not finite' };
  }
  if (
    (typeof value === 'number' && value < 0) ||
    (typeof value === 'string' && value.startsWith('-'))
  ) {
    return { ok: false, reason: 'negative amount' };
  }
  const minor = toMinor(value, code);
  if (minor === null) return { ok: false, reason: 'amount is not a decimal number' };
  return checked(minor, code);
}
