import { localDay } from '../time/zone';

/**
 * Notifications shown per local calendar day. Keyed by the day's date in the
 * zone the user was in when they were counted, so the count resets at local
 * midnight and survives the worker's death (it lives in storage.local).
 */
export interface DailyCount {
  /** "YYYY-MM-DD", local. */
  day: string;
  count: number;
}

/**
 * How many were shown "today". A stored day later than today (the user flew
 * west, or the clock went back) still counts as today: a zone change must
 * never hand out a second day's allowance. An earlier day is yesterday: 0.
 */
export function shownToday(counter: DailyCount | undefined, now: number, timeZone: string): number {
  if (!counter) return 0;
  return counter.day >= localDay(now, timeZone) ? counter.count : 0;
}

/** The counter after one more notification shown at `now`. */
export function countShown(
  counter: DailyCount | undefined,
  now: number,
  timeZone: string,
): DailyCount {
  const today = localDay(now, timeZone);
  const used = shownToday(counter, now, timeZone);
  // Stay on the later day while it is ahead, so going back in time resets nothing.
  const day = counter && counter.day > today ? counter.day : today;
  return { day, count: used + 1 };
}
