import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coupon, EarnRate, Money, Program } from '../../utils/contract';
import { type EarnRules, earn } from '../../utils/loyalty/earn';
import { earnRulesNow, previewPoints } from '../../utils/loyalty/preview';
import type { CouponView } from '../../utils/program/coupons';

/**
 * The banner's "about N points for this": the rules that apply now (tier,
 * coupons activated at this partner and valid now) and the points under
 * them, from the one earn module the server credits by.
 */

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const EUR = (minor: number): Money => ({ minor, currency: 'EUR' });
const rate: EarnRate = { pointsPerUnit: 2, currency: 'EUR' };

const tiers: Program['tiers'] = [
  { id: 'blue', name: 'Blue', position: 1, minQualifying: 0, multiplier: 1, benefits: [] },
  {
    id: 'gold',
    name: 'Gold',
    position: 2,
    minQualifying: 5000,
    multiplier: 1.5,
    benefits: ['earn-multiplier'],
  },
];
const program = (tierId: string): Program => ({
  tiers,
  member: {
    tierId,
    qualifying: 6000,
    period: 'calendar-year',
    next: null,
    nextBy: null,
    reviewAt: null,
  },
});

const coupon = (id: string, over: Partial<Coupon> = {}): Coupon => ({
  id,
  kind: 'multiplier',
  multiplier: 10,
  bonusPoints: null,
  minAmount: null,
  maxExtraPoints: null,
  partnerId: 'demo-shop',
  validFrom: iso(NOW - 24 * HOUR),
  validUntil: iso(NOW + 24 * HOUR),
  state: 'activated',
  activatedAt: iso(NOW - HOUR),
  ...over,
});
const view = (c: Coupon, state: CouponView['state'] = c.state): CouponView => ({
  coupon: c,
  state,
});
const rulesAt = (coupons: CouponView[], now = NOW, tierId = 'blue') =>
  earnRulesNow({ rate, partnerId: 'demo-shop', program: program(tierId), coupons, now });
const couponIds = (r: EarnRules) => r.coupons.map((c) => c.id);

describe('earnRulesNow', () => {
  it("takes the member's tier multiplier, and 1 without a program or a known tier", () => {
    expect(rulesAt([], NOW, 'gold').tierMultiplier).toBe(1.5);
    expect(rulesAt([], NOW, 'blue').tierMultiplier).toBe(1);
    expect(rulesAt([], NOW, 'platinum').tierMultiplier).toBe(1);
    expect(earnRulesNow({ rate, partnerId: 'demo-shop', now: NOW })).toEqual({
      rate,
      tierMultiplier: 1,
      coupons: [],
    });
  });

  it('takes coupons activated (or being activated) here, and no others', () => {
    const r = rulesAt([
      view(coupon('on')),
      view(coupon('sending', { state: 'available' }), 'activating'),
      view(coupon('not-activated', { state: 'available' })),
      view(coupon('used', { state: 'used' })),
      view(coupon('expired', { state: 'expired' })),
      view(coupon('elsewhere', { partnerId: 'other-shop' })),
    ]);
    expect(couponIds(r)).toEqual(['on', 'sending']);
  });

  it('passes on only what the earn rules read of a coupon', () => {
    const c = coupon('bonus-500', {
      kind: 'bonus',
      multiplier: null,
      bonusPoints: 500,
      minAmount: EUR(5000),
      maxExtraPoints: 400,
    });
    expect(rulesAt([view(c)]).coupons).toEqual([
      {
        id: 'bonus-500',
        kind: 'bonus',
        multiplier: null,
        bonusPoints: 500,
        minAmount: EUR(5000),
        maxExtraPoints: 400,
      },
    ]);
  });

  it('counts a coupon from its validFrom on, and no longer at its validUntil', () => {
    const c = coupon('window', { validFrom: iso(NOW), validUntil: iso(NOW + HOUR) });
    expect(couponIds(rulesAt([view(c)], NOW - 1))).toEqual([]);
    expect(couponIds(rulesAt([view(c)], NOW))).toEqual(['window']);
    expect(couponIds(rulesAt([view(c)], NOW + HOUR - 1))).toEqual(['window']);
    expect(couponIds(rulesAt([view(c)], NOW + HOUR))).toEqual([]);
  });

  it('ignores a coupon whose dates cannot be read', () => {
    const bad = [
      coupon('a', { validFrom: 'soon' }),
      coupon('b', { validUntil: '' }),
      coupon('c', { validFrom: iso(NOW + HOUR), validUntil: iso(NOW - HOUR) }),
    ];
    expect(couponIds(rulesAt(bad.map((c) => view(c))))).toEqual([]);
  });
});

describe('previewPoints', () => {
  it('49.90 € at 2/€ with a 10× coupon is 990 points (the worked example)', () => {
    const rules = rulesAt([view(coupon('ten'))]);
    expect(previewPoints(EUR(4990), rules)).toBe(990);
    // Without the coupon: floor(49.90 × 2).
    expect(previewPoints(EUR(4990), rulesAt([]))).toBe(99);
  });

  it('adds the tier on the base, not on the coupon', () => {
    // base 99, gold tier floor(99 × 0.5) = 49, coupon 99 × 9 = 891.
    expect(previewPoints(EUR(4990), rulesAt([view(coupon('ten'))], NOW, 'gold'))).toBe(1039);
  });

  it('ignores an expired coupon that is still marked activated', () => {
    const old = coupon('ten', { validUntil: iso(NOW) });
    expect(previewPoints(EUR(4990), rulesAt([view(old)]))).toBe(99);
  });

  it('is null for a price in another currency than the rate', () => {
    expect(previewPoints({ minor: 4990, currency: 'CHF' }, rulesAt([view(coupon('ten'))]))).toBe(
      null,
    );
  });

  it('is null when the purchase would earn nothing', () => {
    expect(previewPoints(EUR(0), rulesAt([]))).toBeNull();
    // 0.49 € at 2/€ is 0.98 points: rounded down, never promised.
    expect(previewPoints(EUR(49), rulesAt([view(coupon('ten'))], NOW, 'gold'))).toBeNull();
  });

  it('is always what the earn rules give for the same rules (one source of truth)', () => {
    const cents = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => n / 100);
    const couponArb = fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
      multiplier: fc.option(cents(100, 10_000)),
      bonusPoints: fc.option(fc.integer({ min: 1, max: 1_000_000 })),
      minAmount: fc.option(fc.integer({ min: 0, max: 1_000_000 }).map(EUR)),
      maxExtraPoints: fc.option(fc.integer({ min: 1, max: 100_000 })),
      partnerId: fc.constantFrom('demo-shop', 'other-shop'),
      state: fc.constantFrom<CouponView['state']>(
        'available',
        'activating',
        'activated',
        'used',
        'expired',
      ),
      fromH: fc.integer({ min: -48, max: 48 }),
      forH: fc.integer({ min: 0, max: 96 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom('EUR', 'CHF'),
        cents(1, 100_000),
        fc.constantFrom('blue', 'gold', 'unknown'),
        fc.uniqueArray(couponArb, { maxLength: 6, selector: (c) => c.id }),
        (minor, currency, pointsPerUnit, tierId, cs) => {
          const r = earnRulesNow({
            rate: { pointsPerUnit, currency: 'EUR' },
            partnerId: 'demo-shop',
            program: program(tierId),
            coupons: cs.map((c) => ({
              state: c.state,
              coupon: coupon(c.id, {
                kind: c.multiplier === null ? 'bonus' : 'multiplier',
                multiplier: c.multiplier,
                bonusPoints: c.multiplier === null ? c.bonusPoints : null,
                minAmount: c.minAmount,
                maxExtraPoints: c.maxExtraPoints,
                partnerId: c.partnerId,
                validFrom: iso(NOW + c.fromH * HOUR),
                validUntil: iso(NOW + (c.fromH + c.forH) * HOUR),
              }),
            })),
            now: NOW,
          });
          const price = { minor, currency };
          const earned = earn(price, r);
          expect(previewPoints(price, r)).toBe(earned && earned.points > 0 ? earned.points : null);
        },
      ),
    );
  });
});
