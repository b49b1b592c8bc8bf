import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { EntryCode } from '../../utils/contract';
import { expiryOf } from '../../utils/loyalty/expiry';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import { type PolicyRow, policyOf } from './expiry-policy';
// A cycle with ledger.ts, used only inside functions: the ledger opens and
// takes lots in postEntry; spends and repayments here write entries.
import { applyBalance, insertEntry, type NewEntry, readBalance } from './ledger';

/**
 * FIFO lots of available points. Every entry that adds available points opens
 * a lot; every entry that takes available points away takes them from the
 * oldest lots first and records which (lot_uses), so expiry can later expire
 * what is left of each lot. Invariant: a member's lots' `remaining` sum to
 * balances.available (lotDiscrepancies checks it). The caller holds the
 * member's balances lock (services/ledger.ts rule 1), so lots of one member
 * never change concurrently; the FOR UPDATE below is a second guard.
 */

/**
 * Opens the lot of an entry that made `points` available, dated by the
 * declared expiry policy (services/expiry.ts): the date is fixed when the
 * points are earned, so a later policy change never moves a date a member
 * was already shown. No policy declared, or 'off': the lot never expires.
 */
export async function addLot(
  trx: Tx,
  memberId: string,
  entryId: string,
  points: number,
): Promise<void> {
  const { rows } = await sql<{ now: Date | string } & Partial<PolicyRow>>`
    SELECT now() AS now, p.mode, p.months, p.month_day
    FROM (SELECT 1) one LEFT JOIN expiry_policy p ON true`.execute(trx);
  const row = rows[0];
  const expiresAt = row?.mode ? expiryOf(policyOf(row as PolicyRow), new Date(row.now)) : null;
  await sql`INSERT INTO lots (entry_id, member_id, points, remaining, earned_at, expires_at)
    VALUES (${entryId}, ${memberId}, ${points}, ${points}, now(),
      ${expiresAt ? expiresAt.toISOString() : null}::timestamptz)`.execute(trx);
}

/**
 * Takes `points` for entry `entryId` from the member's open lots: `first`
 * (a return: the order's own lot) before all others, then oldest first, in
 * one statement (running sum over the open lots). Throws when the lots hold
 * fewer points, which means the lots invariant was broken: the transaction
 * must not commit then.
 */
export async function takeLots(
  trx: Tx,
  memberId: string,
  entryId: string,
  points: number,
  first: string | null = null,
): Promise<void> {
  if (points <= 0) return;
  const { rows } = await sql<{ taken: number | string | null }>`
    WITH open AS (
      SELECT entry_id, remaining, earned_at FROM lots
      WHERE member_id = ${memberId} AND remaining > 0
      FOR UPDATE
    ), ordered AS (
      SELECT entry_id, remaining,
        SUM(remaining) OVER (
          ORDER BY (entry_id = ${first}::uuid) IS TRUE DESC, earned_at, entry_id
        ) AS upto
      FROM open
    ), take AS (
      SELECT entry_id, LEAST(remaining, ${points} - (upto - remaining))::int AS pts
      FROM ordered WHERE upto - remaining < ${points}
    ), used AS (
      UPDATE lots l SET remaining = l.remaining - t.pts
      FROM take t WHERE l.member_id = ${memberId} AND l.entry_id = t.entry_id
      RETURNING l.entry_id, t.pts
    ), recorded AS (
      INSERT INTO lot_uses (member_id, entry_id, lot_id, points)
      SELECT ${memberId}, ${entryId}, entry_id, pts FROM used
      RETURNING points
    )
    SELECT SUM(points) AS taken FROM recorded`.execute(trx);
  const taken = Number(rows[0]?.taken ?? 0);
  if (taken !== points) {
    throw new Error(`lots of member ${memberId} hold ${taken} of the ${points} points to take`);
  }
}

/**
 * Rule 4: right after the crediting entry, an 'adjust' takes the owed part
 * of it back out of its own lot. It refers to the credit's claim (or the
 * credit itself), and is not a return of that order (order-return.ts skips
 * it) nor a loss of qualifying points: the return counted those already.
 */
export async function repayOwed(trx: Tx, credit: NewEntry & { id: string }, points: number) {
  if (points <= 0) return;
  const id = randomUUID();
  const seq = await insertEntry(trx, {
    id,
    memberId: credit.memberId,
    kind: 'adjust',
    claimId: credit.claimId ?? credit.id,
    partnerId: credit.partnerId,
    orderRef: credit.orderRef,
    points: -points,
    dAvailable: -points,
    code: 'debt-repaid',
    reason: `${points} owed points repaid (spent before a return)`,
  });
  if (seq === null) throw new Error(`repayment ${id} already exists`);
  await applyBalance(trx, credit.memberId, { available: -points, owed: -points, lastSeq: seq });
  await takeLots(trx, credit.memberId, id, points, credit.id);
}

export interface Spend {
  id: string;
  memberId: string;
  points: number;
  reason: string | null;
  partnerId?: string | null;
  /** Why, as the contract's EntryCode (a donation: 'donation'). */
  code?: EntryCode | null;
  meta?: unknown;
}

/**
 * The balance guard every redemption, donation or expiry goes through: the
 * conditional UPDATE only succeeds while enough points are available, and
 * PostgreSQL re-checks the condition after waiting for a concurrent writer's
 * row lock, so parallel spends can never overdraw (the CHECK (available >= 0)
 * on balances is the second line of defence). The points come from the
 * oldest lots. Null: fewer points available.
 */
export async function spend(trx: Tx, s: Spend): Promise<{ seq: number; available: number } | null> {
  if (!Number.isInteger(s.points) || s.points <= 0) {
    throw new RangeError('points must be a positive integer');
  }
  const { rows } = await sql<{ available: number | string }>`
    UPDATE balances SET available = available - ${s.points}
    WHERE member_id = ${s.memberId} AND available >= ${s.points}
    RETURNING available`.execute(trx);
  if (!rows[0]) return null;
  const seq = await insertEntry(trx, {
    ...s,
    kind: 'spend',
    points: -s.points,
    dAvailable: -s.points,
  });
  if (seq === null) throw new Error(`spend ${s.id} already exists`);
  await applyBalance(trx, s.memberId, { lastSeq: seq });
  await takeLots(trx, s.memberId, s.id, s.points);
  return { seq, available: Number(rows[0].available) };
}

export type SpendResult =
  | { ok: true; seq: number; available: number }
  | { ok: false; available: number };

/** spend() in a transaction of its own. */
export async function spendPoints(
  db: Db,
  memberId: string,
  points: number,
  reason: string,
  id: string = randomUUID(),
): Promise<SpendResult> {
  return inTx(db, async (trx) => {
    const done = await spend(trx, { id, memberId, points, reason });
    if (done) return { ok: true as const, ...done };
    return { ok: false as const, available: (await readBalance(trx, memberId)).available };
  });
}
