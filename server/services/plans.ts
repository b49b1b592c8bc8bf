import { sql } from 'kysely';
import type { MemberPlan, PlanBenefit, PlanUpdate } from '../../utils/contract';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import { ProblemError } from '../http/problem';

/**
 * The paid plan "Plus", set and ended by the operator's billing system
 * (routes/operator-plans.ts); no payments here. Every period is kept, so
 * the plan of any moment can be told later.
 *
 * The rule for a plan ending while a claim is pending: the plan active at
 * the purchase time decides. A claim stores the plan multiplier of its
 * createdAt with its other earn rules (meta.earn, services/coupons.ts), and
 * the confirmation credits under those rules, however late it comes. A
 * claim made after the end earns without Plus, even if the billing system
 * sets a new period later.
 */

export const PLUS_BENEFITS: readonly PlanBenefit[] = ['earn-multiplier', 'priority-support'];

interface PlanRow {
  id: number | string;
  starts_at: Date;
  ends_at: Date;
  multiplier: string | number;
  reference: string;
}

const toPlan = (r: PlanRow): MemberPlan => ({
  plan: 'plus',
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  multiplier: Number(r.multiplier),
  benefits: [...PLUS_BENEFITS],
});

async function planRowAt(db: Db | Tx, memberId: string, at: Date): Promise<PlanRow | null> {
  const { rows } = await sql<PlanRow>`
    SELECT id, starts_at, ends_at, multiplier, reference FROM member_plans
    WHERE member_id = ${memberId} AND starts_at <= ${at} AND ends_at > ${at}
    ORDER BY starts_at DESC, id DESC LIMIT 1`.execute(db);
  return rows[0] ?? null;
}

/** The plan active at `at` (Program.plan), or null. */
export async function planAt(db: Db | Tx, memberId: string, at: Date): Promise<MemberPlan | null> {
  const row = await planRowAt(db, memberId, at);
  return row ? toPlan(row) : null;
}

/** The plan multiplier at `at` (1: no plan): what a claim made then earns with. */
export async function planMultiplierAt(db: Db | Tx, memberId: string, at: Date): Promise<number> {
  const row = await planRowAt(db, memberId, at);
  return row ? Number(row.multiplier) : 1;
}

const MAX_YEARS = 10;

async function memberByNumber(trx: Tx, memberNumber: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM members WHERE member_number = ${memberNumber} FOR UPDATE`.execute(trx);
  if (!rows[0]) throw new ProblemError(404, 'not-found', `No member ${memberNumber}`);
  return rows[0].id;
}

/**
 * Sets Plus until `endsAt`: the active period is extended or shortened (a
 * renewal, a correction), else a new one starts now. The member's row is
 * locked, so two billing calls at once never open two periods. Sent again,
 * the same update changes nothing.
 */
export async function setPlan(
  db: Db,
  memberNumber: string,
  update: PlanUpdate,
  multiplier: number,
  now = new Date(),
): Promise<{ plan: MemberPlan; reference: string }> {
  const ends = new Date(update.endsAt);
  if (ends.getTime() <= now.getTime()) {
    throw new ProblemError(422, 'validation', 'endsAt must be in the future; DELETE ends a plan', [
      { path: 'endsAt', message: 'not in the future' },
    ]);
  }
  if (ends.getTime() > now.getTime() + MAX_YEARS * 366 * 86_400_000) {
    throw new ProblemError(422, 'validation', `A period lasts at most ${MAX_YEARS} years`, [
      { path: 'endsAt', message: 'too far ahead' },
    ]);
  }
  return inTx(db, async (trx) => {
    const memberId = await memberByNumber(trx, memberNumber);
    const active = await planRowAt(trx, memberId, now);
    const { rows } = active
      ? await sql<PlanRow>`
          UPDATE member_plans SET ends_at = ${ends}, reference = ${update.reference}, updated_at = now()
          WHERE member_id = ${memberId} AND id = ${active.id}
          RETURNING id, starts_at, ends_at, multiplier, reference`.execute(trx)
      : await sql<PlanRow>`
          INSERT INTO member_plans (member_id, plan, starts_at, ends_at, multiplier, reference)
          VALUES (${memberId}, 'plus', ${now}, ${ends}, ${multiplier}, ${update.reference})
          RETURNING id, starts_at, ends_at, multiplier, reference`.execute(trx);
    return { plan: toPlan(rows[0]!), reference: rows[0]!.reference };
  });
}

/** Ends the active period now (nothing to end: null, no change; so a repeat is harmless). */
export async function endPlan(
  db: Db,
  memberNumber: string,
  now = new Date(),
): Promise<{ ended: string | null }> {
  return inTx(db, async (trx) => {
    const memberId = await memberByNumber(trx, memberNumber);
    const active = await planRowAt(trx, memberId, now);
    if (!active) return { ended: null };
    await sql`UPDATE member_plans SET ends_at = ${now}, updated_at = now()
      WHERE member_id = ${memberId} AND id = ${active.id}`.execute(trx);
    return { ended: active.reference };
  });
}

export interface PlanPeriod {
  startsAt: number;
  endsAt: number;
  multiplier: number;
}

/** Every Plus period of the member (one query for a batch of claims). */
export async function planPeriods(db: Db | Tx, memberId: string): Promise<PlanPeriod[]> {
  const { rows } = await sql<PlanRow>`
    SELECT id, starts_at, ends_at, multiplier, reference FROM member_plans
    WHERE member_id = ${memberId} ORDER BY starts_at DESC, id DESC`.execute(db);
  return rows.map((r) => ({
    startsAt: new Date(r.starts_at).getTime(),
    endsAt: new Date(r.ends_at).getTime(),
    multiplier: Number(r.multiplier),
  }));
}

/**
 * The multiplier of the period active at `at` (1: none). A claim's time is
 * the client's; one stamped in the future counts as now, so a plan cannot
 * be borrowed from a period that has not started.
 */
export function multiplierAt(periods: readonly PlanPeriod[], at: number, now: number): number {
  const t = Math.min(at, now);
  return periods.find((p) => p.startsAt <= t && t < p.endsAt)?.multiplier ?? 1;
}
