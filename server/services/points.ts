import type { EarnRate, Money } from '../../utils/contract';

const exponents = new Map<string, number>();

/** ISO 4217 minor-unit exponent (EUR 2, JPY 0, BHD 3), from the runtime's ICU data. */
export function currencyExponent(currency: string): number {
  let e = exponents.get(currency);
  if (e === undefined) {
    try {
      e = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits;
    } catch {
      e = 2;
    }
    exponents.set(currency, e ?? 2);
  }
  return e ?? 2;
}

// Rates like 0.5 or 1.25 points per unit are exact as millionths.
const RATE_SCALE = 1_000_000n;

/**
 * points = floor(amount.minor * pointsPerUnit / 10^exponent), in integer
 * arithmetic so fractional rates do not round wrongly. Null when the amount
 * is in another currency than the partner's earn rate.
 */
export function earnPoints(amount: Money, rate: EarnRate): number | null {
  if (amount.currency !== rate.currency) return null;
  const scaledRate = BigInt(Math.round(rate.pointsPerUnit * Number(RATE_SCALE)));
  const divisor = 10n ** BigInt(currencyExponent(amount.currency)) * RATE_SCALE;
  return Number((BigInt(amount.minor) * scaledRate) / divisor);
}
