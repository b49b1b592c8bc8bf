import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ack, ActivateCouponOp, Coupon, CouponState } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';
import type { Reject } from './claim-ops';
import { type CouponRow, tierOf, toEffect } from './coupons';
import { insertEntry } from './ledger';
import { lastConfirmedAt } from './purchases';

export type ActivateOpT = z.infer<typeof ActivateCouponOp>;

export interface OpsApplied {
  accepted: Map<string, Ack>;
  /** Highest seq written (0: none). */
  lastSeq: number;
}

interface TargetedRow extends CouponRow {
  per_member_limit: number;
  stock: number | null;
  activations: number;
  target_tiers: unknown;
  target_new_to_partner: boolean;
}

/** Whether targeting lets this member have the coupon. */
const isForMember = (c: TargetedRow, tierId: string | null, boughtAt: Set<string>) =>
  (!Array.isArray(c.target_tiers) || (tierId !== null && c.target_tiers.includes(tierId))) &&
  !(c.target_new_to_partner && boughtAt.has(c.partner_id));

/** Partners where the member has had a confirmed purchase. */
const partnersBoughtAt = async (db: Db | Tx, memberId: string): Promise<Set<string>> =>
  new Set((await lastConfirmedAt(db, memberId)).keys());

const COLUMNS = sql`c.id, c.partner_id, c.kind, c.multiplier, c.bonus_points, c.min_amount_minor,
  c.currency, c.max_extra_points, c.valid_from, c.valid_until, c.per_member_limit, c.stock,
  c.activations, c.target_tiers, c.target_new_to_partner`;

/**
 * Applies new, valid activate-coupon ops. The caller holds the member's
 * balances lock, so their own activations cannot race; the coupon rows are
 * locked (in id order, so two batches lock alike) for the shared stock.
 * The activation's time is the op's (the client's clock, as a claim's is),
 * never later than now.
 */
export async function applyActivateOps(
  trx: Tx,
  memberId: string,
  ops: { id: string; op: ActivateOpT }[],
  reject: Reject,
): Promise<OpsApplied> {
  const out: OpsApplied = { accepted: new Map(), lastSeq: 0 };
  if (ops.length === 0) return out;
  const ids = [...new Set(ops.map((o) => o.op.couponId))].sort();
  const { rows } = await sql<TargetedRow & { live: boolean }>`
    SELECT ${COLUMNS}, (c.valid_from <= now() AND now() <= c.valid_until) AS live
    FROM coupons c
    WHERE c.id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
    ORDER BY c.id FOR UPDATE`.execute(trx);
  const coupons = new Map(rows.map((r) => [r.id, r]));
  const { tierId } = await tierOf(trx, memberId);
  const boughtAt = await partnersBoughtAt(trx, memberId);
  const { rows: held } = await sql<{ coupon_id: string; n: number | string }>`
    SELECT coupon_id, count(*) AS n FROM coupon_activations
    WHERE member_id = ${memberId}
      AND coupon_id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
    GROUP BY coupon_id`.execute(trx);
  const count = new Map(held.map((h) => [h.coupon_id, Number(h.n)]));

  for (const { id, op } of ops) {
    const c = coupons.get(op.couponId);
    if (!c) {
      reject(id, 'unknown-coupon', `No coupon "${op.couponId}"`);
      continue;
    }
    if (!c.live) {
      reject(id, 'coupon-expired', 'This coupon is not valid now');
      continue;
    }
    if (!isForMember(c, tierId, boughtAt)) {
      reject(id, 'coupon-not-for-you', 'This coupon is not offered to you');
      continue;
    }
    const n = count.get(c.id) ?? 0;
    if (n >= c.per_member_limit) {
      reject(id, 'coupon-already-active', 'You have already activated this coupon');
      continue;
    }
    // Under the row lock; the CHECK coupons_within_stock is the second line of defence.
    const { rows: took } = await sql`UPDATE coupons SET activations = activations + 1
      WHERE id = ${c.id} AND (stock IS NULL OR activations < stock) RETURNING id`.execute(trx);
    if (took.length === 0) {
      reject(id, 'coupon-sold-out', 'This coupon has run out');
      continue;
    }
    const seq = await insertEntry(trx, {
      id,
      memberId,
      kind: 'activate',
      partnerId: c.partner_id,
      points: 0,
      meta: { couponId: c.id },
    });
    if (seq === null) {
      // The op id is new (sync.ts's ops table) but another entry has it (a bonus's id).
      await sql`UPDATE coupons SET activations = activations - 1 WHERE id = ${c.id}`.execute(trx);
      reject(id, 'invalid', 'This op id is already used');
      continue;
    }
    await sql`INSERT INTO coupon_activations (id, member_id, coupon_id, activated_at)
      VALUES (${id}, ${memberId}, ${c.id}, LEAST(${op.createdAt}::timestamptz, now()))`.execute(
      trx,
    );
    count.set(c.id, n + 1);
    out.accepted.set(id, { opId: id, status: 'accepted', seq });
    out.lastSeq = Math.max(out.lastSeq, seq);
  }
  return out;
}

/** Recently expired coupons stay listed this long, so a member sees that they ended. */
const EXPIRED_LISTED_DAYS = 30;

/**
 * The coupons this member may see, with their state for them. Coupons not
 * valid yet are not listed; a sold-out one only to members who activated it;
 * targeting applies except to coupons the member already activated.
 */
export async function couponsFor(db: Db, memberId: string, now: Date): Promise<Coupon[]> {
  const { rows } = await sql<
    TargetedRow & { held: number | string; unused: number | string; last_at: Date | null }
  >`
    SELECT ${COLUMNS}, count(a.id) AS held, count(a.id) FILTER (WHERE a.claim_id IS NULL) AS unused,
      max(a.activated_at) AS last_at
    FROM coupons c
    LEFT JOIN coupon_activations a ON a.coupon_id = c.id AND a.member_id = ${memberId}
    WHERE c.valid_from <= ${now}
      AND c.valid_until >= ${new Date(now.getTime() - EXPIRED_LISTED_DAYS * 86_400_000)}
    GROUP BY c.id
    ORDER BY c.valid_until, c.id
    LIMIT 500`.execute(db);
  const { tierId } = await tierOf(db, memberId);
  const boughtAt = await partnersBoughtAt(db, memberId);
  return rows.flatMap((c): Coupon[] => {
    const held = Number(c.held);
    const unused = Number(c.unused);
    const expired = new Date(c.valid_until).getTime() < now.getTime();
    const soldOut = c.stock !== null && c.activations >= c.stock;
    if (held === 0 && (!isForMember(c, tierId, boughtAt) || soldOut)) return [];
    const state: CouponState =
      unused > 0 && !expired
        ? 'activated'
        : held >= c.per_member_limit && unused === 0
          ? 'used'
          : expired
            ? 'expired'
            : 'available';
    return [
      {
        ...toEffect(c),
        partnerId: c.partner_id,
        validFrom: new Date(c.valid_from).toISOString(),
        validUntil: new Date(c.valid_until).toISOString(),
        state,
        activatedAt: c.last_at ? new Date(c.last_at).toISOString() : null,
      },
    ];
  });
}
