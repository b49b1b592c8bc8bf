import { type DailyCount, shownToday } from './daily-cap';
import type { NotifyEventType, NotifyPrefs } from './prefs';
import { inQuietHours } from './quiet-hours';

/** Something in the user's own ledger worth telling them about. */
export interface NotifyEvent {
  type: NotifyEventType;
  /** Stable id of what it is about ("confirmed:<entry id>", "expiring:coupon:<id>"), shown once. */
  key: string;
}

/** What the background remembers between notifications (storage.local). */
export interface NotifyHistory {
  daily?: DailyCount;
  /** Keys already shown, with when (epoch ms); pruned once they cannot recur. */
  shown: Record<string, number>;
}

export type NotifyVerdict =
  | { show: true }
  | { show: false; why: 'all-off' | 'event-off' | 'already-shown' | 'quiet-hours' | 'daily-cap' };

/**
 * Whether to show `event` now. Pure: the caller passes the clock and the
 * user's current IANA zone, so quiet hours and the daily cap follow the
 * local wall clock wherever the user is.
 */
export function shouldNotify(
  event: NotifyEvent,
  prefs: NotifyPrefs,
  history: NotifyHistory,
  now: number,
  timeZone: string,
): NotifyVerdict {
  if (!prefs.enabled) return { show: false, why: 'all-off' };
  if (!prefs.events[event.type]) return { show: false, why: 'event-off' };
  if (history.shown[event.key] !== undefined) return { show: false, why: 'already-shown' };
  if (inQuietHours(prefs.quietHours, now, timeZone)) return { show: false, why: 'quiet-hours' };
  if (shownToday(history.daily, now, timeZone) >= prefs.dailyCap)
    return { show: false, why: 'daily-cap' };
  return { show: true };
}
