import type { BalanceRow } from '@/utils/ledger';
import { formatPoints, t } from './i18n';

export function BalanceCard({ balance }: { balance: BalanceRow | undefined }) {
  return (
    <section class="card balance" aria-labelledby="balance-title">
      <h1 id="balance-title">{t('popupTitle')}</h1>
      <dl>
        <div>
          <dt>{t('available')}</dt>
          <dd data-testid="available">{formatPoints(balance?.available ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('pending')}</dt>
          <dd data-testid="pending">{formatPoints(balance?.pending ?? 0)}</dd>
        </div>
      </dl>
    </section>
  );
}
