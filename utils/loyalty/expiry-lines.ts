import type { ExpiringPoints } from '../contract';

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
