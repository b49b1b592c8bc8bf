import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NotifyEvent, type NotifyHistory, shouldNotify } from '../../../utils/notify/decide';
import {
  DEFAULT_NOTIFY_PREFS,
  type NotifyPrefs,
  readNotifyPrefs,
} from '../../../utils/notify/prefs';

const BERLIN = 'Europe/Berlin';
const NOON = Date.UTC(2026, 0, 10, 11, 0); // 12:00 in Berlin
const confirmed: NotifyEvent = { type: 'confirmed', key: 'confirmed:a' };
const empty: NotifyHistory = { shown: {} };
const prefs = (over: Partial<NotifyPrefs> = {}): NotifyPrefs => ({
  ...DEFAULT_NOTIFY_PREFS,
  ...over,
});

describe('shouldNotify', () => {
  it('by default: points confirmed and expiry warnings yes, purchase recorded no', () => {
    expect(shouldNotify(confirmed, prefs(), empty, NOON, BERLIN)).toEqual({ show: true });
    const expiring = { type: 'expiring', key: 'expiring:coupon:x' } as const;
    expect(shouldNotify(expiring, prefs(), empty, NOON, BERLIN).show).toBe(true);
    const recorded = { type: 'recorded', key: 'recorded:a' } as const;
    expect(shouldNotify(recorded, prefs(), empty, NOON, BERLIN)).toEqual({
      show: false,
      why: 'event-off',
    });
  });

  it('holds back during quiet hours, and once the day’s cap is reached', () => {
    const night = Date.UTC(2026, 0, 10, 22, 30); // 23:30
    expect(shouldNotify(confirmed, prefs(), empty, night, BERLIN)).toEqual({
      show: false,
      why: 'quiet-hours',
    });
    const full: NotifyHistory = { shown: {}, daily: { day: '2026-01-10', count: 3 } };
    expect(shouldNotify(confirmed, prefs(), full, NOON, BERLIN)).toEqual({
      show: false,
      why: 'daily-cap',
    });
    // The next local day the allowance is back.
    expect(shouldNotify(confirmed, prefs(), full, NOON + 86_400_000, BERLIN).show).toBe(true);
  });

  it('the same thing is never shown twice', () => {
    const shown: NotifyHistory = { shown: { 'confirmed:a': NOON - 1 } };
    expect(shouldNotify(confirmed, prefs(), shown, NOON, BERLIN)).toEqual({
      show: false,
      why: 'already-shown',
    });
  });

  it('with the one switch off nothing is ever shown, whatever else is set', () => {
    fc.assert(
      fc.property(
        fc.record({
          confirmed: fc.boolean(),
          expiring: fc.boolean(),
          recorded: fc.boolean(),
        }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        fc.constantFrom('confirmed', 'expiring', 'recorded' as const),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom(BERLIN, 'America/New_York', 'Asia/Tokyo'),
        (events, dailyCap, quiet, type, now, zone) => {
          const p = prefs({
            enabled: false,
            events,
            dailyCap,
            quietHours: { ...DEFAULT_NOTIFY_PREFS.quietHours, enabled: quiet },
          });
          return !shouldNotify({ type, key: `${type}:k` }, p, empty, now, zone).show;
        },
      ),
    );
  });
});

describe('notification prefs', () => {
  it('nothing stored: the defaults', () => {
    expect(readNotifyPrefs(undefined)).toEqual(DEFAULT_NOTIFY_PREFS);
    expect(DEFAULT_NOTIFY_PREFS).toEqual({
      enabled: true,
      events: { confirmed: true, expiring: true, recorded: false },
      dailyCap: 3,
      quietHours: { enabled: true, from: '22:00', to: '08:00' },
    });
  });

  it('a broken field takes its default and keeps the others', () => {
    const read = readNotifyPrefs({
      enabled: false,
      events: { confirmed: 'yes', recorded: true },
      dailyCap: 1000,
      quietHours: { enabled: true, from: '25:00', to: '06:30' },
    });
    expect(read).toEqual({
      enabled: false,
      events: { confirmed: true, expiring: true, recorded: true },
      dailyCap: 3,
      quietHours: { enabled: true, from: '22:00', to: '06:30' },
    });
    expect(readNotifyPrefs('garbage')).toEqual(DEFAULT_NOTIFY_PREFS);
  });
});
