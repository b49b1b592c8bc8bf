import type { CouponEffect, EarnRate, Money } from '../contract';
import { earnPoints } from './points';

/**
 * The earn rules, one module for the extension's estimate and the server's
 * figure at confirmation (and on a return), so both always agree:
 *
 *   points = base + tier extra + plan extra + coupon extra + bonuses
 *   base        = floor(amount × partner rate)                  (points.ts)
 *   tier extra  = floor(base × (tier multiplier − 1))
 *   plan extra  = floor(base × (plan multiplier − 1)): the paid plan Plus
 *                 active at the purchase time (none: 1)
 *   coupon extra: ONE multiplier coupon per claim, the one giving the most
 *                 extra points: floor(base × (multiplier − 1)), capped by
 *                 its maxExtraPoints ("10×" = ten times the base in all)
 *   bonuses     = every bonus coupon whose minimum amount is reached (same
 *                 currency), each capped by its maxExtraPoints
 *
 * Multipliers are applied to the base, never to each other, so stacking is
 * additive and predictable. Every step is integer arithmetic on millionths
 * and rounds down (a shopper is never promised a point the server will not
 * credit). The per-order caps (partner, POINTS_MAX) are applied by callers.
 */

const SCALE = 1_000_000n;

/** floor(points × (multiplier − 1)), exact for multipliers given to 6 decimals. */
function extraFor(points: number, multiplier: number): number {
  const m = BigInt(Math.round(multiplier * Number(SCALE)));
  if (m <= SCALE) return 0;
  return Number((BigInt(points) * (m - SCALE)) / SCALE);
}

const reaches = (amount: Money, min: Money | null) =>
  min === null || (min.currency === amount.currency && amount.minor >= min.minor);

const capped = (points: number, cap: number | null) =>
  cap === null ? points : Math.min(points, cap);

export interface EarnRules {
  rate: EarnRate;
  /** The member's tier multiplier when the claim was made (1 = none). */
  tierMultiplier: number;
  /** The paid plan's multiplier when the claim was made (absent or 1 = no plan). */
  planMultiplier?: number;
  /** Coupons activated before the claim and valid at it, at this partner. */
  coupons: readonly CouponEffect[];
}

export interface Earned {
  base: number;
  tierExtra: number;
  planExtra: number;
  couponExtra: number;
  bonus: number;
  /** The sum: what the claim earns. */
  points: number;
  /** Ids of the coupons that added points, in the order applied. */
  applied: string[];
}

/** What `amount` earns under `rules`; null when it is in another currency than the rate's. */
export function earn(amount: Money, rules: EarnRules): Earned | null {
  const base = earnPoints(amount, rules.rate);
  if (base === null) return null;
  const tierExtra = extraFor(base, rules.tierMultiplier);
  const planExtra = extraFor(base, rules.planMultiplier ?? 1);
  let best: { id: string; extra: number } | undefined;
  const bonuses: { id: string; points: number }[] = [];
  for (const c of rules.coupons) {
    if (!reaches(amount, c.minAmount)) continue;
    if (c.kind === 'multiplier' && c.multiplier !== null) {
      const extra = capped(extraFor(base, c.multiplier), c.maxExtraPoints);
      // The highest extra wins; on a tie the smaller id, so the choice never depends on order.
      if (extra > 0 && (!best || extra > best.extra || (extra === best.extra && c.id < best.id)))
        best = { id: c.id, extra };
    } else if (c.kind === 'bonus' && c.bonusPoints !== null) {
      const points = capped(c.bonusPoints, c.maxExtraPoints);
      if (points > 0) bonuses.push({ id: c.id, points });
    }
  }
  bonuses.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const couponExtra = best?.extra ?? 0;
  const bonus = bonuses.reduce((s, b) => s + b.points, 0);
  return {
    base,
    tierExtra,
    planExtra,
    couponExtra,
    bonus,
    points: base + tierExtra + planExtra + couponExtra + bonus,
    applied: [...(best ? [best.id] : []), ...bonuses.map((b) => b.id)],
  };
}
