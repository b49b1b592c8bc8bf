import './expiry-warning.css';
import type { ExpiringPoints } from '@/utils/contract';
import { formatPoints, t, tPlural, uiLocale } from './i18n';

/**
 * The day points expire on, as the server counts it: a UTC calendar day
 * (utils/loyalty/expiry.ts), so it is formatted in UTC and reads the same
 * date in every time zone.
 */
export const expiryDateText = (date: string) =>
  new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(`${date}T00:00:00Z`),
  );

/**
 * The lines to show: days still ahead, the oldest first, and never more
 * points in all than the balance shows (a spend made on this device since
 * the program was fetched took the oldest points first).
 */
export function expiryLines(
  expiring: readonly ExpiringPoints[] | undefined,
  available: number,
  now: number,
): ExpiringPoints[] {
  let left = Math.max(0, available);
  const lines: ExpiringPoints[] = [];
  for (const e of expiring ?? []) {
    if (Date.parse(`${e.date}T00:00:00Z`) <= now) continue;
    const points = Math.min(e.points, left);
    if (points <= 0) break;
    lines.push({ date: e.date, points });
    left -= points;
  }
  return lines.slice(0, 3);
}

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
