import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../utils/ledger';
import {
  ACTIVITY_COLUMNS,
  activityCsv,
  activityFileName,
  activityJson,
  activityRow,
  majorUnits,
  type RowContext,
  safeCell,
} from '../../utils/ledger/activity-export';
import { parseCsv } from '../support/csv-reader';

const claim = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: '6f1c1a8e-0000-4000-8000-000000000001',
  kind: 'claim',
  partnerId: 'demo-shop',
  orderRef: 'A-1001',
  amount: { minor: 4990, currency: 'EUR' },
  points: 99,
  status: 'confirmed',
  reason: 'confirmed-by-partner',
  signals: [],
  createdAt: Date.UTC(2026, 10, 3, 9, 30),
  ...over,
});

const ctx: RowContext = {
  partnerName: (id) => (id === 'demo-shop' ? 'Demo Shop' : id),
  words: (e) => ({
    status: e.status === 'rejected' ? 'Cancelled' : 'Confirmed',
    reason: e.status === 'rejected' ? 'The shop cancelled this order' : 'Confirmed by the shop',
    ...(e.detail ? { detail: e.detail } : {}),
  }),
};

const HOSTILE = [
  '=cmd|"/C calc"!A0',
  '+1+1',
  '-2',
  '@SUM(A1)',
  '\tTAB',
  '＝fullwidth',
  'say "hi", then go',
  'two\nlines',
  'cr\ronly',
  'crlf\r\nend',
  'nul\u0000here',
  'lone \ud800 high',
  'lone \udc00 low',
  'pair 😀 ok',
  'Grüße, Straße',
];

describe('activity export', () => {
  it('writes the documented columns, one row per entry, with its words', () => {
    const csv = activityCsv([activityRow(claim(), ctx)]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...ACTIVITY_COLUMNS]);
    expect(rows[1]).toEqual([
      '2026-11-03T09:30:00.000Z',
      '6f1c1a8e-0000-4000-8000-000000000001',
      'claim',
      'purchase',
      'confirmed',
      '',
      'demo-shop',
      'Demo Shop',
      'A-1001',
      '49.90',
      'EUR',
      '99',
      'Confirmed',
      'Confirmed by the shop',
      '',
    ]);
    expect(rows).toHaveLength(2);
  });

  it('keeps hostile text as inert text in one cell each, never a formula or a broken row', () => {
    const entries = HOSTILE.map((s, i) =>
      claim({
        id: `id-${i}`,
        orderRef: s,
        detail: s,
        partnerId: s,
        status: 'rejected',
        code: 'cancelled-by-partner',
        points: -i,
      }),
    );
    const csv = activityCsv(entries.map((e) => activityRow(e, ctx)));
    // Well-formed UTF-16 (so it has a UTF-8 form), and no NUL anywhere.
    expect(csv).not.toMatch(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    );
    expect(csv).not.toContain('\u0000');
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(HOSTILE.length + 1);
    const col = (name: (typeof ACTIVITY_COLUMNS)[number]) => ACTIVITY_COLUMNS.indexOf(name);
    rows.slice(1).forEach((r, i) => {
      expect(r).toHaveLength(ACTIVITY_COLUMNS.length);
      const s = HOSTILE[i]!;
      const cleaned = safeCell(s);
      // A formula-like start gets the apostrophe; everything else comes back exactly.
      const want = /^[=+\-@\t\r＝＋－＠]/.test(cleaned) ? `'${cleaned}` : cleaned;
      for (const c of ['order_ref', 'detail', 'partner_id', 'partner'] as const)
        expect(r[col(c)], `${c} of ${JSON.stringify(s)}`).toBe(want);
      // Points are numbers: a negative one stays a number, not text.
      expect(r[col('points')]).toBe(String(-i));
      // No cell of any row begins like a formula.
      for (const cell of r) expect(cell).not.toMatch(/^[=+@\t\r＝＋＠]/);
    });
    expect(safeCell('nul\u0000here')).toBe('nul\ufffdhere');
    expect(safeCell('lone \ud800 high')).toBe('lone \ufffd high');
    expect(safeCell('pair 😀 ok')).toBe('pair 😀 ok');
  });

  it('writes JSON that gives back the same rows, hostile text untouched', () => {
    const entries = HOSTILE.map((s, i) => claim({ id: `id-${i}`, orderRef: s, detail: s }));
    const rows = entries.map((e) => activityRow(e, ctx));
    const doc = JSON.parse(activityJson(rows, 'de', new Date(Date.UTC(2026, 11, 2))));
    expect(doc).toMatchObject({ format: 'pointpilot-activity', version: 1, language: 'de' });
    expect(doc.exportedAt).toBe('2026-12-02T00:00:00.000Z');
    expect(doc.entries).toEqual(rows);
    expect(doc.entries.map((r: { order_ref: string }) => r.order_ref)).toEqual(HOSTILE);
  });

  it('names categories for codes other parts add (donation, referral, expiry)', () => {
    const kinds = [
      claim({ kind: 'spend', code: 'donation' as never, partnerId: null, amount: null }),
      claim({ kind: 'bonus', code: 'referral' as never, partnerId: null, amount: null }),
      claim({ kind: 'expire', code: 'expired' as never, partnerId: null, amount: null }),
    ].map((e) => activityRow(e, ctx));
    expect(kinds.map((r) => r.category)).toEqual(['donation', 'bonus', 'expired']);
    expect(kinds.map((r) => [r.partner, r.amount, r.currency])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('writes amounts in major units by the currency, and names files by the local day', () => {
    expect(majorUnits(4990, 'EUR')).toBe('49.90');
    expect(majorUnits(5, 'EUR')).toBe('0.05');
    expect(majorUnits(1234, 'JPY')).toBe('1234');
    expect(majorUnits(1234, 'KWD')).toBe('1.234');
    expect(majorUnits(-250, 'EUR')).toBe('-2.50');
    expect(activityFileName('csv', new Date(2026, 0, 5, 23, 59))).toBe(
      'pointpilot-activity-2026-01-05.csv',
    );
    expect(activityFileName('json', new Date(2026, 11, 31, 0, 1))).toBe(
      'pointpilot-activity-2026-12-31.json',
    );
  });
});
