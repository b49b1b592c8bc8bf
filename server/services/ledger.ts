import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Balance, EntryCode, EntryKind } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';
import { addLot, repayOwed, takeLots } from './lots';

export { entriesAfter } from './entries-read';
export { type Discrepancy, ledgerDiscrepancies, lotDiscrepancies } from './ledger-checks';
export { type SpendResult, spend, spendPoints } from './lots';

/**
 * The append-only ledger. Rules every writer follows:
 * 1. Lock the member's balances row (lockBalance, or a conditional UPDATE of
 *    it) before inserting any entry of theirs. The seq is drawn after the
 *    lock, so one member's entries commit in seq order; a client that has
 *    seen seq N will never later find a new entry below N (the sync cursor
 *    relies on it), and balances.last_seq is that member's highest seq.
 * 2. Change the balances row in the same transaction by exactly the entry's
 *    d_available / d_pending, so balances always equal the sum of entries.
 * 3. Points that reach available open a lot; points taken from available are
 *    taken from lots, oldest first (services/lots.ts): postEntry and spend do
 *    both, so lots always sum to available.
 * 4. Owed points (a return of points already spent, services/order-return.ts)
 *    are repaid first from the next points that reach available.
 */

export interface NewEntry {
  id?: string;
  memberId: string;
  kind: EntryKind;
  claimId?: string | null;
  partnerId?: string | null;
  orderRef?: string | null;
  amount?: { minor: number; currency: string } | null;
  points: number;
  dAvailable?: number;
  dPending?: number;
  reason?: string | null;
  /** Machine-readable why (contract EntryCode), translated by the client. */
  code?: EntryCode | null;
  /** Whether available points it adds count toward the tier (default: confirm, adjust). */
  qualifies?: boolean;
  meta?: unknown;
  /** For d_available < 0: the lot to take from before the oldest ones (a return: its order's). */
  lotFirst?: string | null;
}

export interface BalanceRow {
  available: number;
  pending: number;
  lifetime: number;
  qualifying: number;
  last_seq: number;
  owed: number;
}

export const toBalanceRow = (r: Record<keyof BalanceRow, number | string>): BalanceRow => ({
  available: Number(r.available),
  pending: Number(r.pending),
  lifetime: Number(r.lifetime),
  qualifying: Number(r.qualifying),
  last_seq: Number(r.last_seq),
  owed: Number(r.owed),
});

export const toBalance = (b: BalanceRow): Balance => ({
  available: b.available,
  pending: b.pending,
  ...(b.owed > 0 ? { owed: b.owed } : {}),
});

/** Locks and returns the member's balances row (rule 1). */
export async function lockBalance(trx: Tx, memberId: string): Promise<BalanceRow> {
  const { rows } = await sql<BalanceRow>`
    SELECT available, pending, lifetime, qualifying, last_seq, owed
    FROM balances WHERE member_id = ${memberId} FOR UPDATE`.execute(trx);
  if (!rows[0]) throw new Error(`no balances row for member ${memberId}`);
  return toBalanceRow(rows[0]);
}

/**
 * One primary-key lookup on balances. This is all an empty poll costs: the
 * ledger itself is not read when last_seq <= the client's cursor.
 */
export async function readBalance(db: Db | Tx, memberId: string): Promise<BalanceRow> {
  const { rows } = await sql<BalanceRow>`
    SELECT available, pending, lifetime, qualifying, last_seq, owed
    FROM balances WHERE member_id = ${memberId}`.execute(db);
  if (!rows[0]) throw new Error(`no balances row for member ${memberId}`);
  return toBalanceRow(rows[0]);
}

/**
 * Inserts one entry, or nothing when it would break a unique rule (same id,
 * or a second claim of the same partner + order). Returns its seq or null.
 * The caller holds the member's lock and applies the balance change.
 */
export async function insertEntry(trx: Tx, e: NewEntry): Promise<number | null> {
  const { rows } = await sql<{ seq: number }>`
    INSERT INTO entries (id, member_id, kind, claim_id, partner_id, order_ref, amount_minor, currency,
      points, d_available, d_pending, reason, code, meta)
    VALUES (${e.id ?? randomUUID()}, ${e.memberId}, ${e.kind}, ${e.claimId ?? null}, ${e.partnerId ?? null},
      ${e.orderRef ?? null}, ${e.amount?.minor ?? null}, ${e.amount?.currency ?? null}, ${e.points},
      ${e.dAvailable ?? 0}, ${e.dPending ?? 0}, ${e.reason ?? null}, ${e.code ?? null},
      ${e.meta === undefined ? null : JSON.stringify(e.meta)}::jsonb)
    ON CONFLICT DO NOTHING
    RETURNING seq`.execute(trx);
  return rows[0] ? Number(rows[0].seq) : null;
}

export interface BalanceDelta {
  available?: number;
  pending?: number;
  lifetime?: number;
  qualifying?: number;
  owed?: number;
  lastSeq: number;
}

export async function applyBalance(trx: Tx, memberId: string, d: BalanceDelta): Promise<void> {
  await sql`
    UPDATE balances SET
      available = available + ${d.available ?? 0},
      pending = pending + ${d.pending ?? 0},
      lifetime = lifetime + ${d.lifetime ?? 0},
      qualifying = GREATEST(0, qualifying + ${d.qualifying ?? 0}),
      owed = owed + ${d.owed ?? 0},
      last_seq = GREATEST(last_seq, ${d.lastSeq})
    WHERE member_id = ${memberId}`.execute(trx);
}

/** Lock, insert, apply: one entry with its balance and lot effect (bonus, expiry, settlements). */
export async function postEntry(trx: Tx, e: NewEntry): Promise<number | null> {
  const balance = await lockBalance(trx, e.memberId);
  const id = e.id ?? randomUUID();
  const seq = await insertEntry(trx, { ...e, id });
  if (seq === null) return null;
  const d = e.dAvailable ?? 0;
  const earned = e.kind === 'bonus' || e.kind === 'confirm' || e.kind === 'survey' ? d : 0;
  const qualifies = e.qualifies ?? (e.kind === 'confirm' || e.kind === 'adjust');
  await applyBalance(trx, e.memberId, {
    available: d,
    pending: e.dPending,
    lifetime: earned,
    qualifying: qualifies ? d : 0,
    lastSeq: seq,
  });
  if (d > 0) {
    await addLot(trx, e.memberId, id, d);
    await repayOwed(trx, { ...e, id }, Math.min(balance.owed, d));
  } else if (d < 0) {
    await takeLots(trx, e.memberId, id, -d, e.lotFirst ?? null);
  }
  return seq;
}
