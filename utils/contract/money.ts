import { z } from 'zod';
import { CURRENCY_RE, MONEY_MAX_MINOR } from './rules';

/** ISO 4217 alphabetic code, upper case (EUR, CHF, JPY …). */
export const CurrencyCode = z.string().regex(CURRENCY_RE, 'ISO 4217 currency code expected');

/**
 * Money as integer minor units of its currency (cents for EUR, yen for JPY).
 * The upper bound (10^11 minor units) is far above any retail order and keeps
 * arithmetic inside safe integers.
 */
export const Money = z.object({
  minor: z.number().int().nonnegative().max(MONEY_MAX_MINOR),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;
