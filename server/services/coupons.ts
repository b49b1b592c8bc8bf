import { sql } from 'kysely';
import { z } from 'zod';
import { type ClaimOp, CouponEffect, CouponId, type EarnRate, TierId } from '../../utils/contract';
import { type Earned, earn } from '../../utils/loyalty/earn';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';
import { multiplierAt, planPeriods } from './plans';

/**
 * eCoupons at claim and confirmation. A claim gets the member's tier
 * multiplier and the coupons they activated before it (by the client's
 * clock on both, so "activate, then buy" holds offline too) and that were
 * valid when it was made. The rules in force are stored with the claim
 * (meta.earn), so the confirmation recomputes with the same ones and the
 * pending estimate never differs from the credited figure for the same
 * amount. An activation is used by one claim, the first it applied to.
 */

export interface CouponRow {
  id: string;
  partner_id: string;
  kind: 'multiplier' | 'bonus';
  multiplier: string | number | null;
  bonus_points: number | null;
  min_amount_minor: string | number | null;
  currency: string | null;
  max_extra_points: number | null;
  valid_from: Date;
  valid_until: Date;
}

export const toEffect = (r: CouponRow): CouponEffect => ({
  id: r.id,
  kind: r.kind,
  multiplier: r.multiplier === null ? null : Number(r.multiplier),
  bonusPoints: r.bonus_points,
  minAmount:
    r.min_amount_minor === null || r.currency === null
      ? null
      : { minor: Number(r.min_amount_minor), currency: r.currency },
  maxExtraPoints: r.max_extra_points,
});

/** The rules a claim was made under, as stored in its meta.earn. */
export const StoredEarn = z.object({
  tierMultiplier: z.number().min(1).max(10),
  /** The paid plan's multiplier at the purchase time (services/plans.ts); absent: none. */
  planMultiplier: z.number().min(1).max(10).optional(),
  coupons: z.array(CouponEffect).max(20),
});
export type StoredEarn = z.infer<typeof StoredEarn>;

/** meta.earn of a claim; claims from before tiers and coupons have none: the base rate only. */
export function storedEarn(value: unknown): StoredEarn {
  const parsed = StoredEarn.safeParse(value);
  return parsed.success ? parsed.data : { tierMultiplier: 1, coupons: [] };
}

const ProgramFields = z.object({
  couponId: CouponId.optional().catch(undefined),
  coupons: z.array(CouponId).max(20).optional().catch(undefined),
  tierId: TierId.optional().catch(undefined),
});

/**
 * The ServerEntry fields kept in an entry's meta: couponId ('activate'),
 * coupons ('confirm', the ids applied) and tierId ('tier'). Anything
 * malformed is left out rather than failing the page.
 */
export function programFieldsOf(meta: unknown): {
  couponId?: string;
  coupons?: string[];
  tierId?: string;
} {
  if (typeof meta !== 'object' || meta === null) return {};
  const p = ProgramFields.safeParse(meta);
  if (!p.success) return {};
  const { couponId, coupons, tierId } = p.data;
  return {
    ...(couponId ? { couponId } : {}),
    ...(coupons && coupons.length > 0 ? { coupons } : {}),
    ...(tierId ? { tierId } : {}),
  };
}

/** The member's tier id and earn multiplier now (one query; for claims and targeting). */
export async function tierOf(
  db: Db | Tx,
  memberId: string,
): Promise<{ tierId: string | null; multiplier: number }> {
  const { rows } = await sql<{ id: string; earn_multiplier: string | number }>`
    SELECT t.id, t.earn_multiplier FROM tiers t
    WHERE t.id = COALESCE((SELECT tier_id FROM member_tiers WHERE member_id = ${memberId}),
      (SELECT id FROM tiers ORDER BY position LIMIT 1))`.execute(db);
  const r = rows[0];
  return { tierId: r?.id ?? null, multiplier: r ? Number(r.earn_multiplier) : 1 };
}

type ClaimOpT = z.infer<typeof ClaimOp>;

interface Activation extends CouponRow {
  activation_id: string;
  activated_at: Date;
}

export interface ClaimEarn {
  earned: Earned | null;
  rules: StoredEarn;
  /** Activations this claim uses (the coupons that added points). */
  activations: string[];
}

/**
 * Earn rules for one batch of claims: the member's tier and their unused
 * activations at the batch's partners, two queries for the whole batch.
 * `estimate` works out a claim; `take` reserves its activations for it, so
 * a later claim of the batch cannot use them too.
 */
export async function claimEarner(trx: Tx, memberId: string, partnerIds: string[]) {
  const tier = await tierOf(trx, memberId);
  const plans = await planPeriods(trx, memberId);
  const now = Date.now();
  const { rows } = await sql<Activation>`
    SELECT a.id AS activation_id, a.activated_at, c.id, c.partner_id, c.kind, c.multiplier,
      c.bonus_points, c.min_amount_minor, c.currency, c.max_extra_points, c.valid_from, c.valid_until
    FROM coupon_activations a JOIN coupons c ON c.id = a.coupon_id
    WHERE a.member_id = ${memberId} AND a.claim_id IS NULL
      AND c.partner_id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify([...new Set(partnerIds)])}::jsonb))
    ORDER BY a.activated_at, a.id`.execute(trx);
  const taken = new Set<string>();
  return {
    estimate(op: ClaimOpT, rate: EarnRate): ClaimEarn {
      const at = new Date(op.createdAt).getTime();
      // One activation per coupon: the oldest that qualifies.
      const pick = new Map<string, Activation>();
      for (const a of rows) {
        if (taken.has(a.activation_id) || pick.has(a.id)) continue;
        if (a.partner_id !== op.claim.partnerId) continue;
        if (new Date(a.activated_at).getTime() > at) continue;
        if (new Date(a.valid_from).getTime() > at || new Date(a.valid_until).getTime() < at)
          continue;
        pick.set(a.id, a);
      }
      const offered = [...pick.values()].map(toEffect);
      // The plan of the purchase time, stored with the claim: it holds after the plan ends.
      const plan = multiplierAt(plans, at, now);
      const earned = earn(op.claim.total, {
        rate,
        tierMultiplier: tier.multiplier,
        planMultiplier: plan,
        coupons: offered,
      });
      const applied = new Set(earned?.applied ?? []);
      return {
        earned,
        rules: {
          tierMultiplier: tier.multiplier,
          ...(plan > 1 ? { planMultiplier: plan } : {}),
          coupons: offered.filter((c) => applied.has(c.id)),
        },
        activations: [...pick.values()]
          .filter((a) => applied.has(a.id))
          .map((a) => a.activation_id),
      };
    },
    take(e: ClaimEarn) {
      for (const id of e.activations) taken.add(id);
    },
  };
}

/** Marks activations as used by their claims (one statement). */
export async function useActivations(
  trx: Tx,
  memberId: string,
  uses: { activation: string; claim: string }[],
): Promise<void> {
  if (uses.length === 0) return;
  await sql`UPDATE coupon_activations SET claim_id = x.claim
    FROM jsonb_to_recordset(${JSON.stringify(uses)}::jsonb) AS x(activation uuid, claim uuid)
    WHERE coupon_activations.member_id = ${memberId} AND coupon_activations.id = x.activation`.execute(
    trx,
  );
}

/** A rejected or cancelled claim gives its coupons back, to be used on another purchase. */
export async function releaseActivations(
  trx: Tx,
  memberId: string,
  claimId: string,
): Promise<void> {
  await sql`UPDATE coupon_activations SET claim_id = NULL
    WHERE member_id = ${memberId} AND claim_id = ${claimId}`.execute(trx);
}
