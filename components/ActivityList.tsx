import type { Partner } from '@/utils/contract';
import type { LedgerEntry } from '@/utils/ledger';
import { currencyExponent } from '@/utils/money';
import { entryText } from './entry-text';
import { formatLocalMoney, formatPoints, t } from './i18n';

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
          const text = entryText(e);
          const detail = text.detail;
          return (
            <li key={e.id} data-testid="entry" data-status={e.status}>
              <div class="row">
                <span class="partner">{e.partnerId ? partnerName(e.partnerId) : text.reason}</span>
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
                <span class={`status status-${e.status}`}>{text.status}</span>
              </div>
              <div class="reason muted">
                {/* Without a partner the reason is the title already; show only its detail. */}
                {e.partnerId ? text.reason : ''}
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
