import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CouponEffect, EarnRate, Money } from '../../utils/contract';
import { type EarnRules, earn } from '../../utils/loyalty/earn';

/**
 * The shared earn rules (utils/loyalty/earn.ts). The server suite checks that
 * the pending estimate at claim equals the credited figure at confirmation
 * (tests/server/coupons.test.ts, tiers.test.ts): both call this function.
 */

const EUR = (minor: number): Money => ({ minor, currency: 'EUR' });
const rate = (pointsPerUnit: number): EarnRate => ({ pointsPerUnit, currency: 'EUR' });
const rules = (r: Partial<EarnRules> = {}): EarnRules => ({
  rate: rate(1),
  tierMultiplier: 1,
  coupons: [],
  ...r,
});
const multiplier = (id: string, m: number, cap: number | null = null): CouponEffect => ({
  id,
  kind: 'multiplier',
  multiplier: m,
  bonusPoints: null,
  minAmount: null,
  maxExtraPoints: cap,
});
const bonus = (
  id: string,
  points: number,
  min: Money | null = null,
  cap: number | null = null,
): CouponEffect => ({
  id,
  kind: 'bonus',
  multiplier: null,
  bonusPoints: points,
  minAmount: min,
  maxExtraPoints: cap,
});

// Multipliers and rates with up to 2 decimals, as the tables store them.
const cents = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => n / 100);
const couponArb: fc.Arbitrary<CouponEffect> = fc.oneof(
  fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
      cents(100, 10_000),
      fc.option(fc.integer({ min: 1, max: 100_000 })),
    )
    .map(([id, m, cap]) => multiplier(id, m, cap)),
  fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.option(fc.integer({ min: 0, max: 1_000_000 }).map(EUR)),
      fc.option(fc.integer({ min: 1, max: 100_000 })),
    )
    .map(([id, p, min, cap]) => bonus(id, p, min, cap)),
);
const inputArb = fc.record({
  amount: fc.integer({ min: 0, max: 1_000_000_000 }).map(EUR),
  rules: fc.record({
    rate: cents(1, 100_000).map(rate),
    tierMultiplier: cents(100, 1000),
    // Coupon ids are unique in a program (the coupons table's key).
    coupons: fc.uniqueArray(couponArb, { maxLength: 6, selector: (c) => c.id }),
  }),
});

describe('earn: properties', () => {
  it('points are never negative, always integers, and the parts add up', () => {
    fc.assert(
      fc.property(inputArb, ({ amount, rules }) => {
        const e = earn(amount, rules)!;
        for (const n of [e.points, e.base, e.tierExtra, e.couponExtra, e.bonus]) {
          expect(Number.isSafeInteger(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(0);
        }
        expect(e.points).toBe(e.base + e.tierExtra + e.couponExtra + e.bonus);
      }),
    );
  });

  it('rounds down: the base is floor(amount × rate) and the tier extra floor(base × (m − 1))', () => {
    fc.assert(
      fc.property(inputArb, ({ amount, rules }) => {
        const e = earn(amount, rules)!;
        // Exact rational arithmetic: rates and multipliers are whole hundredths.
        const r = BigInt(Math.round(rules.rate.pointsPerUnit * 100));
        expect(e.base).toBe(Number((BigInt(amount.minor) * r) / 10_000n));
        const m = BigInt(Math.round(rules.tierMultiplier * 100));
        expect(e.tierExtra).toBe(Number((BigInt(e.base) * (m - 100n)) / 100n));
      }),
    );
  });

  it('only the best multiplier coupon counts (within its cap); every reached bonus adds', () => {
    fc.assert(
      fc.property(inputArb, ({ amount, rules }) => {
        const e = earn(amount, rules)!;
        const extras = rules.coupons
          .filter((c) => c.kind === 'multiplier')
          .map((c) => {
            const extra = Number(
              (BigInt(e.base) * BigInt(Math.round(c.multiplier! * 100) - 100)) / 100n,
            );
            return c.maxExtraPoints === null ? extra : Math.min(extra, c.maxExtraPoints);
          });
        expect(e.couponExtra).toBe(Math.max(0, ...extras));
        const bonuses = rules.coupons
          .filter((c) => c.kind === 'bonus')
          .filter((c) => c.minAmount === null || amount.minor >= c.minAmount.minor)
          .map((c) => Math.min(c.bonusPoints!, c.maxExtraPoints ?? Number.POSITIVE_INFINITY));
        expect(e.bonus).toBe(bonuses.reduce((s, b) => s + b, 0));
        expect(
          e.applied.filter((id) => rules.coupons.find((c) => c.id === id)?.kind === 'multiplier')
            .length,
        ).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('does not depend on the order of the coupons, and another coupon never lowers the points', () => {
    fc.assert(
      fc.property(inputArb, couponArb, ({ amount, rules }, extra) => {
        const e = earn(amount, rules)!;
        const reversed = earn(amount, { ...rules, coupons: [...rules.coupons].reverse() })!;
        expect(reversed).toEqual(e);
        const more = earn(amount, { ...rules, coupons: [...rules.coupons, extra] })!;
        expect(more.points).toBeGreaterThanOrEqual(e.points);
      }),
    );
  });

  it('the same inputs give the same figure (the estimate at claim is the credit at confirmation)', () => {
    fc.assert(
      fc.property(inputArb, ({ amount, rules }) => {
        const copy = JSON.parse(JSON.stringify(rules)) as EarnRules; // as stored in meta.earn
        expect(earn(amount, copy)).toEqual(earn(amount, rules));
      }),
    );
  });
});

describe('earn: examples', () => {
  it('10× means ten times the base in all', () => {
    const e = earn(EUR(1234), rules({ rate: rate(2), coupons: [multiplier('ten', 10)] }))!;
    expect(e).toMatchObject({ base: 24, couponExtra: 216, points: 240, applied: ['ten'] });
  });

  it('tier multiplier 1.25 on odd bases rounds down', () => {
    const cases: [number, number][] = [
      [1, 0],
      [3, 0],
      [5, 1],
      [7, 1],
      [25, 6],
      [99, 24],
      [101, 25],
    ];
    for (const [base, extra] of cases) {
      const e = earn(EUR(base * 100), rules({ tierMultiplier: 1.25 }))!;
      expect([e.base, e.tierExtra, e.points]).toEqual([base, extra, base + extra]);
    }
  });

  it('stacks additively: tier and coupon extras are both taken from the base', () => {
    const e = earn(
      EUR(10_000),
      rules({
        tierMultiplier: 1.5,
        coupons: [multiplier('three', 3), multiplier('two', 2), bonus('b', 500, EUR(5000))],
      }),
    )!;
    // base 100, tier +50, best coupon (3×) +200, bonus +500.
    expect(e).toMatchObject({ base: 100, tierExtra: 50, couponExtra: 200, bonus: 500 });
    expect(e.points).toBe(850);
    expect(e.applied).toEqual(['three', 'b']);
  });

  it('caps: a capped 10× can lose to an uncapped 3×', () => {
    const e = earn(
      EUR(10_000),
      rules({ coupons: [multiplier('ten', 10, 150), multiplier('three', 3)] }),
    )!;
    expect(e).toMatchObject({ couponExtra: 200, applied: ['three'] });
    const capped = earn(EUR(10_000), rules({ coupons: [multiplier('ten', 10, 150)] }))!;
    expect(capped.couponExtra).toBe(150);
  });

  it('a bonus needs its minimum in its currency; equal multipliers pick the smaller id', () => {
    expect(earn(EUR(4999), rules({ coupons: [bonus('b', 500, EUR(5000))] }))!.bonus).toBe(0);
    expect(earn(EUR(5000), rules({ coupons: [bonus('b', 500, EUR(5000))] }))!.bonus).toBe(500);
    const usd = { minor: 100, currency: 'USD' };
    expect(earn(EUR(100_000), rules({ coupons: [bonus('b', 500, usd)] }))!.bonus).toBe(0);
    const tie = earn(EUR(1000), rules({ coupons: [multiplier('zz', 2), multiplier('aa', 2)] }))!;
    expect(tie.applied).toEqual(['aa']);
  });

  it('another currency than the rate gives null; nothing to earn gives 0, and applies no coupon', () => {
    expect(earn({ minor: 1000, currency: 'USD' }, rules())).toBeNull();
    const zero = earn(EUR(0), rules({ coupons: [multiplier('ten', 10)], tierMultiplier: 2 }))!;
    expect(zero).toMatchObject({ points: 0, applied: [] });
  });
});
