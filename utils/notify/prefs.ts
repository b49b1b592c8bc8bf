import { z } from 'zod';

/**
 * What the shopper chose about browser notifications (storage.local,
 * STORAGE_KEYS.notifyPrefs). Defaults, as a shopper expects them:
 * - points confirmed: ON. The news a shopper waits days or weeks for, rare,
 *   and otherwise only seen by opening the popup.
 * - coupon or voucher about to expire: ON. Only for things the shopper
 *   acted on (an activated coupon, a redeemed voucher), once each: letting
 *   one lapse unnoticed costs real points. Never for coupons merely offered.
 * - purchase recorded: OFF. The shop's confirmation page already says so
 *   in-page at that very moment; a second, system-wide message is noise.
 * - at most 3 a day, quiet from 22:00 to 08:00 in the user's time zone.
 */

/** "HH:MM", 24-hour, as <input type="time"> gives it. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const NOTIFY_EVENTS = ['confirmed', 'expiring', 'recorded'] as const;
export type NotifyEventType = (typeof NOTIFY_EVENTS)[number];

export const DAILY_CAP_MAX = 20;

// `.catch` on every field: a missing field (a newer setting) or a broken one
// (an older or tampered value) takes its default, and never turns the others off.
const Events = z.object({
  confirmed: z.boolean().catch(true),
  expiring: z.boolean().catch(true),
  recorded: z.boolean().catch(false),
});
const QuietHours = z.object({
  enabled: z.boolean().catch(true),
  /** Start, inclusive; may be later than `to` (the quiet time crosses midnight). */
  from: ClockTime.catch('22:00'),
  /** End, exclusive. */
  to: ClockTime.catch('08:00'),
});

export const NotifyPrefs = z.object({
  /** The one switch: off means no notification at all. */
  enabled: z.boolean().catch(true),
  events: Events.catch(() => Events.parse({})),
  /** Notifications per local calendar day, at most. */
  dailyCap: z.number().int().min(1).max(DAILY_CAP_MAX).catch(3),
  quietHours: QuietHours.catch(() => QuietHours.parse({})),
});
export type NotifyPrefs = z.infer<typeof NotifyPrefs>;

export const DEFAULT_NOTIFY_PREFS: NotifyPrefs = NotifyPrefs.parse({});

/** The stored prefs, completed with the defaults (anything stored may be old or broken). */
export function readNotifyPrefs(stored: unknown): NotifyPrefs {
  return NotifyPrefs.parse(typeof stored === 'object' && stored !== null ? stored : {});
}
