import { describe, expect, it } from 'vitest';
import { earn } from '@/utils/loyalty/earn';
import { multiplierAt } from '../../server/services/plans';

const EUR = (minor: number) => ({ minor, currency: 'EUR' });
const rate = { pointsPerUnit: 2, currency: 'EUR' };

describe('the paid plan in the earn rules', () => {
  it('adds floor(base × (plan multiplier − 1)) on top of the tier, both from the base', () => {
    const e = earn(EUR(1234), { rate, tierMultiplier: 1.25, planMultiplier: 2, coupons: [] })!;
    // base 24, tier +6, Plus +24.
    expect(e).toMatchObject({ base: 24, tierExtra: 6, planExtra: 24, points: 54 });
    const odd = earn(EUR(700), { rate, tierMultiplier: 1, planMultiplier: 1.5, coupons: [] })!;
    expect([odd.base, odd.planExtra, odd.points]).toEqual([14, 7, 21]);
  });

  it('no plan (absent or 1) changes nothing', () => {
    const without = earn(EUR(1234), { rate, tierMultiplier: 1.25, coupons: [] })!;
    const one = earn(EUR(1234), { rate, tierMultiplier: 1.25, planMultiplier: 1, coupons: [] })!;
    expect(without).toEqual(one);
    expect(without.planExtra).toBe(0);
  });

  it('the period of the purchase time decides; a future time counts as now', () => {
    const periods = [{ startsAt: 1000, endsAt: 2000, multiplier: 2 }];
    expect(multiplierAt(periods, 999, 5000)).toBe(1);
    expect(multiplierAt(periods, 1000, 5000)).toBe(2);
    expect(multiplierAt(periods, 1999, 5000)).toBe(2);
    expect(multiplierAt(periods, 2000, 5000)).toBe(1);
    // Stamped ahead of the clock while the plan is over: no Plus.
    expect(multiplierAt(periods, 1500, 500)).toBe(1);
  });
});
