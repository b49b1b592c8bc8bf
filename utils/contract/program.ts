import { z } from 'zod';
import { Money } from './money';
import { PartnerId } from './partner';
import { MemberPlan, ReferralInfo } from './referral';

/**
 * The loyalty program a member sees: tiers, eCoupons and rewards. The server
 * is the source of truth; the extension caches these (ETag) and refreshes
 * them when sync brings a change that affects them. Text a shopper reads is
 * built by the UI from these fields and codes (names of tiers and partners
 * are proper nouns and pass through).
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
export const TierId = Id;
export const CouponId = Id;
export const RewardId = Id;

/** What a tier gives, as codes the UI words. */
export const TierBenefit = z.enum([
  'earn-multiplier', // more points per purchase (the tier's multiplier)
  'member-coupons', // coupons only for this tier
  'priority-support',
  'free-returns',
]);
export type TierBenefit = z.infer<typeof TierBenefit>;

export const Tier = z.object({
  id: TierId,
  name: z.string().min(1).max(40),
  /** 1 = entry tier; higher is better. */
  position: z.number().int().min(1).max(100),
  /** Qualifying points within the period needed to hold this tier. */
  minQualifying: z.number().int().nonnegative(),
  /** Earn multiplier on the partner's base rate, e.g. 1.25. */
  multiplier: z.number().min(1).max(10),
  benefits: z.array(TierBenefit).max(10),
});
export type Tier = z.infer<typeof Tier>;

/**
 * How qualifying points are counted: over the last 12 months (rolling) or
 * within the calendar year.
 */
export const TierPeriod = z.enum(['rolling-12-months', 'calendar-year']);
export type TierPeriod = z.infer<typeof TierPeriod>;

/** The member's standing, as GET /v1/me/program returns it. */
export const MemberTier = z.object({
  tierId: TierId,
  /** Qualifying points counted in the current period. */
  qualifying: z.number().int().nonnegative(),
  period: TierPeriod,
  /** The next tier up and the points still missing for it; null at the top. */
  next: z.object({ tierId: TierId, points: z.number().int().positive() }).nullable(),
  /**
   * By when the missing points must be earned: the end of the calendar year,
   * or (rolling) when the oldest counted points leave the 12-month window.
   */
  nextBy: z.iso.datetime().nullable(),
  /** When the current tier is next reviewed (a downgrade, one level, can only happen then). */
  reviewAt: z.iso.datetime().nullable(),
});
export type MemberTier = z.infer<typeof MemberTier>;

/**
 * Points that expire on one day (a UTC calendar day, utils/loyalty/expiry.ts):
 * the open lots' remaining points with that expiry date.
 */
export const ExpiringPoints = z.object({
  date: z.iso.date(),
  points: z.number().int().positive(),
});
export type ExpiringPoints = z.infer<typeof ExpiringPoints>;

export const Program = z.object({
  tiers: z.array(Tier).max(20),
  member: MemberTier,
  /**
   * Issue 13: points that expire within the server's warning horizon, the
   * oldest day first; absent when none do (or expiry is off).
   */
  expiring: z.array(ExpiringPoints).max(20).optional(),
  /** Issue 13: the member's referral code and share link. */
  referral: ReferralInfo.optional(),
  /** Issue 13: the paid plan while it is active. */
  plan: MemberPlan.optional(),
});
export type Program = z.infer<typeof Program>;

export const CouponKind = z.enum(['multiplier', 'bonus']);
export type CouponKind = z.infer<typeof CouponKind>;

/**
 * An eCoupon's effect, as the earn rules (utils/loyalty/earn.ts) apply it:
 * "10× points at X" (multiplier 10: base × 10 in all, the extra capped by
 * maxExtraPoints) or "+500 points from 50 € at Y" (bonus, when the amount
 * reaches minAmount in its currency).
 */
export const CouponEffect = z.object({
  id: CouponId,
  kind: CouponKind,
  multiplier: z.number().min(1).max(100).nullable(),
  bonusPoints: z.number().int().positive().max(1_000_000).nullable(),
  minAmount: Money.nullable(),
  /** Most extra points one claim can get from this coupon (null: no cap). */
  maxExtraPoints: z.number().int().positive().nullable(),
});
export type CouponEffect = z.infer<typeof CouponEffect>;

export const CouponState = z.enum(['available', 'activated', 'used', 'expired']);
export type CouponState = z.infer<typeof CouponState>;

/** A coupon this member may see (targeting applied on the server), with its state for them. */
export const Coupon = CouponEffect.extend({
  partnerId: PartnerId,
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime(),
  state: CouponState,
  activatedAt: z.iso.datetime().nullable(),
});
export type Coupon = z.infer<typeof Coupon>;

export const CouponList = z.object({ coupons: z.array(Coupon).max(500) });
export type CouponList = z.infer<typeof CouponList>;

/** A reward in the catalogue: a voucher of `value` at a partner (or any), for `pointsPrice` points. */
export const Reward = z.object({
  id: RewardId,
  kind: z.literal('voucher'),
  partnerId: PartnerId.nullable(),
  value: Money,
  pointsPrice: z.number().int().positive().max(10_000_000),
  /** Days a redeemed voucher code stays valid. */
  validDays: z.number().int().positive().max(3650),
  /** Whether codes are left (false: sold out). */
  available: z.boolean(),
});
export type Reward = z.infer<typeof Reward>;

export const RewardList = z.object({ rewards: z.array(Reward).max(500) });
export type RewardList = z.infer<typeof RewardList>;

/** A redeemed voucher, carried by its 'spend' entry through sync (the member's wallet). */
export const Voucher = z.object({
  rewardId: RewardId,
  code: z.string().min(1).max(100),
  value: Money,
  partnerId: PartnerId.nullable(),
  expiresAt: z.iso.datetime(),
});
export type Voucher = z.infer<typeof Voucher>;
