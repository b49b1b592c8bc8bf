import type { EntryCode, RejectCode } from '@/utils/contract';
import type { EntryStatus } from '@/utils/ledger';
import type { MessageKey } from './i18n';

/** How each server code is worded in the activity list (entry-text.ts applies it). */

export type Tone = 'positive' | 'waiting' | 'neutral' | 'negative';

/**
 * How one code or reason is worded. `detail` decides about the server's or
 * partner's own words: 'keep' them as a quoted detail, 'drop' them (they only
 * repeat the translated reason, in English), or drop them when they match the
 * server's generated English (a RegExp) and keep anything else, such as a
 * partner's own explanation.
 */
export interface Wording {
  reason: MessageKey;
  detail: 'keep' | 'drop' | RegExp;
  /** Overrides the status word and tone of the entry's status. */
  status?: MessageKey;
  tone?: Tone;
}

interface CodeWording extends Wording {
  /** The statuses the code explains; on another status it is stale and the reason decides. */
  when: readonly EntryStatus[];
}

export type Code = EntryCode | RejectCode;

/** server/services/orders.ts words a cancellation without the partner's reason like this. */
export const GENERATED_CANCEL = /^Cancelled by [^:]*$/;
/** server/services/order-events.ts: a return the order and balance fully covered. */
export const GENERATED_RETURN = /^Return of [^:()]*: -?\d+ points$/;

const cancelled = (reason: MessageKey, tone: Tone): CodeWording => ({
  reason,
  when: ['rejected'],
  status: 'statusCancelled',
  tone,
  detail: GENERATED_CANCEL,
});

/** A refused claim: negative, said with what happens next; the server's English is dropped. */
const refused = (reason: MessageKey, detail: Wording['detail'] = 'drop'): CodeWording => ({
  reason,
  when: ['rejected'],
  detail,
});

/** Every code the server sends, translated. Exported for the completeness test. */
export const CODE_WORDING: Record<Code, CodeWording> = {
  contested: { reason: 'reasonContested', when: ['pending'], detail: 'drop' },
  'not-buyer': { reason: 'reasonNotBuyer', when: ['rejected'], detail: 'drop' },
  'welcome-pending': { reason: 'reasonWelcomePending', when: ['pending'], detail: 'drop' },
  'welcome-released': { reason: 'reasonWelcomeReleased', when: ['confirmed'], detail: 'drop' },
  referral: { reason: 'reasonReferral', when: ['confirmed'], detail: 'drop' },
  'other-currency': { reason: 'reasonOtherCurrency', when: ['pending'], detail: 'drop' },
  // The row shows the confirmed amount; the server's sentence is English only.
  'amount-changed': { reason: 'reasonAmountChanged', when: ['confirmed'], detail: 'drop' },
  'cancelled-by-shopper': cancelled('reasonCancelledByShopper', 'neutral'),
  'cancelled-by-partner': cancelled('reasonCancelledByPartner', 'negative'),
  'payment-failed': cancelled('reasonPaymentFailed', 'negative'),
  'partial-return': {
    reason: 'reasonPartialReturn',
    when: ['confirmed'],
    status: 'statusReturned',
    tone: 'neutral',
    detail: GENERATED_RETURN,
  },
  // A refusal without its RejectCode: the server's words are all there is.
  refused: refused('reasonRejectedByServer', 'keep'),
  'duplicate-order': refused('refusedDuplicateOrder'),
  'unknown-partner': refused('refusedUnknownPartner'),
  'claim-limit': refused('refusedClaimLimit'),
  'amount-too-high': refused('refusedAmountTooHigh'),
  // Technical; the server's words help support.
  invalid: refused('refusedInvalid', 'keep'),
  'tier-up': {
    reason: 'reasonTierUp',
    when: ['confirmed'],
    status: 'statusNewTier',
    tone: 'positive',
    detail: 'drop',
  },
  'tier-down': {
    reason: 'reasonTierDown',
    when: ['confirmed'],
    status: 'statusNewTier',
    tone: 'neutral',
    detail: 'drop',
  },
  'debt-repaid': { reason: 'reasonDebtRepaid', when: ['confirmed'], detail: 'drop' },
  // entry-text.ts words it with the number ("120 points expired"); the server's line is English.
  expired: {
    reason: 'reasonExpired',
    when: ['confirmed'],
    status: 'reasonExpired',
    tone: 'neutral',
    detail: 'drop',
  },
  'return-owed': {
    reason: 'reasonReturnOwed',
    when: ['confirmed'],
    status: 'statusReturned',
    tone: 'neutral',
    detail: 'drop',
  },
  // Refused activations and redemptions: nothing happened, nothing was deducted.
  'unknown-coupon': refused('refusedUnknownCoupon'),
  'coupon-expired': refused('refusedCouponExpired'),
  'coupon-not-for-you': refused('refusedCouponNotForYou'),
  'coupon-already-active': refused('refusedCouponAlreadyActive'),
  'coupon-sold-out': refused('refusedCouponSoldOut'),
  'unknown-reward': refused('refusedUnknownReward'),
  'reward-sold-out': refused('refusedRewardSoldOut'),
  'insufficient-points': refused('refusedInsufficientPoints'),
  // Donations: a confirmed one thanks; a refused one says nothing was deducted.
  donation: { reason: 'reasonDonated', when: ['confirmed'], detail: 'drop' },
  'unknown-cause': refused('refusedUnknownCause'),
  'donation-below-minimum': refused('refusedDonationBelowMinimum'),
  // Refused survey answers: no points; the server's English (which question, why) is dropped.
  'unknown-survey': refused('refusedUnknownSurvey'),
  'survey-closed': refused('refusedSurveyClosed'),
  'survey-not-for-you': refused('refusedSurveyNotForYou'),
  'survey-already-answered': refused('refusedSurveyAlreadyAnswered'),
  'invalid-answer': refused('refusedInvalidAnswer'),
  // Refused missing-purchase reports (the form checks the same rules first).
  'order-ref-invalid': refused('refusedOrderRefInvalid'),
  'purchase-date-invalid': refused('refusedPurchaseDateInvalid'),
  'outside-claim-window': refused('refusedOutsideClaimWindow'),
  'amount-invalid': refused('refusedAmountInvalid'),
};
