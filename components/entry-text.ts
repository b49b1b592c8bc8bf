import type { EntryCode, RejectCode } from '@/utils/contract';
import type { EntryReason, EntryStatus, LedgerEntry } from '@/utils/ledger';
import { type MessageKey, t } from './i18n';
import { PROGRAM_REFUSALS } from './program-refusals';
import { SURVEY_REFUSALS } from './survey-entry-title';

/**
 * What a shopper reads about one ledger entry: its status word, the reason
 * in the UI's language (from the server's code where there is one, else the
 * local reason), the server's or partner's own words as a quoted detail, and
 * the tone the UI colours it with. The one place entry wording is decided.
 */
export interface EntryText {
  status: string;
  reason: string;
  /** The server's or partner's words, shown quoted; absent when the reason says it all. */
  detail?: string;
  tone: 'positive' | 'waiting' | 'neutral' | 'negative';
}

type Tone = EntryText['tone'];

/**
 * How one code or reason is worded. `detail` decides about the server's or
 * partner's own words: 'keep' them as a quoted detail, 'drop' them (they only
 * repeat the translated reason, in English), or drop them when they match the
 * server's generated English (a RegExp) and keep anything else, such as a
 * partner's own explanation.
 */
interface Wording {
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
const GENERATED_CANCEL = /^Cancelled by [^:]*$/;
/** server/services/order-events.ts: a return the order and balance fully covered. */
const GENERATED_RETURN = /^Return of [^:()]*: -?\d+ points$/;

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
  // Refused survey answers: no points; the server's English (which question, why) is dropped.
  'unknown-survey': refused('refusedUnknownSurvey'),
  'survey-closed': refused('refusedSurveyClosed'),
  'survey-not-for-you': refused('refusedSurveyNotForYou'),
  'survey-already-answered': refused('refusedSurveyAlreadyAnswered'),
  'invalid-answer': refused('refusedInvalidAnswer'),
};

/** Any other refusal of one of them: the claim wordings ("this purchase …") would not fit. */
const PROGRAM_REFUSED: Wording = { reason: 'refusedProgram', detail: 'keep' };
const SURVEY_REFUSED: Wording = { reason: 'refusedSurvey', detail: 'keep' };

/** Without a (fitting) code: the local reason. */
const REASON_WORDING: Record<EntryReason, Wording> = {
  'awaiting-sync': { reason: 'reasonAwaitingSync', detail: 'keep' },
  'awaiting-partner': { reason: 'reasonAwaitingPartner', detail: 'keep' },
  // A plain confirmation has no words of its own; any detail is left from before.
  'confirmed-by-partner': { reason: 'reasonConfirmedByPartner', detail: 'drop' },
  'cancelled-by-partner': {
    reason: 'reasonCancelledByPartner',
    status: 'statusCancelled',
    detail: GENERATED_CANCEL,
  },
  'partial-return': {
    reason: 'reasonPartialReturn',
    status: 'statusReturned',
    tone: 'neutral',
    detail: GENERATED_RETURN,
  },
  'rejected-by-server': { reason: 'reasonRejectedByServer', detail: 'keep' },
  contested: { reason: 'reasonContested', detail: 'drop' },
  'not-buyer': { reason: 'reasonNotBuyer', detail: 'drop' },
  bonus: { reason: 'reasonBonus', detail: 'keep' },
  'welcome-pending': { reason: 'reasonWelcomePending', detail: 'drop' },
  spent: { reason: 'reasonSpent', detail: 'keep' },
  expired: { reason: 'reasonExpired', detail: 'keep' },
  activating: { reason: 'reasonActivating', status: 'statusActivating', detail: 'drop' },
  'coupon-activated': {
    reason: 'reasonCouponActivated',
    status: 'statusActivated',
    detail: 'drop',
  },
  redeeming: { reason: 'reasonRedeeming', status: 'statusRedeeming', detail: 'drop' },
  'tier-changed': { reason: 'reasonTierChanged', status: 'statusNewTier', detail: 'drop' },
  'survey-sending': { reason: 'reasonSurveySending', status: 'statusSending', detail: 'drop' },
  'survey-rewarded': { reason: 'reasonSurveyRewarded', status: 'statusCredited', detail: 'drop' },
  'badge-earned': { reason: 'reasonBadgeEarned', status: 'statusBadgeEarned', detail: 'drop' },
};

const STATUS: Record<EntryStatus, MessageKey> = {
  pending: 'statusPending',
  confirmed: 'statusConfirmed',
  rejected: 'statusRejected',
};

const TONE: Record<EntryStatus, Tone> = {
  pending: 'waiting',
  confirmed: 'positive',
  rejected: 'negative',
};

/** The wording that applies: the entry's code if it explains its status, else its reason. */
export function wordingOf(
  e: Pick<LedgerEntry, 'status' | 'reason' | 'code'> & Partial<Pick<LedgerEntry, 'kind'>>,
): Wording {
  const program = e.kind === 'activate' || (e.kind === 'spend' && e.status !== 'confirmed');
  if (program && e.status === 'rejected' && !(e.code && PROGRAM_REFUSALS.has(e.code)))
    return PROGRAM_REFUSED;
  if (e.kind === 'survey' && e.status === 'rejected' && !(e.code && SURVEY_REFUSALS.has(e.code)))
    return SURVEY_REFUSED;
  const byCode = e.code ? CODE_WORDING[e.code] : undefined;
  if (byCode?.when.includes(e.status)) return byCode;
  return REASON_WORDING[e.reason] ?? REASON_WORDING['awaiting-partner'];
}

function keptDetail(rule: Wording['detail'], detail: string | undefined): string | undefined {
  const text = detail?.trim();
  if (!text || rule === 'drop') return undefined;
  if (rule instanceof RegExp && rule.test(text)) return undefined;
  return text;
}

export function entryText(e: LedgerEntry): EntryText {
  const w = wordingOf(e);
  return {
    status: t(w.status ?? STATUS[e.status]),
    reason: t(w.reason),
    detail: keptDetail(w.detail, e.detail),
    tone: w.tone ?? TONE[e.status],
  };
}
