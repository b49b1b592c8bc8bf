/**
 * The popup's Activity with 10,000 local entries: the first page (50) and its
 * count, unfiltered (the createdAt index, as before issue 13), filtered by
 * kind, by partner and by both (the version 4 compound indexes), beside the
 * same filter done by reading every entry and filtering in memory (what the
 * indexes avoid), in one run, interleaved. IndexedDB is fake-indexeddb in
 * Node, so the absolute times are not a browser's; the ratios are the point.
 * Median and p95 of RUNS reads each, after a warm-up.
 *
 *   npx tsx bench/run.ts activity-filter
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { type ActivityFilter, matchesFilter } from '../utils/ledger/activity-filter';
import { LedgerDb, type LedgerEntry } from '../utils/ledger/db';
import { activityWindow } from '../utils/ledger/queries';
import type { Row } from './run';

const ENTRIES = 10_000;
const RUNS = Number(process.env.ACTIVITY_BENCH_RUNS ?? 30);
const PARTNERS = ['demo-shop', 'book-corner', 'green-grocer', 'travel-hub'];

function ledger(): LedgerEntry[] {
  const t0 = Date.UTC(2024, 0, 1);
  return Array.from({ length: ENTRIES }, (_, i) => {
    const shape = i % 20;
    const base: LedgerEntry = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: 'claim',
      partnerId: PARTNERS[i % PARTNERS.length]!,
      orderRef: `O-${i}`,
      amount: { minor: 1000 + i, currency: 'EUR' },
      points: 20,
      status: shape === 0 ? 'rejected' : shape < 3 ? 'pending' : 'confirmed',
      reason: 'confirmed-by-partner',
      signals: [],
      createdAt: t0 + i * 3_600_000,
    };
    if (shape === 5)
      return { ...base, kind: 'bonus', partnerId: null, orderRef: null, amount: null };
    if (shape === 6) return { ...base, kind: 'spend', partnerId: null, amount: null, points: -500 };
    if (shape === 7)
      return { ...base, kind: 'spend', code: 'donation' as never, partnerId: null, amount: null };
    return base;
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

/** The in-memory way: every entry read, filtered and sorted in JS. */
async function scanned(db: LedgerDb, f: ActivityFilter) {
  const all = await db.entries.toArray();
  const hits = all.filter((e) => matchesFilter(e, f)).sort((a, b) => b.createdAt - a.createdAt);
  return { entries: hits.slice(0, 50), total: hits.length };
}

export async function benchActivityFilter(): Promise<Row[]> {
  const db = new LedgerDb(`bench-activity-${Date.now()}`);
  await db.entries.bulkAdd(ledger());
  const cases: { read: string; run: () => Promise<{ total: number }> }[] = [
    { read: 'all, createdAt index (baseline)', run: () => activityWindow(db, 50) },
    { read: 'kind = purchases', run: () => activityWindow(db, 50, { category: 'purchase' }) },
    { read: 'kind = donations', run: () => activityWindow(db, 50, { category: 'donation' }) },
    {
      read: 'partner = Book Corner',
      run: () => activityWindow(db, 50, { partnerId: 'book-corner' }),
    },
    {
      read: 'partner = Demo Shop + kind = refused',
      run: () => activityWindow(db, 50, { partnerId: 'demo-shop', category: 'refused' }),
    },
    {
      read: 'kind = purchases, scanning all entries (no index)',
      run: () => scanned(db, { category: 'purchase' }),
    },
  ];
  const times = cases.map(() => [] as number[]);
  const totals = new Map<number, number>();
  for (let r = -3; r < RUNS; r++) {
    for (const [i, c] of cases.entries()) {
      const t0 = performance.now();
      const out = await c.run();
      const ms = performance.now() - t0;
      totals.set(i, out.total);
      if (r >= 0) times[i]!.push(ms);
    }
  }
  db.close();
  await db.delete();
  return cases.map((c, i) => ({
    read: c.read,
    entries: ENTRIES,
    matching: totals.get(i),
    'first page median ms': median(times[i]!).toFixed(2),
    'p95 ms': p95(times[i]!).toFixed(2),
  }));
}
