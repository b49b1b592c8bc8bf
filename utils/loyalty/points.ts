import type { EarnRate, Money } from '../contract';
import { currencyExponent } from '../money';

/**
 * Points a purchase earns under a partner's rate: whole points, rounded down,
 * computed in integers from minor units. A purchase in another currency than
 * the rate's earns an estimate of 0 here; the backend converts and decides.
 */
export function estimatePoints(total: Money, earn: EarnRate): number {
  if (total.currency !== earn.currency) return 0;
  const unit = 10 ** currencyExponent(total.currency);
  // pointsPerUnit may be fractional (0.5 = one point per 2 €); scale it to an
  // integer per mille so the product stays exact for realistic totals.
  const perMille = Math.round(earn.pointsPerUnit * 1000);
  return Math.floor((total.minor * perMille) / (unit * 1000));
}
