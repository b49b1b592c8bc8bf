import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inQuietHours } from '../../../utils/notify/quiet-hours';
import { minuteOfDay } from '../../../utils/time/zone';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
const night = { enabled: true, from: '22:00', to: '08:00' };
/** Epoch ms of a Berlin wall-clock time in winter (UTC+1). */
const berlinWinter = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h - 1, m);

describe('quiet hours', () => {
  it('22:00–08:00 covers the night on both sides of midnight, and only the night', () => {
    expect(inQuietHours(night, berlinWinter(10, 21, 59), BERLIN)).toBe(false);
    expect(inQuietHours(night, berlinWinter(10, 22, 0), BERLIN)).toBe(true);
    expect(inQuietHours(night, berlinWinter(10, 23, 59), BERLIN)).toBe(true);
    expect(inQuietHours(night, berlinWinter(11, 0, 0), BERLIN)).toBe(true);
    expect(inQuietHours(night, berlinWinter(11, 7, 59), BERLIN)).toBe(true);
    expect(inQuietHours(night, berlinWinter(11, 8, 0), BERLIN)).toBe(false);
    expect(inQuietHours(night, berlinWinter(11, 13, 0), BERLIN)).toBe(false);
  });

  it('a daytime range (13:00–15:00) does not wrap', () => {
    const lunch = { enabled: true, from: '13:00', to: '15:00' };
    expect(inQuietHours(lunch, berlinWinter(10, 12, 59), BERLIN)).toBe(false);
    expect(inQuietHours(lunch, berlinWinter(10, 14, 0), BERLIN)).toBe(true);
    expect(inQuietHours(lunch, berlinWinter(10, 23, 0), BERLIN)).toBe(false);
  });

  it('off, or start = end: never quiet', () => {
    expect(inQuietHours({ ...night, enabled: false }, berlinWinter(10, 23), BERLIN)).toBe(false);
    const same = { enabled: true, from: '22:00', to: '22:00' };
    expect(inQuietHours(same, berlinWinter(10, 22), BERLIN)).toBe(false);
  });

  it('follows the zone the user is in now: the same instant is night in Berlin, evening in New York', () => {
    const at = Date.UTC(2026, 0, 10, 22, 30); // 23:30 Berlin, 17:30 New York
    expect(inQuietHours(night, at, BERLIN)).toBe(true);
    expect(inQuietHours(night, at, NY)).toBe(false);
  });

  it('on DST days the hours are the wall clock’s (Berlin 29 Mar and 25 Oct 2026)', () => {
    // 29 Mar: 07:30 CEST is 05:30 UTC (still quiet); 08:00 CEST is 06:00 UTC (not).
    expect(inQuietHours(night, Date.UTC(2026, 2, 29, 5, 30), BERLIN)).toBe(true);
    expect(inQuietHours(night, Date.UTC(2026, 2, 29, 6, 0), BERLIN)).toBe(false);
    // 25 Oct: 07:30 CET is 06:30 UTC (quiet); 08:00 CET is 07:00 UTC (not).
    expect(inQuietHours(night, Date.UTC(2026, 9, 25, 6, 30), BERLIN)).toBe(true);
    expect(inQuietHours(night, Date.UTC(2026, 9, 25, 7, 0), BERLIN)).toBe(false);
    // New York, 8 Mar 2026 (spring forward at 02:00): 22:00 EDT is 02:00 UTC next day.
    expect(inQuietHours(night, Date.UTC(2026, 2, 9, 1, 59), NY)).toBe(false);
    expect(inQuietHours(night, Date.UTC(2026, 2, 9, 2, 0), NY)).toBe(true);
  });

  it('for any range, zone and instant: quiet exactly when the local minute is inside it', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        hhmm,
        hhmm,
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom(BERLIN, NY, 'Asia/Tokyo', 'Australia/Adelaide', 'UTC'),
        (from, to, at, zone) => {
          const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
          const [f, t, m] = [toMin(from), toMin(to), minuteOfDay(at, zone)];
          // Counted minute by minute round the clock from `from`, up to (not including) `to`.
          const span = (t - f + 1440) % 1440;
          const expected = span > 0 && (m - f + 1440) % 1440 < span;
          return inQuietHours({ enabled: true, from, to }, at, zone) === expected;
        },
      ),
    );
  });
});
