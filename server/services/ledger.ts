import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Balance, EntryCode, EntryKind, RejectCode, ServerEntry } from '../../utils/contract';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';

/**
 * The append-only ledger. Rules every writer follows:
 * 1. Lock the member's balances row (lockBalance, or a conditional UPDATE of
 *    it) before inserting any entry of theirs. The seq is drawn after the
 *    lock, so one member's entries commit in seq order; a client that has
 *    seen seq N will never later find a new entry below N (the sync cursor
 *    relies on it), and balances.last_seq is that member's highest seq.
 * 2. Change the balances row in the same transaction by exactly the entry's
 *    d_available / d_pending, so balances always equal the sum of entries.
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
}

export interface BalanceRow {
  available: number;
  pending: number;
  lifetime: number;
  qualifying: number;
  last_seq: number;
}

const toBalanceRow = (r: Record<keyof BalanceRow, number | string>): BalanceRow => ({
  available: Number(r.available),
  pending: Number(r.pending),
  lifetime: Number(r.lifetime),
  qualifying: Number(r.qualifying),
  last_seq: Number(r.last_seq),
});

export const toBalance = (b: BalanceRow): Balance => ({
  available: b.available,
  pending: b.pending,
});

/** Locks and returns the member's balances row (rule 1). */
export async function lockBalance(trx: Tx, memberId: string): Promise<BalanceRow> {
  const { rows } = await sql<BalanceRow>`
    SELECT available, pending, lifetime, qualifying, last_seq
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
    SELECT available, pending, lifetime, qualifying, last_seq
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
  lastSeq: number;
}

export async function applyBalance(trx: Tx, memberId: string, d: BalanceDelta): Promise<void> {
  await sql`
    UPDATE balances SET
      available = available + ${d.available ?? 0},
      pending = pending + ${d.pending ?? 0},
      lifetime = lifetime + ${d.lifetime ?? 0},
      qualifying = GREATEST(0, qualifying + ${d.qualifying ?? 0}),
      last_seq = GREATEST(last_seq, ${d.lastSeq})
    WHERE member_id = ${memberId}`.execute(trx);
}

/** Lock, insert, apply: one entry with its balance effect (bonus, expiry, settlements). */
export async function postEntry(trx: Tx, e: NewEntry): Promise<number | null> {
  await lockBalance(trx, e.memberId);
  const seq = await insertEntry(trx, e);
  if (seq === null) return null;
  const earned = e.kind === 'bonus' || e.kind === 'confirm' ? (e.dAvailable ?? 0) : 0;
  const qualifies = e.qualifies ?? (e.kind === 'confirm' || e.kind === 'adjust');
  await applyBalance(trx, e.memberId, {
    available: e.dAvailable,
    pending: e.dPending,
    lifetime: earned,
    qualifying: qualifies ? (e.dAvailable ?? 0) : 0,
    lastSeq: seq,
  });
  return seq;
}

export type SpendResult =
  | { ok: true; seq: number; available: number }
  | { ok: false; available: number };

/**
 * The balance guard every redemption, donation or expiry goes through: the
 * conditional UPDATE only succeeds while enough points are available, and
 * PostgreSQL re-checks the condition after waiting for a concurrent writer's
 * row lock, so parallel spends can never overdraw (the CHECK (available >= 0)
 * on balances is the second line of defence).
 */
export async function spendPoints(
  db: Db,
  memberId: string,
  points: number,
  reason: string,
  id: string = randomUUID(),
): Promise<SpendResult> {
  if (!Number.isInteger(points) || points <= 0)
    throw new RangeError('points must be a positive integer');
  return inTx(db, async (trx) => {
    const { rows } = await sql<{ available: number }>`
      UPDATE balances SET available = available - ${points}
      WHERE member_id = ${memberId} AND available >= ${points}
      RETURNING available`.execute(trx);
    if (!rows[0]) {
      const b = await readBalance(trx, memberId);
      return { ok: false as const, available: b.available };
    }
    const seq = await insertEntry(trx, {
      id,
      memberId,
      kind: 'spend',
      points: -points,
      dAvailable: -points,
      reason,
    });
    if (seq === null) throw new Error(`spend ${id} already exists`);
    await applyBalance(trx, memberId, { lastSeq: seq });
    return { ok: true as const, seq, available: Number(rows[0].available) };
  });
}

interface EntryRow {
  seq: number | string;
  id: string;
  kind: EntryKind;
  claim_id: string | null;
  partner_id: string | null;
  order_ref: string | null;
  amount_minor: number | string | null;
  currency: string | null;
  points: number;
  reason: string | null;
  code: string | null;
  refusal: string | null;
  at: Date;
  occurred_at: Date | null;
}

export const toServerEntry = (r: EntryRow): ServerEntry => ({
  seq: Number(r.seq),
  id: r.id,
  kind: r.kind,
  claimId: r.claim_id,
  partnerId: r.partner_id,
  orderRef: r.order_ref,
  amount:
    r.amount_minor === null || r.currency === null
      ? null
      : { minor: Number(r.amount_minor), currency: r.currency },
  points: r.points,
  reason: r.reason,
  ...(r.code ? { code: r.code as EntryCode } : {}),
  ...(r.refusal ? { refusal: r.refusal as RejectCode } : {}),
  at: new Date(r.at).toISOString(),
  ...(r.occurred_at ? { occurredAt: new Date(r.occurred_at).toISOString() } : {}),
});

/** A member's entries after `cursor` in seq order (index entries_member_seq). */
export async function entriesAfter(
  db: Db | Tx,
  memberId: string,
  cursor: number,
  limit: number,
): Promise<ServerEntry[]> {
  const { rows } = await sql<EntryRow>`
    SELECT seq, id, kind, claim_id, partner_id, order_ref, amount_minor, currency, points, reason,
      code, refusal, at, occurred_at
    FROM entries WHERE member_id = ${memberId} AND seq > ${cursor}
    ORDER BY seq LIMIT ${limit}`.execute(db);
  return rows.map(toServerEntry);
}

export interface Discrepancy {
  member_id: string;
  available: number;
  pending: number;
  sum_available: number;
  sum_pending: number;
}

/**
 * Members whose stored balances differ from the sum of their entries (or whose
 * last_seq is not their highest seq). Empty when the ledger is consistent.
 */
export async function ledgerDiscrepancies(db: Db): Promise<Discrepancy[]> {
  const { rows } = await sql<Discrepancy>`
    SELECT b.member_id, b.available, b.pending,
      COALESCE(s.sum_available, 0) AS sum_available, COALESCE(s.sum_pending, 0) AS sum_pending
    FROM balances b
    LEFT JOIN (
      SELECT member_id, SUM(d_available) AS sum_available, SUM(d_pending) AS sum_pending,
        MAX(seq) AS max_seq
      FROM entries GROUP BY member_id
    ) s ON s.member_id = b.member_id
    WHERE b.available <> COALESCE(s.sum_available, 0)
       OR b.pending <> COALESCE(s.sum_pending, 0)
       OR b.last_seq <> COALESCE(s.max_seq, 0)`.execute(db);
  return rows.map((r) => ({
    ...r,
    available: Number(r.available),
    pending: Number(r.pending),
    sum_available: Number(r.sum_available),
    sum_pending: Number(r.sum_pending),
  }));
}
