import type { RejectCode } from '@/utils/contract';

/**
 * The refusal codes worded for an activation or a redemption; any other
 * refusal of one of them gets a neutral sentence (the claim wordings say
 * "this purchase …").
 */
export const PROGRAM_REFUSALS: ReadonlySet<string> = new Set<RejectCode>([
  'unknown-coupon',
  'coupon-expired',
  'coupon-not-for-you',
  'coupon-already-active',
  'coupon-sold-out',
  'unknown-reward',
  'reward-sold-out',
  'insufficient-points',
  'unknown-cause',
  'donation-below-minimum',
]);
