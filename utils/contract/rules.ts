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
export const SIGNALS = ['jsonld', 'microdata', 'datalayer', 'gtag', 'ua', 'rule'] as const;
export const MAX_SIGNALS = 10;
export const MAX_CONFLICTS = 10;
export const CONFLICT_MAX = 300;
