import { z } from 'zod';
import { Claim } from './claim';
import { CauseId, DonateOp } from './donation';
import { MissingClaimOp } from './missing-claim';
import { Money } from './money';
import { PartnerId } from './partner';
import { CouponId, RewardId, TierId, Voucher } from './program';
import { BadgeId, SurveyAnswers, SurveyId } from './survey';

/** A client mutation. Its `id` is the idempotency key and the id of the entry it creates. */
export const ClaimOp = z.object({
  id: z.uuid(),
  type: z.literal('claim'),
  createdAt: z.iso.datetime(),
  claim: Claim,
});
/** Activate an eCoupon before buying (PAYBACK's model); claims made after it qualify. */
export const ActivateCouponOp = z.object({
  id: z.uuid(),
  type: z.literal('activate-coupon'),
  createdAt: z.iso.datetime(),
  couponId: CouponId,
});
/** Redeem points for a reward; the server answers with a voucher code (or a refusal). */
export const RedeemOp = z.object({
  id: z.uuid(),
  type: z.literal('redeem'),
  createdAt: z.iso.datetime(),
  rewardId: RewardId,
});
/**
 * A completed survey's answers (skipped questions absent). The server checks
 * them against the definition and credits the reward once per member and survey.
 */
export const SurveyAnswerOp = z.object({
  id: z.uuid(),
  type: z.literal('survey-answer'),
  createdAt: z.iso.datetime(),
  surveyId: SurveyId,
  answers: SurveyAnswers,
});
// New op types join this union under new names (never change one under the same name).
export const Op = z.discriminatedUnion('type', [
  ClaimOp,
  ActivateCouponOp,
  RedeemOp,
  SurveyAnswerOp,
  MissingClaimOp,
  DonateOp,
]);
export type Op = z.infer<typeof Op>;

export const MAX_OPS_PER_SYNC = 100;
export const MAX_CHANGES_PER_PAGE = 500;

export const SyncRequest = z.object({
  /** The last server sequence number the client has applied (0 = nothing yet). */
  cursor: z.number().int().nonnegative().default(0),
  ops: z.array(Op).max(MAX_OPS_PER_SYNC).default([]),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

/**
 * Why the server permanently refused an op. A rejected op is never retried;
 * the client shows the reason. (Transient trouble is an HTTP error instead.)
 */
export const RejectCode = z.enum([
  'duplicate-order', // this member already claimed the order, or the partner has settled it
  'unknown-partner',
  'claim-limit', // fraud limit per member and partner reached
  'amount-too-high', // more points than the partner's cap for one order
  'invalid',
  // activate-coupon
  'unknown-coupon',
  'coupon-expired', // outside its validity dates
  'coupon-not-for-you', // targeting (tier, new to the partner) excludes this member
  'coupon-already-active', // activated before (per-member limit reached)
  'coupon-sold-out', // global stock used up
  // redeem
  'unknown-reward',
  'reward-sold-out', // no codes left
  'insufficient-points', // fewer available points than the price
  // survey-answer
  'unknown-survey',
  'survey-closed', // outside its validity dates
  'survey-not-for-you', // targeting excludes this member
  'survey-already-answered', // this member's reward for it was credited before
  'invalid-answer', // an answer does not fit its question (the reason names which)
  // missing-claim (utils/contract/missing-claim.ts checks them)
  'order-ref-invalid', // empty, too long, control characters, U+0000 or a lone surrogate
  'purchase-date-invalid', // not a real day, or in the future
  'outside-claim-window', // older than the partner's claim window
  'amount-invalid', // 0, negative, too large, not whole minor units, or not the partner's currency
  // donate (utils/contract/donation.ts checks them; 'insufficient-points' as for redeem)
  'unknown-cause', // no such cause, or no longer active
  'donation-below-minimum', // fewer points than the cause's minimum
]);
export type RejectCode = z.infer<typeof RejectCode>;

export const Ack = z.discriminatedUnion('status', [
  z.object({ opId: z.uuid(), status: z.literal('accepted'), seq: z.number().int().positive() }),
  z.object({
    opId: z.uuid(),
    status: z.literal('rejected'),
    code: RejectCode,
    reason: z.string().max(500),
  }),
]);
export type Ack = z.infer<typeof Ack>;

/**
 * One append-only server ledger entry. A claim enters as `claim` (pending);
 * later entries settle it (`confirm`, `reject`) or adjust it (`adjust` for a
 * partial return, negative points). `points` is the entry's own effect:
 * for `claim` the points it would earn (pending), for `confirm` the points
 * made available, for `adjust` a negative number.
 */
export const EntryKind = z.enum([
  'claim',
  'confirm',
  'reject',
  'adjust',
  'bonus',
  'spend',
  'expire',
  // A claim the server refused (its op's id, 0 points), kept so the history is complete.
  'refusal',
  // A coupon activation (its op's id, 0 points; `couponId`).
  'activate',
  // The member's tier changed (0 points; `tierId`, code tier-up / tier-down).
  'tier',
  // A completed survey's reward (its op's id, available at once; `surveyId`).
  'survey',
  // A badge earned (0 points; `badge`).
  'badge',
]);
export type EntryKind = z.infer<typeof EntryKind>;

/**
 * Why an entry is as it is, as a code the UI translates (optional, so older
 * servers and clients keep working); any text in `reason` is only a detail
 * in the server's or partner's own words:
 * - contested: another member claimed the same order; the partner's buyer proof decides
 * - not-buyer: the partner confirmed the order for another member
 * - welcome-pending: the welcome bonus, available with the first confirmed purchase
 * - welcome-released: that bonus made available
 * - other-currency: a claim paid in another currency; the partner sets the points
 * - amount-changed: confirmed for another amount than claimed
 * - cancelled-by-shopper / cancelled-by-partner / payment-failed: why an order was cancelled
 * - partial-return: points taken back for a return
 * - refused: a claim the server refused (kind 'refusal'); `refusal` says why
 * - tier-up / tier-down: the member's tier changed (kind 'tier')
 * - debt-repaid: owed points (a return after spending) repaid from this confirmation
 * - return-owed: a return took back what it could; the rest is owed
 * - donation: points given to a cause (kind 'spend'; `causeId`; utils/contract/donation.ts)
 * - expired: what was left of a lot on its expiry day (kind 'expire'; utils/loyalty/expiry.ts)
 */
export const EntryCode = z.enum([
  'contested',
  'not-buyer',
  'welcome-pending',
  'welcome-released',
  'other-currency',
  'amount-changed',
  'cancelled-by-shopper',
  'cancelled-by-partner',
  'payment-failed',
  'partial-return',
  'refused',
  'tier-up',
  'tier-down',
  // Points taken back for a return after they were spent, repaid from a later confirmation.
  'debt-repaid',
  // A return after spending: what could not be taken back is owed (Balance.owed).
  'return-owed',
  // A referral bonus (kind 'bonus', available at once), to the referrer and the referred member.
  'referral',
  // A donation to a cause (kind 'spend'; `causeId`).
  'donation',
  // What was left of a lot when its expiry date came (kind 'expire', negative points).
  'expired',
]);
export type EntryCode = z.infer<typeof EntryCode>;

export const ServerEntry = z.object({
  seq: z.number().int().positive(),
  id: z.uuid(),
  kind: EntryKind,
  /** For settling entries: the claim entry they refer to. */
  claimId: z.uuid().nullable(),
  partnerId: PartnerId.nullable(),
  orderRef: z.string().nullable(),
  amount: Money.nullable(),
  points: z.number().int(),
  reason: z.string().max(500).nullable(),
  code: EntryCode.optional(),
  /** For kind 'refusal': the op's rejection code. */
  refusal: RejectCode.optional(),
  at: z.iso.datetime(),
  /** When it happened for the shopper (a claim's detection on the device); default `at`. */
  occurredAt: z.iso.datetime().optional(),
  /** kind 'activate': the coupon; kind 'confirm': coupons that applied to the claim. */
  couponId: CouponId.optional(),
  coupons: z.array(CouponId).max(20).optional(),
  /** kind 'tier': the tier now held. */
  tierId: TierId.optional(),
  /** kind 'spend' of a redemption: the voucher (the wallet is made of these). */
  voucher: Voucher.optional(),
  /** kind 'spend' of a donation (code 'donation'): the cause given to. */
  causeId: CauseId.optional(),
  /** kind 'survey': the survey answered. */
  surveyId: SurveyId.optional(),
  /** kind 'badge': the badge earned. */
  badge: BadgeId.optional(),
  /** kind 'claim' the member reported as missing (not detected): the purchase day they gave. */
  reported: z.object({ purchasedOn: z.iso.date() }).optional(),
});
export type ServerEntry = z.infer<typeof ServerEntry>;

export const Balance = z.object({
  /** Confirmed points that can be spent. Never negative. */
  available: z.number().int().nonnegative(),
  /** Points of claims still waiting for the partner. */
  pending: z.number().int().nonnegative(),
  /**
   * Points owed after a return of already spent points; later confirmations
   * repay them first (0 or absent: nothing owed).
   */
  owed: z.number().int().nonnegative().optional(),
});
export type Balance = z.infer<typeof Balance>;

export const SyncResponse = z.object({
  acks: z.array(Ack),
  changes: z.array(ServerEntry),
  /** Pass back as the next request's cursor. */
  cursor: z.number().int().nonnegative(),
  /** More changes wait after `cursor`: sync again at once. */
  hasMore: z.boolean(),
  balance: Balance,
});
export type SyncResponse = z.infer<typeof SyncResponse>;
