import type { BadgeId } from '../contract/survey';

/** STUB (survey-logic helper implements). ISO 8601 week of a time in UTC, e.g. "2026-W49". */
export function isoWeek(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Streaks from the times of a member's completed surveys: `current` counts
 * consecutive ISO weeks with a survey up to this week or the last one (the
 * streak lasts until a whole week passes without one); `best` the longest ever.
 */
export function streaks(
  _submittedAt: readonly Date[],
  _now: Date,
): { current: number; best: number } {
  return { current: 0, best: 0 };
}

/** The badges these figures have earned. */
export function badgesEarned(completed: number, bestStreak: number): BadgeId[] {
  const out: BadgeId[] = [];
  if (completed >= 1) out.push('first-survey');
  if (completed >= 5) out.push('five-surveys');
  if (bestStreak >= 4) out.push('four-week-streak');
  return out;
}
