import type { EntryReason, EntryStatus, LedgerEntry } from '@/utils/ledger';
import { type MessageKey, t } from './i18n';

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

const STATUS: Record<EntryStatus, MessageKey> = {
  pending: 'statusPending',
  confirmed: 'statusConfirmed',
  rejected: 'statusRejected',
};

const REASON: Record<EntryReason, MessageKey> = {
  'awaiting-sync': 'reasonAwaitingSync',
  'awaiting-partner': 'reasonAwaitingPartner',
  'confirmed-by-partner': 'reasonConfirmedByPartner',
  'cancelled-by-partner': 'reasonCancelledByPartner',
  'partial-return': 'reasonPartialReturn',
  'rejected-by-server': 'reasonRejectedByServer',
  contested: 'reasonContested',
  'not-buyer': 'reasonNotBuyer',
  bonus: 'reasonBonus',
  'welcome-pending': 'reasonWelcomePending',
  spent: 'reasonSpent',
  expired: 'reasonExpired',
};

/** Reasons whose text is complete; the server's generic words ("Welcome bonus") would repeat it. */
const SELF_EXPLAINED: ReadonlySet<EntryReason> = new Set(['welcome-pending']);

const TONE: Record<EntryStatus, EntryText['tone']> = {
  pending: 'waiting',
  confirmed: 'positive',
  rejected: 'negative',
};

export function entryText(e: LedgerEntry): EntryText {
  return {
    status: t(STATUS[e.status]),
    reason: t(REASON[e.reason]),
    detail: SELF_EXPLAINED.has(e.reason) ? undefined : e.detail,
    tone: TONE[e.status],
  };
}
