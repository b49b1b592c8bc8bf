import { sql } from 'kysely';
import type { z } from 'zod';
import {
  type Ack,
  type ClaimOp,
  MAX_CHANGES_PER_PAGE,
  type RejectCode,
  type SyncResponse,
} from '../../utils/contract';
import { earnPoints } from '../../utils/loyalty/points';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import { type BalanceRow, entriesAfter, lockBalance, readBalance, toBalance } from './ledger';
import { findPartner, type PartnerRecord } from './partners';

type ClaimOpT = z.infer<typeof ClaimOp>;

/** An op as the route parsed it: valid, or only its id and why it is invalid. */
export type IncomingOp = { id: string; op: ClaimOpT } | { id: string; invalid: string };

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
 * Idempotency lives in the constraints, not in a look-up first: the batch's op
 * rows are inserted ON CONFLICT DO NOTHING, and only the ops this request
 * inserted go on to write entries; any other (a re-send, in sequence or
 * concurrently) gets the stored ack. The claims' insert is ON CONFLICT DO
 * NOTHING against the unique (partner_id, order_ref) index, which is what
 * makes a second claim of an order a 'duplicate-order', across members too.
 * Everything is set-based (one statement per step for the whole batch,
 * rows passed as one jsonb parameter), so a 100-op batch costs a handful of
 * round trips, not hundreds.
 */
async function applyOps(trx: Tx, memberId: string, ops: IncomingOp[], limits: SyncLimits) {
  // The same op twice in one request is handled once and answered twice.
  const unique = [...new Map(ops.map((o) => [o.id, o])).values()];
  const partners = await findPartners(
    trx,
    unique.flatMap((o) => ('op' in o ? [o.op.claim.partnerId] : [])),
  );
  const verdicts = new Map<string, Ack>();
  const reject = (id: string, code: RejectCode, reason: string) =>
    verdicts.set(id, { opId: id, status: 'rejected', code, reason: reason.slice(0, 500) });
  for (const o of unique) {
    if ('invalid' in o) reject(o.id, 'invalid', o.invalid);
    else if (!partners.has(o.op.claim.partnerId)) {
      reject(o.id, 'unknown-partner', `No partner "${o.op.claim.partnerId}"`);
    }
  }

  // 1. Claim the op ids. Rows start as provisional verdicts, fixed in step 4.
  const opRows = unique.map((o) => {
    const v = verdicts.get(o.id);
    return v?.status === 'rejected'
      ? { id: o.id, status: 'rejected', code: v.code, reason: v.reason }
      : { id: o.id, status: 'accepted', code: null, reason: null };
  });
  const { rows: fresh } = await sql<{ id: string }>`
    INSERT INTO ops (id, member_id, status, code, reason)
    SELECT x.id, ${memberId}, x.status, x.code, x.reason
    FROM jsonb_to_recordset(${JSON.stringify(opRows)}::jsonb) AS x(id uuid, status text, code text, reason text)
    ON CONFLICT (id) DO NOTHING
    RETURNING id`.execute(trx);
  const isNew = new Set(fresh.map((r) => r.id));
  const seen = unique.filter((o) => !isNew.has(o.id)).map((o) => o.id);
  for (const ack of await storedAcks(trx, memberId, seen)) verdicts.set(ack.opId, ack);

  // 2. Fraud limits, in request order, over the claims that are new and valid.
  const recent = await recentClaims(trx, memberId);
  let recentTotal = [...recent.values()].reduce((a, b) => a + b, 0);
  const candidates: {
    id: string;
    op: ClaimOpT;
    partner: PartnerRecord;
    estimate: number | null;
  }[] = [];
  for (const o of unique) {
    if (!isNew.has(o.id) || verdicts.has(o.id) || !('op' in o)) continue;
    const partner = partners.get(o.op.claim.partnerId)!;
    const atPartner = recent.get(partner.partner.id) ?? 0;
    if (atPartner >= partner.memberClaimsPerHour || recentTotal >= limits.claimsPerMemberHour) {
      reject(o.id, 'claim-limit', 'Too many purchases claimed in the last hour; try later');
      continue;
    }
    recent.set(partner.partner.id, atPartner + 1);
    recentTotal++;
    candidates.push({
      ...o,
      partner,
      estimate: earnPoints(o.op.claim.total, partner.partner.earn),
    });
  }

  // 3. The claims themselves; a row that hits a unique index is skipped.
  let pendingDelta = 0;
  let lastSeq = 0;
  if (candidates.length > 0) {
    const entryRows = candidates.map(({ id, op: { claim, createdAt }, partner, estimate }, n) => ({
      n,
      id,
      partner_id: claim.partnerId,
      order_ref: claim.orderRef,
      amount_minor: claim.total.minor,
      currency: claim.total.currency,
      points: estimate ?? 0,
      reason:
        estimate === null
          ? `Paid in ${claim.total.currency}; ${partner.partner.name} sets the points when it confirms`
          : null,
      meta: {
        tax: claim.tax,
        shipping: claim.shipping,
        detectedAt: claim.detectedAt,
        createdAt,
        signals: claim.signals,
        conflicts: claim.conflicts,
      },
    }));
    const { rows: inserted } = await sql<{ id: string; seq: number | string; points: number }>`
      INSERT INTO entries (id, member_id, kind, partner_id, order_ref, amount_minor, currency,
        points, d_pending, reason, meta)
      SELECT x.id, ${memberId}, 'claim', x.partner_id, x.order_ref, x.amount_minor, x.currency,
        x.points, x.points, x.reason, x.meta
      FROM jsonb_to_recordset(${JSON.stringify(entryRows)}::jsonb)
        AS x(id uuid, partner_id text, order_ref text, amount_minor bigint, currency text,
             points int, reason text, meta jsonb, n int)
      ORDER BY x.n -- seqs follow the request's order
      ON CONFLICT DO NOTHING
      RETURNING id, seq, points`.execute(trx);
    const accepted = new Map(inserted.map((r) => [r.id, r]));
    const missing = candidates.filter((c) => !accepted.has(c.id));
    const reused = await existingEntryIds(
      trx,
      missing.map((c) => c.id),
    );
    for (const c of candidates) {
      const row = accepted.get(c.id);
      if (row) {
        const seq = Number(row.seq);
        verdicts.set(c.id, { opId: c.id, status: 'accepted', seq });
        pendingDelta += row.points;
        lastSeq = Math.max(lastSeq, seq);
      } else if (reused.has(c.id)) {
        reject(c.id, 'invalid', 'This op id is already used');
      } else {
        reject(
          c.id,
          'duplicate-order',
          `Order ${c.op.claim.orderRef} at ${c.partner.partner.name} has already been claimed`,
        );
      }
    }
  }

  // 4. Final verdicts of this request's ops, and the balance.
  const finals = [...isNew].map((id) => {
    const a = verdicts.get(id)!;
    return a.status === 'accepted'
      ? { id, status: 'accepted', seq: a.seq, code: null, reason: null }
      : { id, status: 'rejected', seq: null, code: a.code, reason: a.reason };
  });
  if (finals.length > 0) {
    await sql`
      UPDATE ops SET status = x.status, seq = x.seq, code = x.code, reason = x.reason
      FROM jsonb_to_recordset(${JSON.stringify(finals)}::jsonb)
        AS x(id uuid, status text, seq bigint, code text, reason text)
      WHERE ops.id = x.id`.execute(trx);
  }
  if (lastSeq > 0) {
    await sql`UPDATE balances SET pending = pending + ${pendingDelta},
        last_seq = GREATEST(last_seq, ${lastSeq})
      WHERE member_id = ${memberId}`.execute(trx);
  }
  return ops.map((o) => verdicts.get(o.id)!);
}

async function findPartners(trx: Tx, ids: string[]): Promise<Map<string, PartnerRecord>> {
  const found = new Map<string, PartnerRecord>();
  for (const id of new Set(ids)) {
    const p = await findPartner(trx, id);
    if (p) found.set(id, p);
  }
  return found;
}

async function storedAcks(trx: Tx, memberId: string, ids: string[]): Promise<Ack[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<StoredOp & { id: string }>`
    SELECT id, member_id, status, seq, code, reason FROM ops
    WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`.execute(
    trx,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    // Another member's op id: say nothing about it.
    if (!row || row.member_id !== memberId) {
      return {
        opId: id,
        status: 'rejected',
        code: 'invalid',
        reason: 'This op id is already used',
      } as const;
    }
    return storedAck(id, row);
  });
}

async function existingEntryIds(trx: Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM entries
    WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`.execute(
    trx,
  );
  return new Set(rows.map((r) => r.id));
}

/** Claims per partner by this member in the last hour (index entries_member_claims). */
async function recentClaims(trx: Tx, memberId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ partner_id: string; n: number | string }>`
    SELECT partner_id, count(*) AS n FROM entries
    WHERE member_id = ${memberId} AND kind = 'claim' AND at > now() - interval '1 hour'
    GROUP BY partner_id`.execute(trx);
  return new Map(rows.map((r) => [r.partner_id, Number(r.n)]));
}
