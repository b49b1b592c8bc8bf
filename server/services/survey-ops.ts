import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ack, SurveyAnswerOp } from '../../utils/contract';
import { checkAnswers } from '../../utils/survey/validate';
import type { Tx } from '../db/tx';
import { awardBadges } from './badges';
import type { Reject } from './claim-ops';
import type { OpsApplied } from './coupon-ops';
import { postEntry } from './ledger';
import { existingEntryIds } from './op-store';
import { SURVEY_COLUMNS, type SurveyRow } from './survey-store';
import { definitionOf, memberFacts, offerTo } from './surveys';

export type SurveyAnswerOpT = z.infer<typeof SurveyAnswerOp>;

/** A "cannot happen" that must roll the batch back: sync.ts redoes it op by op (SQLSTATE 23). */
class UnstorableOp extends Error {
  readonly code = '23505';
}

/**
 * Applies new, valid survey-answer ops in request order. The caller
 * (services/sync.ts) holds the member's balances lock, so their submissions
 * are serialized and "already answered" read here stays true until commit;
 * UNIQUE (member_id, survey_id) is the second line of defence. An accepted
 * op is a survey_responses row and a 'survey' entry with the op's id (the
 * reward, available at once, not tier-qualifying), then any badge it earned.
 * Time is the database's: validity, after-purchase windows and streaks all
 * read one clock, the one submitted_at is written with.
 */
export async function applySurveyOps(
  trx: Tx,
  memberId: string,
  ops: { id: string; op: SurveyAnswerOpT }[],
  reject: Reject,
): Promise<OpsApplied> {
  const out: OpsApplied = { accepted: new Map<string, Ack>(), lastSeq: 0 };
  if (ops.length === 0) return out;
  const surveyIds = [...new Set(ops.map((o) => o.op.surveyId))];
  const { rows } = await sql<SurveyRow & { now: Date }>`
    SELECT ${SURVEY_COLUMNS}, now() AS now FROM surveys
    WHERE id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(surveyIds)}::jsonb))`.execute(
    trx,
  );
  const surveys = new Map(rows.map((r) => [r.id, r]));
  const now = rows[0] ? new Date(rows[0].now) : new Date();
  const { rows: done } = await sql<{ survey_id: string }>`
    SELECT survey_id FROM survey_responses WHERE member_id = ${memberId}
      AND survey_id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(surveyIds)}::jsonb))`.execute(
    trx,
  );
  const answered = new Set(done.map((d) => d.survey_id));
  const usedIds = await existingEntryIds(
    trx,
    memberId,
    ops.map((o) => o.id),
  );
  const facts = await memberFacts(trx, memberId);

  for (const { id, op } of ops) {
    const s = surveys.get(op.surveyId);
    const definition = s ? definitionOf(s) : null;
    if (usedIds.has(id)) {
      // An op id the client copied from an entry of its history.
      reject(id, 'invalid', 'This op id is already used');
      continue;
    }
    if (!s || !definition) {
      // A stored definition that no longer parses is offered to nobody, so it cannot be answered.
      reject(id, 'unknown-survey', `No survey "${op.surveyId}"`);
      continue;
    }
    const t = now.getTime();
    if (new Date(s.valid_from).getTime() > t || new Date(s.valid_until).getTime() < t) {
      reject(id, 'survey-closed', 'This survey is not open now');
      continue;
    }
    const offer = offerTo(s, facts, now);
    if (!offer.ok) {
      reject(id, 'survey-not-for-you', offer.why);
      continue;
    }
    if (answered.has(s.id)) {
      reject(id, 'survey-already-answered', 'You have already answered this survey');
      continue;
    }
    const check = checkAnswers(definition, op.answers);
    if (!check.ok) {
      // The question's name and the problem, never the answer itself.
      const where = check.question === null ? 'Answers' : `Question "${check.question}"`;
      reject(id, 'invalid-answer', `${where}: ${check.problem}`);
      continue;
    }
    const { rows: stored } = await sql<{ id: string }>`
      INSERT INTO survey_responses (id, member_id, survey_id, answers, submitted_at)
      VALUES (${id}, ${memberId}, ${s.id}, ${JSON.stringify(op.answers)}::jsonb, ${now})
      ON CONFLICT DO NOTHING RETURNING id`.execute(trx);
    if (stored.length === 0) {
      // Only reachable without the member's lock: the unique constraint held the line.
      reject(id, 'survey-already-answered', 'You have already answered this survey');
      continue;
    }
    answered.add(s.id);
    const seq = await postEntry(trx, {
      id,
      memberId,
      kind: 'survey',
      points: s.reward_points,
      dAvailable: s.reward_points,
      qualifies: false,
      meta: { surveyId: s.id },
    });
    if (seq === null) throw new UnstorableOp(`survey answer ${id}: its entry id is taken`);
    out.accepted.set(id, { opId: id, status: 'accepted', seq });
    out.lastSeq = Math.max(out.lastSeq, seq, await awardBadges(trx, memberId, now));
  }
  return out;
}
