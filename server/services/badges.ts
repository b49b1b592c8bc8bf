import { sql } from 'kysely';
import { BadgeId, type SurveyStats } from '../../utils/contract';
import { badgesEarned, streaks } from '../../utils/survey/streak';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';
import { postEntry } from './ledger';
import { derivedId } from './welcome';

/**
 * Survey streaks and badges, computed from the member's real submissions
 * (survey_responses.submitted_at, the server's clock), never from anything
 * the client says.
 */

/** The 'badge' entry's id: derived, so a retry or a race cannot announce a badge twice. */
export const badgeEntryId = (memberId: string, badge: BadgeId): string =>
  derivedId(`badge:${memberId}:${badge}`);

async function submissions(db: Db | Tx, memberId: string): Promise<Date[]> {
  const { rows } = await sql<{ submitted_at: Date }>`
    SELECT submitted_at FROM survey_responses WHERE member_id = ${memberId}
    ORDER BY submitted_at`.execute(db);
  return rows.map((r) => new Date(r.submitted_at));
}

async function heldBadges(db: Db | Tx, memberId: string): Promise<SurveyStats['badges']> {
  const { rows } = await sql<{ badge: string; earned_at: Date }>`
    SELECT badge, earned_at FROM member_badges WHERE member_id = ${memberId}
    ORDER BY earned_at, badge`.execute(db);
  return rows.flatMap((r) => {
    const id = BadgeId.safeParse(r.badge);
    return id.success ? [{ id: id.data, at: new Date(r.earned_at).toISOString() }] : [];
  });
}

/** Completed surveys, streaks and badges, as GET /v1/surveys shows them. */
export async function surveyStats(db: Db | Tx, memberId: string, now: Date): Promise<SurveyStats> {
  const times = await submissions(db, memberId);
  const { current, best } = streaks(times, now);
  return {
    completed: times.length,
    streakWeeks: current,
    bestStreakWeeks: best,
    badges: await heldBadges(db, memberId),
  };
}

/**
 * Awards the badges the member's submissions have newly earned: a
 * member_badges row and a 0-point 'badge' entry each. The caller holds the
 * member's balances lock. Returns the highest seq written (0: none).
 */
export async function awardBadges(trx: Tx, memberId: string, now: Date): Promise<number> {
  const times = await submissions(trx, memberId);
  const held = new Set((await heldBadges(trx, memberId)).map((b) => b.id));
  let lastSeq = 0;
  for (const badge of badgesEarned(times.length, streaks(times, now).best)) {
    if (held.has(badge)) continue;
    const entryId = badgeEntryId(memberId, badge);
    const { rows } = await sql<{ badge: string }>`
      INSERT INTO member_badges (member_id, badge, earned_at, entry_id)
      VALUES (${memberId}, ${badge}, ${now}, ${entryId})
      ON CONFLICT DO NOTHING RETURNING badge`.execute(trx);
    if (rows.length === 0) continue;
    const seq = await postEntry(trx, {
      id: entryId,
      memberId,
      kind: 'badge',
      points: 0,
      meta: { badge },
    });
    if (seq !== null) lastSeq = Math.max(lastSeq, seq);
  }
  return lastSeq;
}
