import type { BalanceRow } from '@/utils/ledger';
import { formatPoints, t } from './i18n';

/** The two numbers of the popup's header: available and pending points. */
export function BalanceCard({ balance }: { balance: BalanceRow | undefined }) {
  return (
    <dl class="balance">
      <div>
        <dt>{t('available')}</dt>
        <dd data-testid="available">{formatPoints(balance?.available ?? 0)}</dd>
      </div>
      <div>
        <dt>{t('pending')}</dt>
        <dd data-testid="pending">{formatPoints(balance?.pending ?? 0)}</dd>
      </div>
    </dl>
  );
}
