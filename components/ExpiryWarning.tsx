import './expiry-warning.css';
import type { ExpiringPoints } from '@/utils/contract';
import { expiryLines } from '@/utils/loyalty/expiry-lines';
import { formatPoints, t, tPlural } from './i18n';
import { expiryDateText } from './program-text';

/** "120 points expire on 30 Sep 2029", oldest first; nothing when nothing expires soon. */
export function ExpiryWarning({
  expiring,
  available,
}: {
  expiring: readonly ExpiringPoints[] | undefined;
  available: number;
}) {
  const lines = expiryLines(expiring, available, Date.now());
  if (lines.length === 0) return null;
  return (
    <section
      class="card expiry-warning"
      aria-labelledby="expiry-warning-title"
      data-testid="expiry-warning"
    >
      <h2 id="expiry-warning-title">{t('expiryWarningTitle')}</h2>
      <ul>
        {lines.map((l) => (
          <li key={l.date} data-testid="expiry-line" data-date={l.date} data-points={l.points}>
            {tPlural('expiryWarning', l.points, formatPoints(l.points), expiryDateText(l.date))}
          </li>
        ))}
      </ul>
      <p class="muted">{t('expiryWarningHint')}</p>
    </section>
  );
}
