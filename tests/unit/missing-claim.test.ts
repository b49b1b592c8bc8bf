import { describe, expect, it } from 'vitest';
import { reportedReason } from '../../components/missing-purchase-text';
import {
  checkMissingPurchase,
  claimWindow,
  epochDay,
  localDay,
  type MissingPurchase,
} from '../../utils/contract/missing-claim';
import type { LedgerEntry } from '../../utils/ledger';
import { useLocale } from './i18n-fake';

const partner = { earn: { currency: 'EUR' }, claimWindowDays: 30 };
const today = '2026-03-15';
const report = (over: Partial<MissingPurchase> = {}): MissingPurchase => ({
  partnerId: 'demo-shop',
  orderRef: 'PP-100123',
  purchasedOn: '2026-03-10',
  amount: { minor: 5980, currency: 'EUR' },
  ...over,
});
const codeOf = (over: Partial<MissingPurchase>, slackDays = 0) => {
  const out = checkMissingPurchase(report(over), { partner, today, slackDays });
  return out.ok ? 'ok' : `${out.code} @${out.field}`;
};

describe('checkMissingPurchase (the popup, the background and the server)', () => {
  it('accepts a plain report and trims the order reference', () => {
    const out = checkMissingPurchase(report({ orderRef: '  PP-1  ' }), { partner, today });
    expect(out).toEqual({ ok: true, purchase: report({ orderRef: 'PP-1' }) });
  });

  it.each([
    ['2026-03-16', 'purchase-date-invalid @purchasedOn'], // tomorrow
    ['2026-02-30', 'purchase-date-invalid @purchasedOn'],
    ['2026-13-01', 'purchase-date-invalid @purchasedOn'],
    ['15.03.2026', 'purchase-date-invalid @purchasedOn'],
    ['', 'purchase-date-invalid @purchasedOn'],
    ['2026-02-12', 'outside-claim-window @purchasedOn'], // 30 days + 1
    ['2026-02-13', 'ok'], // exactly 30 days
    ['2026-03-15', 'ok'], // today
    ['2024-02-29', 'outside-claim-window @purchasedOn'], // a real leap day, long ago
  ])('date %s → %s', (purchasedOn, expected) => {
    expect(codeOf({ purchasedOn })).toBe(expected);
  });

  it('the server’s day of slack covers a member a time zone ahead or behind', () => {
    expect(codeOf({ purchasedOn: '2026-03-16' }, 1)).toBe('ok');
    expect(codeOf({ purchasedOn: '2026-03-17' }, 1)).toBe('purchase-date-invalid @purchasedOn');
    expect(codeOf({ purchasedOn: '2026-02-12' }, 1)).toBe('ok');
    expect(codeOf({ purchasedOn: '2026-02-11' }, 1)).toBe('outside-claim-window @purchasedOn');
  });

  it.each([
    [0, 'EUR'],
    [-1, 'EUR'],
    [12.5, 'EUR'],
    [1e300, 'EUR'],
    [Number.NaN, 'EUR'],
    [100_000_000_001, 'EUR'],
    [500, 'USD'],
    [500, 'eur'],
  ])('amount %s %s → amount-invalid', (minor, currency) => {
    expect(codeOf({ amount: { minor, currency } })).toBe('amount-invalid @amount');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['A\u0000B', 'U+0000'],
    ['A\uD800B', 'a lone surrogate'],
    ['A\nB', 'a control character'],
    ['X'.repeat(129), 'too long'],
  ])('order reference %j (%s) → order-ref-invalid', (orderRef) => {
    expect(codeOf({ orderRef })).toBe('order-ref-invalid @orderRef');
  });

  it('the default window is 90 days', () => {
    const p = { earn: { currency: 'EUR' } };
    const at = (purchasedOn: string) =>
      checkMissingPurchase(report({ purchasedOn }), { partner: p, today }).ok;
    expect(at('2025-12-15')).toBe(true); // 90 days
    expect(at('2025-12-14')).toBe(false);
  });

  it('day helpers', () => {
    expect(claimWindow('2026-03-01', 30)).toEqual({ from: '2026-01-30', to: '2026-03-01' });
    expect(epochDay('2026-02-29')).toBeNull();
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('a reported purchase in the activity', () => {
  const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'claim',
    partnerId: 'demo-shop',
    orderRef: 'PP-1',
    amount: { minor: 5980, currency: 'EUR' },
    points: 119,
    status: 'pending',
    reason: 'awaiting-partner',
    signals: [],
    createdAt: 0,
    reported: { purchasedOn: '2026-03-10' },
    ...over,
  });

  it('says who reported it and whom it waits for, in en and de', () => {
    useLocale('en');
    expect(reportedReason(entry({}), 'Demo Shop')).toBe('Reported by you · waiting for Demo Shop');
    expect(reportedReason(entry({ reason: 'awaiting-sync' }), 'Demo Shop')).toBe(
      'Reported by you · not sent yet',
    );
    useLocale('de');
    expect(reportedReason(entry({}), 'Demo Shop')).toBe('Von dir gemeldet · wartet auf Demo Shop');
    expect(
      reportedReason(entry({ status: 'confirmed', reason: 'confirmed-by-partner' }), 'Demo Shop'),
    ).toBe('Von dir gemeldet · von Demo Shop bestätigt');
    expect(
      reportedReason(
        entry({ status: 'rejected', reason: 'cancelled-by-partner', code: 'cancelled-by-partner' }),
        'Demo Shop',
      ),
    ).toBe('Von dir gemeldet · Demo Shop hat ihn nicht bestätigt');
  });

  it('leaves the wording to a code that explains the status, and to detected claims', () => {
    useLocale('en');
    expect(reportedReason(entry({ code: 'contested', reason: 'contested' }), 'Demo Shop')).toBe(
      undefined,
    );
    expect(
      reportedReason(
        entry({ status: 'rejected', reason: 'rejected-by-server', code: 'duplicate-order' }),
        'Demo Shop',
      ),
    ).toBe(undefined);
    expect(reportedReason(entry({ reported: undefined }), 'Demo Shop')).toBe(undefined);
  });
});
