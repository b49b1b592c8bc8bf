import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedConfirmation } from '../../../utils/partners';
import { addLocalDays, localDay, minuteOfDay, wallClock } from '../../../utils/time/zone';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('wall clock in a zone', () => {
  it('reads the same instant as each zone’s own date and time', () => {
    const at = Date.UTC(2026, 0, 1, 3, 30); // 04:30 in Berlin, 22:30 the evening before in New York
    expect(localDay(at, BERLIN)).toBe('2026-01-01');
    expect(minuteOfDay(at, BERLIN)).toBe(4 * 60 + 30);
    expect(localDay(at, NY)).toBe('2025-12-31');
    expect(minuteOfDay(at, NY)).toBe(22 * 60 + 30);
  });

  it('falls back to UTC for a zone name the engine does not know', () => {
    const at = Date.UTC(2026, 5, 1, 12, 0);
    expect(localDay(at, 'Mars/Olympus_Mons')).toBe('2026-06-01');
    expect(minuteOfDay(at, 'Mars/Olympus_Mons')).toBe(12 * 60);
  });
});

describe('expected confirmation date across DST', () => {
  it('Berlin, spring forward: 14 days after 23:30 the day before is 23:30 again, not past midnight', () => {
    const at = Date.UTC(2026, 2, 28, 22, 30); // Sat 28 Mar 2026 23:30 CET; DST starts 29 Mar
    const by = expectedConfirmation(at, 14, BERLIN);
    expect(localDay(by, BERLIN)).toBe('2026-04-11');
    expect(minuteOfDay(by, BERLIN)).toBe(23 * 60 + 30);
    expect(by - at).toBe(14 * DAY - HOUR);
    // Plain 24-hour days would have slipped to the next date: what this guards against.
    expect(localDay(at + 14 * DAY, BERLIN)).toBe('2026-04-12');
  });

  it('Berlin, fall back: 00:30 stays 00:30, 25 hours longer day included', () => {
    const at = Date.UTC(2026, 9, 20, 22, 30); // Wed 21 Oct 2026 00:30 CEST; DST ends 25 Oct
    const by = expectedConfirmation(at, 14, BERLIN);
    expect(localDay(by, BERLIN)).toBe('2026-11-04');
    expect(minuteOfDay(by, BERLIN)).toBe(30);
    expect(by - at).toBe(14 * DAY + HOUR);
    expect(localDay(at + 14 * DAY - 1, BERLIN)).toBe('2026-11-03');
  });

  it('New York has its own DST dates (8 March, 1 November 2026)', () => {
    const spring = Date.UTC(2026, 2, 1, 5, 0); // 1 Mar 2026 00:00 EST
    const by = expectedConfirmation(spring, 30, NY);
    expect(localDay(by, NY)).toBe('2026-03-31');
    expect(minuteOfDay(by, NY)).toBe(0);
    const fall = Date.UTC(2026, 9, 31, 3, 45); // 30 Oct 2026 23:45 EDT
    expect(localDay(expectedConfirmation(fall, 2, NY), NY)).toBe('2026-11-01');
    expect(minuteOfDay(expectedConfirmation(fall, 2, NY), NY)).toBe(23 * 60 + 45);
  });

  it('a time inside the spring-forward gap moves by the gap, as a wall clock would', () => {
    const at = Date.UTC(2026, 2, 22, 1, 30); // Sun 22 Mar 02:30 CET; 29 Mar 02:30 does not exist
    const by = addLocalDays(at, 7, BERLIN);
    expect(localDay(by, BERLIN)).toBe('2026-03-29');
    expect([60 + 30, 3 * 60 + 30]).toContain(minuteOfDay(by, BERLIN));
  });

  it('any instant, any window, any of these zones: exactly N local days later, same wall time', () => {
    const zones = [BERLIN, NY, 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 1, max: 365 }),
        fc.constantFrom(...zones),
        (at, days, zone) => {
          const by = addLocalDays(at, days, zone);
          const a = wallClock(at, zone);
          const b = wallClock(by, zone);
          const start = Date.UTC(a.year, a.month - 1, a.day);
          const end = Date.UTC(b.year, b.month - 1, b.day);
          const sameTime = a.hour === b.hour && a.minute === b.minute && a.second === b.second;
          // Only a time in a DST gap may differ (then by the gap, at most one hour).
          const shift = Math.abs(b.hour * 60 + b.minute - (a.hour * 60 + a.minute));
          return (end - start) / DAY === days && (sameTime || shift <= 60);
        },
      ),
    );
  });
});
