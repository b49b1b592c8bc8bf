import type { BalanceRow } from '@/utils/ledger';
import { formatPoints, pointsText, t } from './i18n';

/** The two numbers of the popup's header: available and pending points (and any owed). */
export function BalanceCard({ balance }: { balance: BalanceRow | undefined }) {
  const owed = balance?.owed ?? 0;
  return (
    <>
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
      {owed > 0 && (
        <p class="owed" data-testid="owed">
          <strong>{t('owedPoints', pointsText(owed))}</strong> {t('owedExplained')}
        </p>
      )}
    </>
  );
}
