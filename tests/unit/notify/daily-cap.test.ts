import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countShown, shownToday } from '../../../utils/notify/daily-cap';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';

describe('daily cap counter', () => {
  it('counts within one local day and resets at local midnight', () => {
    const evening = Date.UTC(2026, 0, 10, 22, 0); // 23:00 Berlin
    let c = countShown(undefined, evening, BERLIN);
    c = countShown(c, evening + 30 * 60_000, BERLIN); // 23:30
    expect(c).toEqual({ day: '2026-01-10', count: 2 });
    expect(shownToday(c, Date.UTC(2026, 0, 10, 22, 59), BERLIN)).toBe(2); // 23:59
    expect(shownToday(c, Date.UTC(2026, 0, 10, 23, 0), BERLIN)).toBe(0); // 00:00 next day
  });

  it('midnight is the local one: 23:00 UTC is a new day in Berlin, not yet in New York', () => {
    const c = { day: '2026-01-10', count: 3 };
    const at = Date.UTC(2026, 0, 10, 23, 30);
    expect(shownToday(c, at, BERLIN)).toBe(0);
    expect(shownToday(c, at, NY)).toBe(3);
  });

  it('flying west (the local date goes back) never hands out a second allowance', () => {
    // 3 shown on 11 Jan in Berlin at 01:00; then the zone becomes New York, where it is 10 Jan 19:00.
    const at = Date.UTC(2026, 0, 11, 0, 0);
    const c = { day: '2026-01-11', count: 3 };
    expect(shownToday(c, at, NY)).toBe(3);
    expect(countShown(c, at, NY)).toEqual({ day: '2026-01-11', count: 4 });
  });

  it('a DST day (25 hours in Berlin, 25 Oct 2026) is still one day', () => {
    const start = Date.UTC(2026, 9, 24, 22, 0); // 00:00 CEST
    const end = Date.UTC(2026, 9, 25, 22, 59); // 23:59 CET, 25 hours later
    const c = countShown(undefined, start, BERLIN);
    expect(shownToday(c, end, BERLIN)).toBe(1);
    expect(shownToday(c, end + 60_000, BERLIN)).toBe(0);
  });

  it('never more than the number shown, never negative, whatever the zones and times', () => {
    const zones = fc.constantFrom(
      BERLIN,
      NY,
      'Asia/Tokyo',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * 86_400_000 }), zones), { maxLength: 20 }),
        (steps) => {
          let c: ReturnType<typeof countShown> | undefined;
          let t = Date.UTC(2026, 5, 1);
          let n = 0;
          for (const [dt, zone] of steps) {
            t += dt;
            c = countShown(c, t, zone);
            n++;
            const today = shownToday(c, t, zone);
            if (today < 1 || today > n) return false;
          }
          return true;
        },
      ),
    );
  });
});
