import { beforeEach, describe, expect, it } from 'vitest';
import { LedgerDb, type LedgerEntry } from '../../utils/ledger';
import {
  ACTIVITY_PAGE_SIZE,
  dayKey,
  daysBetween,
  groupByDay,
  hasMore,
  nextShown,
} from '../../utils/ledger/activity';
import { activityWindow, entriesPage } from '../../utils/ledger/queries';

const HOUR = 3_600_000;
/** Local noon on a given day, so adding hours stays predictable in any time zone. */
const noon = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();

describe('dayKey', () => {
  it('names the local calendar day', () => {
    expect(dayKey(new Date(2026, 0, 5, 0, 0, 1).getTime())).toBe('2026-01-05');
    expect(dayKey(new Date(2026, 11, 31, 23, 59, 59).getTime())).toBe('2026-12-31');
  });
});

describe('groupByDay', () => {
  it('groups newest-first items into days, keeping their order', () => {
    const items = [
      { id: 'a', at: noon(2026, 11, 3) + 5 * HOUR },
      { id: 'b', at: noon(2026, 11, 3) - 2 * HOUR },
      { id: 'c', at: noon(2026, 11, 2) },
      { id: 'd', at: noon(2026, 10, 30) + HOUR },
      { id: 'e', at: noon(2026, 10, 30) },
    ];
    const groups = groupByDay(items, (i) => i.at);
    expect(groups.map((g) => g.day)).toEqual(['2026-11-03', '2026-11-02', '2026-10-30']);
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    expect(groups.flatMap((g) => g.items)).toEqual(items);
    expect(groups[0]!.at).toBe(items[0]!.at);
  });

  it('is empty for no items, and never reorders out-of-order input', () => {
    expect(groupByDay([], (n: number) => n)).toEqual([]);
    const at = [noon(2026, 1, 2), noon(2026, 1, 1), noon(2026, 1, 2)];
    expect(groupByDay(at, (n) => n).map((g) => g.day)).toEqual([
      '2026-01-02',
      '2026-01-01',
      '2026-01-02',
    ]);
  });

  it('takes its day function as a parameter (a fixed zone for tests or other calendars)', () => {
    const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);
    const groups = groupByDay(
      [Date.UTC(2026, 0, 1, 23), Date.UTC(2026, 0, 1, 1)],
      (n) => n,
      utcDay,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.day).toBe('2026-01-01');
  });

  it('groups 10,000 entries quickly', () => {
    const start = noon(2026, 11, 3);
    const many = Array.from({ length: 10_000 }, (_, i) => start - i * HOUR);
    const t0 = performance.now();
    const groups = groupByDay(many, (n) => n);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(groups.reduce((n, g) => n + g.items.length, 0)).toBe(10_000);
    expect(groups.length).toBeGreaterThanOrEqual(416);
  });
});

describe('daysBetween', () => {
  it('counts calendar days, also across month ends and DST changes', () => {
    expect(daysBetween('2026-11-03', '2026-11-03')).toBe(0);
    expect(daysBetween('2026-11-02', '2026-11-03')).toBe(1);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
  });
});

describe('paging', () => {
  it('adds one page at a time and stops at the total', () => {
    expect(nextShown(0, 30)).toBe(30);
    expect(nextShown(0, 10_000)).toBe(ACTIVITY_PAGE_SIZE);
    expect(nextShown(50, 120)).toBe(100);
    expect(nextShown(100, 120)).toBe(120);
    expect(nextShown(120, 120)).toBe(120);
    expect(nextShown(0, 0)).toBe(0);
    expect(hasMore(50, 120)).toBe(true);
    expect(hasMore(120, 120)).toBe(false);
  });
});

describe('entriesPage / activityWindow', () => {
  let db: LedgerDb;
  const entry = (i: number, createdAt: number): LedgerEntry => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    kind: 'claim',
    partnerId: 'demo-shop',
    orderRef: `PP-${i}`,
    amount: { minor: 1000, currency: 'EUR' },
    points: 20,
    status: 'pending',
    reason: 'awaiting-partner',
    signals: ['jsonld'],
    createdAt,
    claimKey: `demo-shop\u0000PP-${i}`,
  });

  beforeEach(async () => {
    db = new LedgerDb(`test-${crypto.randomUUID()}`);
    await db.open();
    // Written out of order: the pages must come back by createdAt, newest first.
    const base = noon(2026, 11, 3);
    const rows = Array.from({ length: 120 }, (_, i) => entry(i, base - i * HOUR));
    await db.entries.bulkPut([...rows].sort(() => Math.random() - 0.5));
  });

  it('pages through the ledger newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 120; offset += ACTIVITY_PAGE_SIZE) {
      const page = await entriesPage(db, offset, ACTIVITY_PAGE_SIZE);
      seen.push(...page.map((e) => e.orderRef!));
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `PP-${i}`));
  });

  it('returns the newest `shown` entries and the total', async () => {
    const w = await activityWindow(db, 50);
    expect(w.total).toBe(120);
    expect(w.entries).toHaveLength(50);
    expect(w.entries[0]!.orderRef).toBe('PP-0');
    expect(w.entries[49]!.orderRef).toBe('PP-49');
    const times = w.entries.map((e) => e.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
