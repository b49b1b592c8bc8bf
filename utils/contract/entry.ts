import { z } from 'zod';
import { CauseId } from './donation';
import { Money } from './money';
import { PartnerId } from './partner';
import { CouponId, TierId, Voucher } from './program';
import { RejectCode } from './reject-code';
import { BadgeId, SurveyId } from './survey';

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
