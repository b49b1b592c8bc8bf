import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ack, ClaimOp, RejectCode } from '../../utils/contract';
import { POINTS_MAX } from '../../utils/contract/rules';
import type { Tx } from '../db/tx';
import { type ClaimEarn, claimEarner, useActivations } from './coupons';
import { existingEntryIds } from './op-store';
import { countClaims, orderKey, uncountRefused } from './order-counts';
import type { PartnerRecord } from './partners';

export type ClaimOpT = z.infer<typeof ClaimOp>;
export type Reject = (id: string, code: RejectCode, reason: string) => void;

export interface ClaimLimits {
  /** Claims one member may make per hour over all partners. */
  claimsPerMemberHour: number;
}

export interface ClaimsApplied {
  accepted: Map<string, Ack>;
  pendingDelta: number;
  lastSeq: number;
}

interface Candidate {
  id: string;
  op: ClaimOpT;
  /** A purchase the member reported as missing (services/missing-claim-ops.ts). */
  reported?: { purchasedOn: string };
  partner: PartnerRecord;
  estimate: number | null;
  earn: ClaimEarn;
}

/**
 * Applies new, valid claim ops (set-based: one statement per step for the
 * whole batch). A claim of an order that another member claimed too is
 * stored as *contested*: the partner's buyer proof decides whose it is
 * (services/orders.ts), so claiming first earns nothing. Refused: the same
 * member's second claim of an order, an order the partner already settled,
 * more points than the partner's cap, and claims over the hourly limits.
 */
export async function applyClaimOps(
  trx: Tx,
  memberId: string,
  ops: { id: string; op: ClaimOpT; reported?: { purchasedOn: string } }[],
  partners: Map<string, PartnerRecord>,
  limits: ClaimLimits,
  reject: Reject,
): Promise<ClaimsApplied> {
  const out: ClaimsApplied = { accepted: new Map(), pendingDelta: 0, lastSeq: 0 };
  if (ops.length === 0) return out;
  const earner = await claimEarner(
    trx,
    memberId,
    ops.map((o) => o.op.claim.partnerId),
  );
  const recent = await recentClaims(trx, memberId);
  let recentTotal = [...recent.values()].reduce((a, b) => a + b, 0);
  const candidates: Candidate[] = [];
  for (const o of ops) {
    const partner = partners.get(o.op.claim.partnerId)!;
    // Tier and coupons included: the same figure the confirmation will credit for this amount.
    const earn = earner.estimate(o.op, partner.partner.earn);
    const estimate = earn.earned?.points ?? null;
    // The partner's sanity cap bounds what its money buys (the base points);
    // tier and coupon extras are the operator's, capped per coupon; the total
    // must still fit the ledger.
    const base = earn.earned?.base ?? null;
    const cap = Math.min(partner.maxPointsPerOrder, POINTS_MAX);
    if ((base !== null && base > cap) || (estimate !== null && estimate > POINTS_MAX)) {
      reject(o.id, 'amount-too-high', `More than the ${cap} points one order can earn here`);
      continue;
    }
    const atPartner = recent.get(partner.partner.id) ?? 0;
    if (atPartner >= partner.memberClaimsPerHour || recentTotal >= limits.claimsPerMemberHour) {
      reject(o.id, 'claim-limit', 'Too many purchases claimed in the last hour');
      continue;
    }
    recent.set(partner.partner.id, atPartner + 1);
    recentTotal++;
    earner.take(earn);
    candidates.push({ ...o, partner, estimate, earn });
  }
  if (candidates.length === 0) return out;

  const orders = await countClaims(trx, candidates);
  const open = candidates.filter((c) => {
    const state = orders.get(orderKey(c))?.state;
    if (state !== 'open') {
      reject(
        c.id,
        'duplicate-order',
        `The partner has already settled order ${c.op.claim.orderRef}`,
      );
      return false;
    }
    return true;
  });
  if (open.length === 0) {
    await uncountRefused(trx, orders);
    return out;
  }

  const entryRows = open.map(
    ({ id, op: { claim, createdAt }, partner, estimate, earn, reported }, n) => ({
      n,
      id,
      partner_id: claim.partnerId,
      order_ref: claim.orderRef,
      amount_minor: claim.total.minor,
      currency: claim.total.currency,
      points: estimate ?? 0,
      code:
        (orders.get(orderKey({ op: { claim } }))?.before ?? 0) > 0
          ? 'contested'
          : estimate === null
            ? 'other-currency'
            : null,
      occurred_at: createdAt,
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
        // The rules in force when it was made, for the confirmation (services/coupons.ts).
        earn: earn.rules,
        ...(reported ? { reported } : {}),
      },
    }),
  );
  const { rows: inserted } = await sql<{ id: string; seq: number | string; points: number }>`
    INSERT INTO entries (id, member_id, kind, partner_id, order_ref, amount_minor, currency,
      points, d_pending, reason, code, occurred_at, meta)
    SELECT x.id, ${memberId}, 'claim', x.partner_id, x.order_ref, x.amount_minor, x.currency,
      x.points, x.points, x.reason, x.code, x.occurred_at, x.meta
    FROM jsonb_to_recordset(${JSON.stringify(entryRows)}::jsonb)
      AS x(id uuid, partner_id text, order_ref text, amount_minor bigint, currency text,
           points int, reason text, code text, occurred_at timestamptz, meta jsonb, n int)
    ORDER BY x.n -- seqs follow the request's order
    ON CONFLICT DO NOTHING
    RETURNING id, seq, points`.execute(trx);
  const byId = new Map(inserted.map((r) => [r.id, r]));
  const reused = await existingEntryIds(
    trx,
    memberId,
    open.filter((c) => !byId.has(c.id)).map((c) => c.id),
  );
  await useActivations(
    trx,
    memberId,
    open.flatMap((c) =>
      byId.has(c.id) ? c.earn.activations.map((a) => ({ activation: a, claim: c.id })) : [],
    ),
  );
  for (const c of open) {
    const row = byId.get(c.id);
    if (row) {
      const seq = Number(row.seq);
      out.accepted.set(c.id, { opId: c.id, status: 'accepted', seq });
      out.pendingDelta += row.points;
      out.lastSeq = Math.max(out.lastSeq, seq);
      orders.get(orderKey(c))!.stored++;
    } else if (reused.has(c.id)) {
      reject(c.id, 'invalid', 'This op id is already used');
    } else {
      reject(c.id, 'duplicate-order', `You have already claimed order ${c.op.claim.orderRef}`);
    }
  }
  await uncountRefused(trx, orders);
  return out;
}

/** Claims per partner by this member in the last hour (index entries_member_claims). */
async function recentClaims(trx: Tx, memberId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ partner_id: string; n: number | string }>`
    SELECT partner_id, count(*) AS n FROM entries
    WHERE member_id = ${memberId} AND kind = 'claim' AND at > now() - interval '1 hour'
    GROUP BY partner_id`.execute(trx);
  return new Map(rows.map((r) => [r.partner_id, Number(r.n)]));
}
