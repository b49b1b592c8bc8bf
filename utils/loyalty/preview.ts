import type { CouponEffect, EarnRate, Money, Program } from '../contract';
import type { CouponView } from '../program/coupons';
import { type EarnRules, earn } from './earn';

/**
 * The earn rules that would apply to a purchase at `partnerId` now: the
 * member's tier multiplier and the coupons activated there (confirmed by the
 * server, or activated here and not yet sent: the popup's own coupon states,
 * utils/program/coupons.ts) that are valid at `now`. The same rules the
 * server applies at confirmation (utils/loyalty/earn.ts).
 */
export function earnRulesNow(opts: {
  rate: EarnRate;
  partnerId: string;
  program?: Program;
  coupons?: readonly Pick<CouponView, 'coupon' | 'state'>[];
  now: number;
}): EarnRules {
  const { program, now } = opts;
  const tier = program?.tiers.find((t) => t.id === program.member.tierId);
  const coupons: CouponEffect[] = (opts.coupons ?? [])
    .filter(
      ({ coupon: c, state }) =>
        c.partnerId === opts.partnerId &&
        (state === 'activated' || state === 'activating') &&
        Date.parse(c.validFrom) <= now &&
        now < Date.parse(c.validUntil),
    )
    .map(({ coupon }) => coupon)
    .map(({ id, kind, multiplier, bonusPoints, minAmount, maxExtraPoints }) => ({
      id,
      kind,
      multiplier,
      bonusPoints,
      minAmount,
      maxExtraPoints,
    }));
  return { rate: opts.rate, tierMultiplier: tier?.multiplier ?? 1, coupons };
}

/** "About N points for this": what buying at `price` would earn under `rules` (null: other currency). */
export function previewPoints(price: Money, rules: EarnRules): number | null {
  const earned = earn(price, rules);
  return earned && earned.points > 0 ? earned.points : null;
}
