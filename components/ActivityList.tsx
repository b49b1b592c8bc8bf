import type { Partner } from '@/utils/contract';
import type { EntryReason, EntryStatus, LedgerEntry } from '@/utils/ledger';
import { currencyExponent } from '@/utils/money';
import { formatLocalMoney, formatPoints, type MessageKey, t } from './i18n';

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

export function ActivityList({
  entries,
  partnerName,
}: {
  entries: LedgerEntry[] | undefined;
  partnerName: (id: string) => string;
}) {
  return (
    <section class="card" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('recentActivity')}</h2>
      {entries && entries.length === 0 && <p class="muted">{t('noActivity')}</p>}
      <ul class="activity">
        {entries?.map((e) => {
          // The server's own words, unless the reason already says all of it.
          const detail = SELF_EXPLAINED.has(e.reason) ? undefined : e.detail;
          return (
            <li key={e.id} data-testid="entry" data-status={e.status}>
              <div class="row">
                <span class="partner">
                  {e.partnerId ? partnerName(e.partnerId) : t(REASON[e.reason])}
                </span>
                <span class="points" data-testid="entry-points">
                  {t('pointsUnit', formatPoints(e.points))}
                </span>
              </div>
              <div class="row muted">
                <span>
                  {e.orderRef ? t('orderRef', e.orderRef) : ''}
                  {e.amount
                    ? ` · ${formatLocalMoney(e.amount.minor, e.amount.currency, currencyExponent(e.amount.currency))}`
                    : ''}
                </span>
                <span class={`status status-${e.status}`}>{t(STATUS[e.status])}</span>
              </div>
              <div class="reason muted">
                {/* Without a partner the reason is the title already; show only its detail. */}
                {e.partnerId ? t(REASON[e.reason]) : ''}
                {e.partnerId && detail ? ': ' : ''}
                {detail ?? ''}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export type PartnerLookup = (id: string) => Partner | undefined;
