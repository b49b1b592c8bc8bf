import type { BadgeId } from '../contract/survey';

const DAY = 86_400_000;

/** Whole UTC days since 1970-01-01 (a Thursday). */
const dayNumber = (at: Date) => Math.floor(at.getTime() / DAY);
/** ISO weeks since the week of 1970-01-01, Monday-based, so consecutive weeks differ by 1. */
const weekNumber = (at: Date) => Math.floor((dayNumber(at) + 3) / 7);

/**
 * ISO 8601 week of a time in UTC, e.g. "2026-W49": weeks start on Monday and
 * week 1 holds the year's first Thursday, so 2027-01-01 is "2026-W53" and
 * 2021-01-03 is "2020-W53". Throws a RangeError on an invalid date.
 */
export function isoWeek(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('isoWeek of an invalid date');
  const day = dayNumber(at);
  // The Thursday of this week decides the week's year.
  const thursday = new Date((day - ((((day + 3) % 7) + 7) % 7) + 3) * DAY);
  const year = thursday.getUTCFullYear();
  const week =
    Math.floor((dayNumber(thursday) - dayNumber(new Date(Date.UTC(year, 0, 1)))) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/**
 * Streaks from the times of a member's completed surveys: `current` counts
 * consecutive ISO weeks (UTC) with a survey, ending at this week, or at last
 * week while this week has none yet (the streak lasts until a whole week
 * passes without one); 0 otherwise. `best` is the longest run ever (at least
 * `current`). Several surveys in one week count once; invalid dates and
 * surveys dated after `now`'s week (clock skew) count for `best` only.
 */
export function streaks(
  submittedAt: readonly Date[],
  now: Date,
): { current: number; best: number } {
  const weeks = [
    ...new Set(submittedAt.filter((d) => !Number.isNaN(d.getTime())).map(weekNumber)),
  ].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  weeks.forEach((w, i) => {
    run = i > 0 && weeks[i - 1] === w - 1 ? run + 1 : 1;
    best = Math.max(best, run);
  });
  const present = new Set(weeks);
  const thisWeek = weekNumber(now);
  let end = present.has(thisWeek) ? thisWeek : thisWeek - 1;
  let current = 0;
  while (present.has(end)) {
    current++;
    end--;
  }
  return { current, best };
}

/** The badges these figures have earned. */
export function badgesEarned(completed: number, bestStreak: number): BadgeId[] {
  const out: BadgeId[] = [];
  if (completed >= 1) out.push('first-survey');
  if (completed >= 5) out.push('five-surveys');
  if (bestStreak >= 4) out.push('four-week-streak');
  return out;
}
