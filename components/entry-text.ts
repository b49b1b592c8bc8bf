import type { EntryReason, EntryStatus, LedgerEntry } from '@/utils/ledger';
import {
  CODE_WORDING,
  GENERATED_CANCEL,
  GENERATED_RETURN,
  type Tone,
  type Wording,
} from './entry-codes';
import { formatPoints, type MessageKey, t, tPlural } from './i18n';
import { PROGRAM_REFUSALS } from './program-refusals';
import { SURVEY_REFUSALS } from './survey-entry-title';

export { CODE_WORDING, type Code } from './entry-codes';

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
  tone: Tone;
}

/** Any other refusal of one of them: the claim wordings ("this purchase …") would not fit. */
const PROGRAM_REFUSED: Wording = { reason: 'refusedProgram', detail: 'keep' };
const SURVEY_REFUSED: Wording = { reason: 'refusedSurvey', detail: 'keep' };
const DONATION_TOO_MANY: Wording = { reason: 'refusedDonationTooMany', detail: 'drop' };

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
  donating: { reason: 'reasonDonating', status: 'statusDonating', detail: 'drop' },
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
  e: Pick<LedgerEntry, 'status' | 'reason' | 'code'> &
    Partial<Pick<LedgerEntry, 'kind' | 'causeId'>>,
): Wording {
  const program = e.kind === 'activate' || (e.kind === 'spend' && e.status !== 'confirmed');
  if (program && e.status === 'rejected' && !(e.code && PROGRAM_REFUSALS.has(e.code)))
    return PROGRAM_REFUSED;
  if (e.kind === 'survey' && e.status === 'rejected' && !(e.code && SURVEY_REFUSALS.has(e.code)))
    return SURVEY_REFUSED;
  // A donation's "not enough points" must not speak of a reward.
  if (e.code === 'insufficient-points' && e.kind === 'spend' && e.causeId) return DONATION_TOO_MANY;
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
    // An expiry says how much: "120 points expired".
    reason:
      e.kind === 'expire'
        ? tPlural('pointsExpired', -e.points, formatPoints(-e.points))
        : t(w.reason),
    detail: keptDetail(w.detail, e.detail),
    tone: w.tone ?? TONE[e.status],
  };
}
