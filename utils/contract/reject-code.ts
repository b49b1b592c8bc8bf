import { z } from 'zod';

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
