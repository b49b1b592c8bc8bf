/**
 * When points expire (issue 13): pure date logic shared by the server (a lot's
 * expiry date, the expiry run, the warning) and the extension (the warning's
 * dates).
 *
 * Expiry dates are UTC calendar days, "YYYY-MM-DD". A lot's expiry day is
 * the first day on which its points are gone: the run takes a lot once
 * 00:00 UTC of that day has passed, and the popup prints the day itself
 * (formatted in UTC), so every member, server and time zone agree on the date
 * the warning names. UTC rather than a program time zone: a whole-day rule
 * needs no time-zone database on the server, and a 36-month period does not
 * care about the hours either way.
 *
 * - period: the earn day (UTC) plus `months` calendar months; a day the
 *   target month lacks is clamped to its last day (31 Jan + 1 month = 28/29 Feb,
 *   29 Feb 2028 + 36 months = 28 Feb 2031).
 * - yearly: the first `monthDay` (MM-DD, e.g. 09-30 like PAYBACK) on or after
 *   that period's end, so a lot always lasts at least `months`.
 * - off: nothing expires.
 */

import type { ExpiringPoints } from '../contract/program';

export type ExpiryMode = 'off' | 'period' | 'yearly';

export interface ExpiryPolicy {
  mode: ExpiryMode;
  /** Minimum lifetime of a lot in calendar months. */
  months: number;
  /** yearly: the day of the year lots expire on, "MM-DD" (29 February is refused). */
  monthDay: string;
}

export const DEFAULT_EXPIRY_POLICY: ExpiryPolicy = {
  mode: 'period',
  months: 36,
  monthDay: '09-30',
};

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const daysIn = (year: number, month0: number) =>
  new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/**
 * "09-30" → { month: 9, day: 30 }; null for anything that is not a day every
 * year has (29 February would skip three years in four).
 */
export function parseMonthDay(s: string): { month: number; day: number } | null {
  const m = MONTH_DAY.exec(s);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1) return null;
  // 2001 is not a leap year: 02-29 is refused.
  return day <= daysIn(2001, month - 1) ? { month, day } : null;
}

/** The UTC day of `at` plus `months` calendar months, clamped to the month's end, at 00:00 UTC. */
export function addMonthsUtc(at: Date, months: number): Date {
  const total = at.getUTCFullYear() * 12 + at.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(at.getUTCDate(), daysIn(year, month0));
  return new Date(Date.UTC(year, month0, day));
}

/** When a lot earned at `earnedAt` expires (00:00 UTC of its expiry day), or null when nothing expires. */
export function expiryOf(policy: ExpiryPolicy, earnedAt: Date): Date | null {
  if (policy.mode === 'off' || Number.isNaN(earnedAt.getTime())) return null;
  const earliest = addMonthsUtc(earnedAt, policy.months);
  if (policy.mode === 'period') return earliest;
  const md = parseMonthDay(policy.monthDay);
  if (!md) throw new RangeError(`not a yearly expiry day: ${policy.monthDay}`);
  const year = earliest.getUTCFullYear();
  const same = Date.UTC(year, md.month - 1, md.day);
  return new Date(same >= earliest.getTime() ? same : Date.UTC(year + 1, md.month - 1, md.day));
}

/** "2029-09-30" for an instant, by its UTC day. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * What expires after `now` and within `horizonDays`: the open lots' remaining
 * points summed per expiry day, the oldest day first. Lots already due are
 * left out (the next run takes them; the warning only speaks of the future).
 */
export function expiringWithin(
  lots: readonly { expiresAt: Date; remaining: number }[],
  now: Date,
  horizonDays: number,
): ExpiringPoints[] {
  const until = now.getTime() + horizonDays * DAY_MS;
  const byDay = new Map<string, number>();
  for (const lot of lots) {
    const at = lot.expiresAt.getTime();
    if (lot.remaining <= 0 || at <= now.getTime() || at > until) continue;
    const day = utcDay(lot.expiresAt);
    byDay.set(day, (byDay.get(day) ?? 0) + lot.remaining);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, points]) => ({ date, points }));
}
