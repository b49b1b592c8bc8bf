import { describe, expect, it } from 'vitest';
import { entryText } from '../../components/entry-text';
import { formatPoints, tPlural } from '../../components/i18n';
import { expiryDateText } from '../../components/program-text';
import type { LedgerEntry } from '../../utils/ledger';
import { expiryLines } from '../../utils/loyalty/expiry-lines';
import { useLocale } from './i18n-fake';

const now = Date.parse('2029-09-01T12:00:00Z');
const expiring = [
  { date: '2029-09-01', points: 5 }, // today: due, the run takes it
  { date: '2029-09-30', points: 120 },
  { date: '2029-10-15', points: 40 },
];

/** The warning's line, as ExpiryWarning words it. */
const line = (points: number, date: string) =>
  tPlural('expiryWarning', points, formatPoints(points), expiryDateText(date));

describe('the expiry warning', () => {
  it('days still ahead, oldest first, never more than the balance', () => {
    expect(expiryLines(expiring, 1000, now)).toEqual(expiring.slice(1));
    // A spend on this device since the fetch took the oldest points first.
    expect(expiryLines(expiring, 100, now)).toEqual([{ date: '2029-09-30', points: 100 }]);
    expect(expiryLines(expiring, 130, now)).toEqual([
      { date: '2029-09-30', points: 120 },
      { date: '2029-10-15', points: 10 },
    ]);
    expect(expiryLines(expiring, 0, now)).toEqual([]);
    expect(expiryLines(undefined, 100, now)).toEqual([]);
  });

  it('English and German, plural rules and the UTC day in every time zone', () => {
    useLocale('en');
    expect(line(1200, '2029-09-30')).toBe('1,200 points expire on Sep 30, 2029');
    expect(line(1, '2029-01-01')).toBe('1 point expires on Jan 1, 2029');
    useLocale('de');
    expect(line(1200, '2029-09-30')).toBe('1.200 Punkte verfallen am 30.09.2029');
    expect(line(1, '2029-01-01')).toBe('1 Punkt verfällt am 01.01.2029');
  });

  it('Activity: "N points expired"', () => {
    const e: LedgerEntry = {
      id: '00000000-0000-4000-8000-000000000009',
      kind: 'expire',
      partnerId: null,
      orderRef: null,
      amount: null,
      points: -150,
      status: 'confirmed',
      reason: 'expired',
      code: 'expired',
      detail: '150 points expired on 2029-09-30',
      signals: [],
      createdAt: 0,
    };
    useLocale('en');
    expect(entryText(e)).toMatchObject({ reason: '150 points expired', status: 'Expired' });
    expect(entryText(e).detail).toBeUndefined();
    useLocale('de');
    expect(entryText(e)).toMatchObject({ reason: '150 Punkte verfallen', status: 'Verfallen' });
    expect(entryText({ ...e, points: -1 }).reason).toBe('1 Punkt verfallen');
  });
});
