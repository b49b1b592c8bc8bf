import { z } from 'zod';
import { Claim } from './claim';
import { DonateOp } from './donation';
import { Balance, ServerEntry } from './entry';
import { MissingClaimOp } from './missing-claim';
import { CouponId, RewardId } from './program';
import { RejectCode } from './reject-code';
import { SurveyAnswers, SurveyId } from './survey';

// The entry and refusal vocabularies live in their own files; the contract's
// users keep importing them from here (or from the index).
export * from './entry';
export * from './reject-code';

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
 * An ack carries the op id as the client sent it. The server compares ids in
 * lower case, so it takes every UUID in any case; z.uuid() refuses the max
 * UUID in upper case only, and an ack under that id would break the answer.
 */
const AckOpId = z.guid();

export const Ack = z.discriminatedUnion('status', [
  z.object({ opId: AckOpId, status: z.literal('accepted'), seq: z.number().int().positive() }),
  z.object({
    opId: AckOpId,
    status: z.literal('rejected'),
    code: RejectCode,
    reason: z.string().max(500),
  }),
]);
export type Ack = z.infer<typeof Ack>;

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
