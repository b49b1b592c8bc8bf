import type { MissingPurchaseProblem } from '@/utils/contract/missing-claim';
import type { LedgerEntry } from '@/utils/ledger';
import type { ErrorKey } from '@/utils/messaging';
import { CODE_WORDING } from './entry-codes';
import { t } from './i18n';

/** The form's message for each problem checkMissingPurchase finds (the same rules as the server's codes). */
export const PROBLEM_ERROR: Record<MissingPurchaseProblem, ErrorKey> = {
  'order-ref-invalid': 'errorMissingOrderRef',
  'purchase-date-invalid': 'errorMissingDate',
  'outside-claim-window': 'errorMissingWindow',
  'amount-invalid': 'errorMissingAmount',
};

/**
 * The reason line of a purchase the member reported ("Reported by you ·
 * waiting for Demo Shop"), or undefined when the usual wording applies: a
 * code that explains the status (contested, refused, amount changed …) wins.
 */
export function reportedReason(e: LedgerEntry, partnerName: string): string | undefined {
  if (!e.reported || e.kind !== 'claim') return undefined;
  const byCode = e.code ? CODE_WORDING[e.code] : undefined;
  if (e.status === 'rejected' && e.reason === 'cancelled-by-partner')
    return t('reportedRejected', partnerName);
  if (byCode?.when.includes(e.status)) return undefined;
  if (e.status === 'pending')
    return e.reason === 'awaiting-sync'
      ? t('reportedUnsent')
      : e.reason === 'awaiting-partner'
        ? t('reportedWaiting', partnerName)
        : undefined;
  if (e.status === 'confirmed' && e.reason === 'confirmed-by-partner')
    return t('reportedConfirmed', partnerName);
  return undefined;
}
