import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badgesEarned, isoWeek, streaks } from '../../../utils/survey/streak';

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

describe('isoWeek (UTC)', () => {
  // Calendar facts, checked with GNU date: `date -u -d 2026-12-31 +%G-W%V`.
  it.each([
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'],
    ['2019-12-30', '2020-W01'],
    ['2025-12-29', '2026-W01'],
    ['2026-01-01', '2026-W01'],
    ['2026-12-07', '2026-W50'],
    ['2015-12-31', '2015-W53'],
    ['2010-01-03', '2009-W53'],
    ['2000-01-01', '1999-W52'],
    ['1970-01-01', '1970-W01'],
    ['1969-12-28', '1969-W52'],
    ['2038-01-19', '2038-W03'],
  ])('%s is %s', (day, week) => {
    expect(isoWeek(at(`${day}T00:00:00Z`))).toBe(week);
    expect(isoWeek(at(`${day}T23:59:59.999Z`))).toBe(week);
  });

  it('counts in UTC, whatever offset the time was written with', () => {
    expect(isoWeek(at('2026-12-06T23:30:00Z'))).toBe('2026-W49'); // Sunday
    expect(isoWeek(at('2026-12-06T23:30:00-01:00'))).toBe('2026-W50'); // Monday 00:30 UTC
  });

  it('refuses an invalid date', () => {
    expect(() => isoWeek(new Date(Number.NaN))).toThrow(RangeError);
  });

  const time = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });
  it('holds through Monday–Sunday and changes on Monday 00:00 UTC', () => {
    fc.assert(
      fc.property(time, (t) => {
        const d = new Date(t);
        const monday = Math.floor(t / DAY) * DAY - ((d.getUTCDay() + 6) % 7) * DAY;
        expect(isoWeek(new Date(monday))).toBe(isoWeek(d));
        expect(isoWeek(new Date(monday + 7 * DAY - 1))).toBe(isoWeek(d));
        expect(isoWeek(new Date(monday - 1))).not.toBe(isoWeek(d));
      }),
    );
  });

  it('puts 4 January in week 1 and 28 December in the last week, W53 only in long years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        expect(isoWeek(new Date(Date.UTC(year, 0, 4)))).toBe(`${year}-W01`);
        const last = isoWeek(new Date(Date.UTC(year, 11, 28)));
        // A year has 53 weeks when it starts on a Thursday, or on a Wednesday in a leap year.
        const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
        const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
        const long = jan1 === 4 || (leap && jan1 === 3);
        expect(last).toBe(`${year}-W${long ? 53 : 52}`);
      }),
    );
  });
});

describe('streaks', () => {
  const now = at('2026-12-09T12:00:00Z'); // Wednesday of 2026-W50
  const weeksAgo = (n: number, hours = 0) =>
    new Date(now.getTime() - n * 7 * DAY + hours * 3_600_000);

  it('is zero without submissions', () => {
    expect(streaks([], now)).toEqual({ current: 0, best: 0 });
  });

  it('counts consecutive weeks ending this week', () => {
    expect(streaks([weeksAgo(0), weeksAgo(1), weeksAgo(2)], now)).toEqual({ current: 3, best: 3 });
  });

  it('keeps the streak while this week has no survey yet', () => {
    expect(streaks([weeksAgo(1), weeksAgo(2)], now)).toEqual({ current: 2, best: 2 });
  });

  it('resets after a whole week without one', () => {
    expect(streaks([weeksAgo(2), weeksAgo(3), weeksAgo(4)], now)).toEqual({ current: 0, best: 3 });
    expect(streaks([weeksAgo(0), weeksAgo(2), weeksAgo(3)], now)).toEqual({ current: 1, best: 2 });
  });

  it('counts a week once, however many surveys it has', () => {
    const monday = at('2026-12-07T00:00:00Z');
    const sunday = at('2026-12-13T23:59:59Z');
    expect(streaks([monday, sunday, now], now)).toEqual({ current: 1, best: 1 });
  });

  it('links weeks across the new year (2026-W53 → 2027-W01)', () => {
    const jan = at('2027-01-06T10:00:00Z');
    const subs = [
      at('2026-12-21T10:00:00Z'),
      at('2026-12-31T10:00:00Z'),
      at('2027-01-04T00:00:00Z'),
    ];
    expect(streaks(subs, jan)).toEqual({ current: 3, best: 3 });
  });

  it('ignores invalid dates, and future weeks (clock skew) count for best only', () => {
    expect(streaks([new Date(Number.NaN), weeksAgo(0)], now)).toEqual({ current: 1, best: 1 });
    expect(streaks([weeksAgo(-1), weeksAgo(-2)], now)).toEqual({ current: 0, best: 2 });
  });

  const subs = fc
    .array(fc.integer({ min: -60, max: 3 * 7 * 24 }), { maxLength: 30 })
    .map((hs) => hs.map((h) => new Date(now.getTime() - h * 6 * 3_600_000)));
  it('properties: current ≤ best, another survey never lowers either, order does not matter', () => {
    fc.assert(
      fc.property(subs, fc.integer({ min: -10, max: 100 }), (dates, extra) => {
        const s = streaks(dates, now);
        expect(s.current).toBeLessThanOrEqual(s.best);
        const more = streaks([...dates, new Date(now.getTime() - extra * 6 * 3_600_000)], now);
        expect(more.best).toBeGreaterThanOrEqual(s.best);
        expect(streaks([...dates].reverse(), now)).toEqual(s);
      }),
    );
  });

  it('property: with no survey this week or last, current is 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 100 }), { maxLength: 20 }), (ns) => {
        expect(
          streaks(
            ns.map((n) => weeksAgo(n)),
            now,
          ).current,
        ).toBe(0);
      }),
    );
  });

  it('property: k consecutive weeks up to now give current = best = k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.boolean(), (k, skipThisWeek) => {
        const from = skipThisWeek ? 1 : 0;
        const dates = Array.from({ length: k }, (_, i) => weeksAgo(from + i));
        expect(streaks(dates, now)).toEqual({ current: k, best: k });
      }),
    );
  });
});

describe('badgesEarned', () => {
  it('awards first survey, five surveys and a four-week streak', () => {
    expect(badgesEarned(0, 0)).toEqual([]);
    expect(badgesEarned(1, 1)).toEqual(['first-survey']);
    expect(badgesEarned(5, 3)).toEqual(['first-survey', 'five-surveys']);
    expect(badgesEarned(4, 4)).toEqual(['first-survey', 'four-week-streak']);
  });
});
