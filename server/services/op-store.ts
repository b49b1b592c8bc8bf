import { sql } from 'kysely';
import type { Ack, RejectCode } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';

/**
 * The ops table: every op id a member sent, with its ack, so a re-sent op
 * gets the same answer. Idempotency lives in its primary key, not in a
 * look-up first: a batch's rows are inserted ON CONFLICT DO NOTHING and only
 * the ops this request inserted go on to write entries.
 */

/** Provisional rows for the batch; returns the ids this request inserted (new ops). */
export async function claimOpIds(
  trx: Tx,
  memberId: string,
  rows: {
    id: string;
    status: 'accepted' | 'rejected';
    code: string | null;
    reason: string | null;
  }[],
): Promise<Set<string>> {
  const { rows: fresh } = await sql<{ id: string }>`
    INSERT INTO ops (id, member_id, status, code, reason)
    SELECT x.id, ${memberId}, x.status, x.code, x.reason
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, status text, code text, reason text)
    ON CONFLICT (id) DO NOTHING
    RETURNING id`.execute(trx);
  return new Set(fresh.map((r) => r.id));
}

interface StoredOp {
  id: string;
  member_id: string;
  status: 'accepted' | 'rejected';
  seq: number | string | null;
  code: RejectCode | null;
  reason: string | null;
}

const ALREADY_USED = 'This op id is already used';

/** The stored acks of ops sent before; another member's op id is refused without detail. */
export async function storedAcks(trx: Tx, memberId: string, ids: string[]): Promise<Ack[]> {
  if (ids.length === 0) return [];
  // An accepted claim's row has no seq of its own: it is its entry's (same id, same member).
  const { rows } = await sql<StoredOp>`
    SELECT o.id, o.member_id, o.status, COALESCE(o.seq, e.seq) AS seq, o.code, o.reason
    FROM ops o LEFT JOIN entries e ON e.member_id = o.member_id AND e.id = o.id
    WHERE o.id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`.execute(
    trx,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id): Ack => {
    const r = byId.get(id);
    if (!r || r.member_id !== memberId) {
      return { opId: id, status: 'rejected', code: 'invalid', reason: ALREADY_USED };
    }
    return r.status === 'accepted'
      ? { opId: id, status: 'accepted', seq: Number(r.seq) }
      : { opId: id, status: 'rejected', code: r.code ?? 'invalid', reason: r.reason ?? '' };
  });
}

/**
 * Writes the final verdicts of this request's new ops. `fromEntry`: accepted
 * ops whose entry has the op's id; their provisional row already says
 * accepted, and a re-send reads the seq from that entry (storedAcks).
 */
export async function storeVerdicts(
  trx: Tx,
  acks: Ack[],
  fromEntry: ReadonlySet<string> = new Set(),
): Promise<void> {
  const rows = acks
    .filter((a) => !(a.status === 'accepted' && fromEntry.has(a.opId)))
    .map((a) =>
      a.status === 'accepted'
        ? { id: a.opId, status: 'accepted', seq: a.seq, code: null, reason: null }
        : { id: a.opId, status: 'rejected', seq: null, code: a.code, reason: a.reason },
    );
  if (rows.length === 0) return;
  await sql`
    UPDATE ops SET status = x.status, seq = x.seq, code = x.code, reason = x.reason
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x(id uuid, status text, seq bigint, code text, reason text)
    WHERE ops.id = x.id`.execute(trx);
}

/** Records a refusal for an op that could not be applied at all (see sync.ts). */
export async function storeRejection(
  trx: Tx,
  memberId: string,
  id: string,
  code: RejectCode,
  reason: string,
): Promise<void> {
  await sql`INSERT INTO ops (id, member_id, status, code, reason)
    VALUES (${id}, ${memberId}, 'rejected', ${code}, ${reason})
    ON CONFLICT (id) DO NOTHING`.execute(trx);
}

/**
 * Deletes rejected op rows older than `days`. A rejected op left the client's
 * outbox with its first answer, so its row only answered re-sends.
 */
export async function pruneRejectedOps(db: Db, days: number): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    WITH d AS (DELETE FROM ops
      WHERE status = 'rejected' AND created_at < now() - make_interval(days => ${days}) RETURNING 1)
    SELECT count(*) AS n FROM d`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Which of `ids` are already ids of the member's ledger entries (an op id must
 * not reuse one). Another member's op ids are refused by the ops table, which
 * is keyed by op id alone; entries are keyed per member (migration 011).
 */
export async function existingEntryIds(
  trx: Tx,
  memberId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM entries
    WHERE member_id = ${memberId} AND id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`.execute(
    trx,
  );
  return new Set(rows.map((r) => r.id));
}
