import { minuteOfDay } from '../time/zone';
import type { NotifyPrefs } from './prefs';

/** "22:30" → 1350 (minutes since midnight). */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * Whether `now` falls into the quiet hours, read on the wall clock of
 * `timeZone` (the user's zone at this moment: after a flight or a DST
 * change the same setting means the new local night). `from` is inclusive,
 * `to` exclusive; from > to crosses midnight (22:00–08:00); from = to means
 * no quiet time at all, not a whole day of it.
 */
export function inQuietHours(
  quiet: NotifyPrefs['quietHours'],
  now: number,
  timeZone: string,
): boolean {
  if (!quiet.enabled) return false;
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  if (from === to) return false;
  const m = minuteOfDay(now, timeZone);
  return from < to ? m >= from && m < to : m >= from || m < to;
}
