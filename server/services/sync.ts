import { sql } from 'kysely';
import type { z } from 'zod';
import {
  type Ack,
  type ClaimOp,
  MAX_CHANGES_PER_PAGE,
  type RejectCode,
  type SyncResponse,
} from '../../utils/contract';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import {
  type BalanceRow,
  entriesAfter,
  insertEntry,
  lockBalance,
  readBalance,
  toBalance,
} from './ledger';
import { findPartner, type PartnerRecord } from './partners';
import { earnPoints } from './points';

/** An op as the route parsed it: valid, or only its id and why it is invalid. */
export type IncomingOp =
  | { id: string; op: z.infer<typeof ClaimOp> }
  | { id: string; invalid: string };

export interface SyncLimits {
  /** Claims one member may make per hour over all partners. */
  claimsPerMemberHour: number;
  pageSize?: number;
}

/**
 * Applies the ops, then returns the member's changes after `cursor`.
 *
 * Empty poll (no ops): one primary-key read of the balances row. Because a
 * member's entries commit in seq order (see services/ledger.ts), last_seq <=
 * cursor proves there is nothing new and the ledger is not touched at all.
 */
export async function syncMember(
  db: Db,
  memberId: string,
  cursor: number,
  ops: IncomingOp[],
  limits: SyncLimits,
): Promise<SyncResponse> {
  const pageSize = limits.pageSize ?? MAX_CHANGES_PER_PAGE;
  if (ops.length === 0) {
    const balance = await readBalance(db, memberId);
    if (balance.last_seq <= cursor) {
      return { acks: [], changes: [], cursor, hasMore: false, balance: toBalance(balance) };
    }
    return page(db, memberId, cursor, pageSize, [], balance);
  }
  return inTx(db, async (trx) => {
    await lockBalance(trx, memberId);
    const acks = await applyOps(trx, memberId, ops, limits);
    const balance = await readBalance(trx, memberId);
    return page(trx, memberId, cursor, pageSize, acks, balance);
  });
}

async function page(
  db: Db | Tx,
  memberId: string,
  cursor: number,
  pageSize: number,
  acks: Ack[],
  balance: BalanceRow,
): Promise<SyncResponse> {
  const rows = await entriesAfter(db, memberId, cursor, pageSize + 1);
  const hasMore = rows.length > pageSize;
  const changes = hasMore ? rows.slice(0, pageSize) : rows;
  return {
    acks,
    changes,
    cursor: changes.length > 0 ? changes[changes.length - 1]!.seq : cursor,
    hasMore,
    balance: toBalance(balance),
  };
}

interface StoredOp {
  member_id: string;
  status: 'accepted' | 'rejected';
  seq: number | string | null;
  code: RejectCode | null;
  reason: string | null;
}

const storedAck = (id: string, r: StoredOp): Ack =>
  r.status === 'accepted'
    ? { opId: id, status: 'accepted', seq: Number(r.seq) }
    : { opId: id, status: 'rejected', code: r.code ?? 'invalid', reason: r.reason ?? '' };

/**
 * Idempotency lives in the constraints, not in a look-up first: the op row is
 * inserted ON CONFLICT DO NOTHING, and only the request that inserted it goes
 * on to write the entry; any other (a re-send, in sequence or concurrently)
 * reads the stored ack. The claim's own insert is ON CONFLICT DO NOTHING
 * against the unique (partner_id, order_ref) index, which is what makes a
 * second claim of an order a 'duplicate-order' even across members.
 */
async function applyOps(trx: Tx, memberId: string, ops: IncomingOp[], limits: SyncLimits) {
  const partners = new Map<string, PartnerRecord | null>();
  const recent = await recentClaims(trx, memberId);
  let recentTotal = [...recent.values()].reduce((a, b) => a + b, 0);
  let pendingDelta = 0;
  let lastSeq = 0;
  const acks: Ack[] = [];

  for (const incoming of ops) {
    let verdict: { code: RejectCode; reason: string } | null = null;
    let partner: PartnerRecord | null = null;
    if ('invalid' in incoming) {
      verdict = { code: 'invalid', reason: incoming.invalid.slice(0, 500) };
    } else {
      const partnerId = incoming.op.claim.partnerId;
      if (!partners.has(partnerId)) partners.set(partnerId, await findPartner(trx, partnerId));
      partner = partners.get(partnerId) ?? null;
      if (!partner) {
        verdict = { code: 'unknown-partner', reason: `No partner "${partnerId}"` };
      } else if (
        (recent.get(partnerId) ?? 0) >= partner.memberClaimsPerHour ||
        recentTotal >= limits.claimsPerMemberHour
      ) {
        verdict = {
          code: 'claim-limit',
          reason: 'Too many purchases claimed in the last hour; try later',
        };
      }
    }

    const inserted = await sql<{ id: string }>`
      INSERT INTO ops (id, member_id, status, code, reason)
      VALUES (${incoming.id}, ${memberId}, ${verdict ? 'rejected' : 'accepted'},
        ${verdict?.code ?? null}, ${verdict?.reason ?? null})
      ON CONFLICT (id) DO NOTHING
      RETURNING id`.execute(trx);
    if (!inserted.rows[0]) {
      acks.push(await ackOfSeenOp(trx, memberId, incoming.id));
      continue;
    }
    if (verdict || !partner || 'invalid' in incoming) {
      acks.push({ opId: incoming.id, status: 'rejected', ...verdict! });
      continue;
    }

    const { claim } = incoming.op;
    const estimate = earnPoints(claim.total, partner.partner.earn);
    const seq = await insertEntry(trx, {
      id: incoming.id,
      memberId,
      kind: 'claim',
      partnerId: claim.partnerId,
      orderRef: claim.orderRef,
      amount: claim.total,
      points: estimate ?? 0,
      dPending: estimate ?? 0,
      reason:
        estimate === null
          ? `Paid in ${claim.total.currency}; ${partner.partner.name} sets the points when it confirms`
          : null,
      meta: {
        tax: claim.tax,
        shipping: claim.shipping,
        detectedAt: claim.detectedAt,
        createdAt: incoming.op.createdAt,
        signals: claim.signals,
        conflicts: claim.conflicts,
      },
    });
    if (seq === null) {
      const reused = await entryIdTaken(trx, incoming.id);
      const ack: Ack = reused
        ? {
            opId: incoming.id,
            status: 'rejected',
            code: 'invalid',
            reason: 'This op id is already used',
          }
        : {
            opId: incoming.id,
            status: 'rejected',
            code: 'duplicate-order',
            reason: `Order ${claim.orderRef} at ${partner.partner.name} has already been claimed`,
          };
      await sql`UPDATE ops SET status = 'rejected', code = ${ack.code}, reason = ${ack.reason}
        WHERE id = ${incoming.id}`.execute(trx);
      acks.push(ack);
      continue;
    }
    await sql`UPDATE ops SET seq = ${seq} WHERE id = ${incoming.id}`.execute(trx);
    recent.set(claim.partnerId, (recent.get(claim.partnerId) ?? 0) + 1);
    recentTotal++;
    pendingDelta += estimate ?? 0;
    lastSeq = Math.max(lastSeq, seq);
    acks.push({ opId: incoming.id, status: 'accepted', seq });
  }

  if (lastSeq > 0) {
    await sql`UPDATE balances SET pending = pending + ${pendingDelta},
        last_seq = GREATEST(last_seq, ${lastSeq})
      WHERE member_id = ${memberId}`.execute(trx);
  }
  return acks;
}

async function ackOfSeenOp(trx: Tx, memberId: string, id: string): Promise<Ack> {
  const { rows } = await sql<StoredOp>`
    SELECT member_id, status, seq, code, reason FROM ops WHERE id = ${id}`.execute(trx);
  const row = rows[0];
  // Another member's op id: say nothing about it.
  if (!row || row.member_id !== memberId) {
    return { opId: id, status: 'rejected', code: 'invalid', reason: 'This op id is already used' };
  }
  return storedAck(id, row);
}

async function entryIdTaken(trx: Tx, id: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM entries WHERE id = ${id}`.execute(trx);
  return rows.length > 0;
}

/** Claims per partner by this member in the last hour (index entries_member_claims). */
async function recentClaims(trx: Tx, memberId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ partner_id: string; n: number | string }>`
    SELECT partner_id, count(*) AS n FROM entries
    WHERE member_id = ${memberId} AND kind = 'claim' AND at > now() - interval '1 hour'
    GROUP BY partner_id`.execute(trx);
  return new Map(rows.map((r) => [r.partner_id, Number(r.n)]));
}
