import { describe, expect, it } from 'vitest';
import {
  addMonthsUtc,
  type ExpiryPolicy,
  expiringWithin,
  expiryOf,
  parseMonthDay,
  utcDay,
} from '../../utils/loyalty/expiry';

const at = (iso: string) => new Date(iso);
const day = (policy: ExpiryPolicy, earned: string) => {
  const d = expiryOf(policy, at(earned));
  return d && utcDay(d);
};
const period = (months = 36): ExpiryPolicy => ({ mode: 'period', months, monthDay: '09-30' });
const yearly = (monthDay = '09-30', months = 36): ExpiryPolicy => ({
  mode: 'yearly',
  months,
  monthDay,
});

describe('expiry dates', () => {
  it('period: the earn day plus the months, at 00:00 UTC', () => {
    expect(expiryOf(period(), at('2026-03-15T17:45:00Z'))?.toISOString()).toBe(
      '2029-03-15T00:00:00.000Z',
    );
  });

  it('period: a day the target month lacks is its last day (month ends, leap days)', () => {
    expect(day(period(1), '2026-01-31T10:00:00Z')).toBe('2026-02-28');
    expect(day(period(1), '2028-01-31T10:00:00Z')).toBe('2028-02-29');
    expect(day(period(36), '2028-02-29T10:00:00Z')).toBe('2031-02-28');
    expect(day(period(48), '2028-02-29T10:00:00Z')).toBe('2032-02-29');
    expect(day(period(3), '2026-11-30T00:00:00Z')).toBe('2027-02-28');
    expect(day(period(12), '2026-12-31T23:59:59Z')).toBe('2027-12-31');
  });

  it('period: the UTC day counts, not the local one', () => {
    // 00:30 in Berlin on 1 March is still 28 February in UTC.
    expect(day(period(1), '2026-02-28T23:30:00Z')).toBe('2026-03-28');
  });

  it('yearly: the first such day on or after the period, so at least the months pass', () => {
    expect(day(yearly(), '2026-03-15T12:00:00Z')).toBe('2029-09-30');
    expect(day(yearly(), '2026-09-30T12:00:00Z')).toBe('2029-09-30');
    expect(day(yearly(), '2026-10-01T00:00:00Z')).toBe('2030-09-30');
    expect(day(yearly(), '2026-12-31T23:59:59Z')).toBe('2030-09-30');
    expect(day(yearly('12-31', 12), '2026-12-31T08:00:00Z')).toBe('2027-12-31');
    expect(day(yearly('01-01', 12), '2026-01-02T08:00:00Z')).toBe('2028-01-01');
  });

  it('off: nothing expires', () => {
    expect(expiryOf({ mode: 'off', months: 36, monthDay: '09-30' }, at('2020-01-01'))).toBeNull();
  });

  it('addMonthsUtc crosses years both ways', () => {
    expect(utcDay(addMonthsUtc(at('2026-11-15T00:00:00Z'), 14))).toBe('2028-01-15');
    expect(utcDay(addMonthsUtc(at('2026-01-15T00:00:00Z'), -1))).toBe('2025-12-15');
  });

  it('month-days: only days every year has', () => {
    expect(parseMonthDay('09-30')).toEqual({ month: 9, day: 30 });
    expect(parseMonthDay('12-31')).toEqual({ month: 12, day: 31 });
    for (const bad of ['02-29', '02-30', '04-31', '13-01', '00-10', '09-00', '9-30', '09-30 ', ''])
      expect(parseMonthDay(bad), bad).toBeNull();
    expect(() => expiryOf(yearly('02-29'), at('2026-01-01'))).toThrow(RangeError);
  });
});

describe('the warning', () => {
  const now = at('2029-09-01T12:00:00Z');
  it('sums per day, oldest first, within the horizon, nothing already due', () => {
    const lots = [
      { expiresAt: at('2029-10-15T00:00:00Z'), remaining: 40 },
      { expiresAt: at('2029-09-30T00:00:00Z'), remaining: 100 },
      { expiresAt: at('2029-09-30T00:00:00Z'), remaining: 20 },
      { expiresAt: at('2029-09-30T00:00:00Z'), remaining: 0 },
      { expiresAt: at('2029-09-01T00:00:00Z'), remaining: 7 }, // due: the run takes it
      { expiresAt: at('2030-01-01T00:00:00Z'), remaining: 9 }, // beyond 90 days
    ];
    expect(expiringWithin(lots, now, 90)).toEqual([
      { date: '2029-09-30', points: 120 },
      { date: '2029-10-15', points: 40 },
    ]);
    expect(expiringWithin(lots, now, 0)).toEqual([]);
  });

  it('the horizon ends inclusive', () => {
    const lots = [{ expiresAt: at('2029-09-11T12:00:00Z'), remaining: 5 }];
    expect(expiringWithin(lots, now, 10)).toEqual([{ date: '2029-09-11', points: 5 }]);
    expect(expiringWithin(lots, now, 9)).toEqual([]);
  });
});
