import { sql } from 'kysely';
import {
  type MemberSurvey,
  SurveyDefinition,
  type SurveyList,
  type SurveyReason,
} from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';
import { surveyStats } from './badges';
import { tierOf } from './coupons';
import { lastConfirmedAt } from './purchases';
import { SURVEY_COLUMNS, type SurveyRow } from './survey-store';

/**
 * Survey targeting, one rule for the listing (GET /v1/surveys) and for the
 * survey-answer op (services/survey-ops.ts), so a member is never offered a
 * survey the server would then refuse, nor the other way round.
 */

const DAY_MS = 86_400_000;
/** At most this many surveys are listed (the contract's SurveyList limit). */
const LISTED = 20;

/** What targeting needs to know about a member. */
export interface MemberFacts {
  tierId: string | null;
  /** Partner → the member's latest confirmed purchase there. */
  lastConfirmed: Map<string, Date>;
}

export async function memberFacts(db: Db | Tx, memberId: string): Promise<MemberFacts> {
  const { tierId } = await tierOf(db, memberId);
  return { tierId, lastConfirmed: await lastConfirmedAt(db, memberId) };
}

const ids = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;

export type Offer =
  | { ok: true; reason: SurveyReason; partnerId: string | null }
  | { ok: false; why: string };

/**
 * Whether targeting offers this survey to the member now. Validity dates and
 * "already answered" are the caller's: they have their own reject codes.
 */
export function offerTo(s: SurveyRow, m: MemberFacts, now: Date): Offer {
  const tiers = ids(s.target_tiers);
  if (tiers && (m.tierId === null || !tiers.includes(m.tierId))) {
    return { ok: false, why: 'This survey is for other tiers' };
  }
  const boughtAt = ids(s.target_bought_at);
  if (boughtAt && !boughtAt.some((p) => m.lastConfirmed.has(p))) {
    return { ok: false, why: 'This survey is for customers of other partners' };
  }
  if (s.after_purchase_at !== null) {
    const last = m.lastConfirmed.get(s.after_purchase_at);
    const since = now.getTime() - s.after_purchase_days * DAY_MS;
    if (!last || last.getTime() < since) {
      return {
        ok: false,
        why: `This survey follows a confirmed purchase at "${s.after_purchase_at}" within ${s.after_purchase_days} days`,
      };
    }
    return { ok: true, reason: 'after-purchase', partnerId: s.after_purchase_at };
  }
  return { ok: true, reason: tiers || boughtAt ? 'targeted' : 'welcome', partnerId: null };
}

/** The stored definition, or null when it no longer fits the contract (never offered then). */
export function definitionOf(s: SurveyRow): SurveyDefinition | null {
  const parsed = SurveyDefinition.safeParse(s.definition);
  return parsed.success ? parsed.data : null;
}

/**
 * The surveys open to the member now: live, targeted at them, not answered
 * by them. After-purchase ones first (they are about something that just
 * happened), then by priority, then the soonest to close.
 */
export async function surveysFor(db: Db, memberId: string, now: Date): Promise<SurveyList> {
  const { rows } = await sql<SurveyRow>`
    SELECT ${SURVEY_COLUMNS} FROM surveys s
    WHERE s.valid_from <= ${now} AND s.valid_until >= ${now}
      AND NOT EXISTS (SELECT 1 FROM survey_responses r
        WHERE r.member_id = ${memberId} AND r.survey_id = s.id)
    ORDER BY s.priority DESC, s.valid_until, s.id
    LIMIT 500`.execute(db);
  const facts = await memberFacts(db, memberId);
  const offered = rows.flatMap((s): MemberSurvey[] => {
    const offer = offerTo(s, facts, now);
    const definition = definitionOf(s);
    if (!offer.ok || !definition) return [];
    return [
      {
        id: s.id,
        definition,
        rewardPoints: s.reward_points,
        validUntil: new Date(s.valid_until).toISOString(),
        reason: offer.reason,
        partnerId: offer.partnerId,
      },
    ];
  });
  // A stable sort keeps the SQL order (priority, closing time) within each group.
  offered.sort(
    (a, b) => Number(b.reason === 'after-purchase') - Number(a.reason === 'after-purchase'),
  );
  return { surveys: offered.slice(0, LISTED), stats: await surveyStats(db, memberId, now) };
}
