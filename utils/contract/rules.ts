/**
 * The contract's limits as plain values, free of zod, so the content script
 * can apply exactly the same rules without shipping a schema library (its
 * size budget is 25 KB gzip). The zod schemas are built from these; a test
 * keeps utils/detect/check.ts in lock-step with them.
 */
export const CURRENCY_RE = /^[A-Z]{3}$/;
export const MONEY_MAX_MINOR = 100_000_000_000;
export const ORDER_REF_MAX = 128;
// Control characters are never part of a real order number.
export const ORDER_REF_FORBIDDEN = /\p{Cc}/u;
export const PARTNER_ID_RE = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const SIGNALS = [
  'jsonld',
  'microdata',
  'datalayer',
  'gtag',
  'ua',
  'rule',
  'template',
  'generic',
] as const;
export const MAX_SIGNALS = 10;
export const MAX_CONFLICTS = 10;
export const CONFLICT_MAX = 300;

/**
 * Text the database can store and every client can show: no U+0000 (PostgreSQL
 * text refuses it) and no lone UTF-16 surrogate (not encodable as UTF-8).
 */
export const isStorableText = (s: string): boolean => s.isWellFormed() && !s.includes('\u0000');

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncateText(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * Points one order may earn at most, whatever the partner's rate: the ledger
 * stores points as 32-bit integers. Partners set lower sanity caps of their own.
 */
export const POINTS_MAX = 10_000_000;

/** Page-derived free text made storable: U+0000 and lone surrogates become U+FFFD, then cut. */
export const toStorableText = (s: string, max: number): string =>
  truncateText(s.toWellFormed().replaceAll('\u0000', '\uFFFD'), max);
