import type { EarnRate, Money } from '../contract';
import { currencyExponent } from '../money';

// Rates like 0.5 or 1.25 points per unit are exact as millionths.
const RATE_SCALE = 1_000_000n;

/**
 * Points a purchase earns under a partner's rate, shared by the extension's
 * pending estimate and the server's ledger: floor(minor × rate / 10^exponent)
 * in integer arithmetic, so fractional rates never round wrongly. Null when
 * the amount is in another currency than the rate's (the backend decides).
 */
export function earnPoints(amount: Money, rate: EarnRate): number | null {
  if (amount.currency !== rate.currency) return null;
  const scaledRate = BigInt(Math.round(rate.pointsPerUnit * Number(RATE_SCALE)));
  const divisor = 10n ** BigInt(currencyExponent(amount.currency)) * RATE_SCALE;
  return Number((BigInt(amount.minor) * scaledRate) / divisor);
}
