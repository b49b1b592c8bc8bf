import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerDb, type LedgerEntry } from '../../utils/ledger';
import {
  ACTIVITY_CATEGORIES,
  type ActivityFilter,
  categoryOf,
  isActivityCategory,
  matchesFilter,
} from '../../utils/ledger/activity-filter';
import { activityWindow, ledgerPartnerIds } from '../../utils/ledger/queries';

const T0 = Date.UTC(2026, 10, 1);

function entry(i: number, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: `e-${String(i).padStart(5, '0')}`,
    kind: 'claim',
    partnerId: 'demo-shop',
    orderRef: `o-${i}`,
    amount: { minor: 1000 + i, currency: 'EUR' },
    points: 20,
    status: 'confirmed',
    reason: 'confirmed-by-partner',
    signals: [],
    createdAt: T0 + i * 60_000,
    ...over,
  };
}

describe('categoryOf', () => {
  it.each([
    [{ kind: 'claim', status: 'pending' }, 'purchase'],
    [{ kind: 'claim', status: 'confirmed', code: 'amount-changed' }, 'purchase'],
    [{ kind: 'adjust', status: 'confirmed', code: 'partial-return' }, 'purchase'],
    [{ kind: 'claim', status: 'rejected', code: 'cancelled-by-shopper' }, 'refused'],
    [{ kind: 'claim', status: 'rejected', code: 'not-buyer' }, 'refused'],
    [{ kind: 'refusal', status: 'rejected', code: 'duplicate-order' }, 'refused'],
    [{ kind: 'bonus', status: 'pending', code: 'welcome-pending' }, 'bonus'],
    [{ kind: 'bonus', status: 'confirmed', code: 'referral' }, 'bonus'],
    [{ kind: 'survey', status: 'confirmed' }, 'bonus'],
    [{ kind: 'spend', status: 'confirmed' }, 'reward'],
    [{ kind: 'spend', status: 'pending' }, 'reward'],
    [{ kind: 'spend', status: 'rejected', code: 'insufficient-points' }, 'refused'],
    [{ kind: 'spend', status: 'confirmed', code: 'donation' }, 'donation'],
    [{ kind: 'spend', status: 'pending', causeId: 'trees' }, 'donation'],
    [{ kind: 'spend', status: 'rejected', code: 'donation-below-minimum' }, 'refused'],
    [{ kind: 'expire', status: 'confirmed', code: 'expired' }, 'expired'],
    [{ kind: 'activate', status: 'confirmed' }, 'other'],
    [{ kind: 'tier', status: 'confirmed', code: 'tier-up' }, 'other'],
    [{ kind: 'badge', status: 'confirmed' }, 'other'],
    // Kinds this client does not know yet (a paid plan's entries, say), and hostile names.
    [{ kind: 'plan', status: 'confirmed' }, 'other'],
    [{ kind: 'constructor' }, 'other'],
    [{ kind: '__proto__' }, 'other'],
    [{ kind: '\u0000\ud800' }, 'other'],
  ] as const)('%o is %s', (e, category) => {
    expect(categoryOf(e)).toBe(category);
  });

  it('gives every category a value the guard accepts, and nothing else', () => {
    for (const c of ACTIVITY_CATEGORIES) expect(isActivityCategory(c)).toBe(true);
    for (const v of ['', 'all', 'toString', null, 3, undefined])
      expect(isActivityCategory(v)).toBe(false);
  });
});

/** A mixed ledger: purchases at two partners, refusals, bonuses, spends, donations, expiry. */
function mixed(n: number): LedgerEntry[] {
  const shapes: Partial<LedgerEntry>[] = [
    {},
    { partnerId: 'book-corner' },
    { status: 'pending', reason: 'awaiting-partner' },
    { status: 'rejected', reason: 'cancelled-by-partner', code: 'cancelled-by-partner' },
    { kind: 'bonus', partnerId: null, orderRef: null, amount: null, reason: 'bonus' },
    { kind: 'spend', partnerId: null, orderRef: null, amount: null, points: -500, reason: 'spent' },
    {
      kind: 'spend',
      partnerId: null,
      orderRef: null,
      amount: null,
      points: -100,
      causeId: 'trees',
    },
    {
      kind: 'expire',
      partnerId: null,
      orderRef: null,
      amount: null,
      points: -3,
      reason: 'expired',
    },
  ];
  return Array.from({ length: n }, (_, i) => entry(i, shapes[i % shapes.length]));
}

const reference = (all: LedgerEntry[], f: ActivityFilter) =>
  all
    .filter((e) => matchesFilter(e, f))
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((e) => e.id);

const open: Dexie[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('filtered activity (indexed)', () => {
  it('pages each filter in ledger order, counting only what passes', async () => {
    const db = new LedgerDb(`act-${crypto.randomUUID()}`);
    open.push(db);
    const all = mixed(400);
    await db.entries.bulkAdd(all);
    const filters: ActivityFilter[] = [
      {},
      { category: 'purchase' },
      { category: 'refused' },
      { category: 'donation' },
      { category: 'expired' },
      { partnerId: 'book-corner' },
      { partnerId: 'demo-shop', category: 'refused' },
      { partnerId: 'nowhere' },
    ];
    for (const f of filters) {
      const want = reference(all, f);
      const page = await activityWindow(db, 50, f);
      expect(page.total, JSON.stringify(f)).toBe(want.length);
      expect(page.entries.map((e) => e.id)).toEqual(want.slice(0, 50));
      const more = await activityWindow(db, 100, f);
      expect(more.entries.map((e) => e.id)).toEqual(want.slice(0, 100));
    }
    expect((await ledgerPartnerIds(db)).sort()).toEqual(['book-corner', 'demo-shop']);
  });

  it('keeps the category right when an entry changes status or is replaced', async () => {
    const db = new LedgerDb(`act-${crypto.randomUUID()}`);
    open.push(db);
    await db.entries.add(entry(1, { status: 'pending', reason: 'awaiting-sync' }));
    expect((await db.entries.get('e-00001'))?.category).toBe('purchase');
    await db.entries.update('e-00001', { status: 'rejected', reason: 'rejected-by-server' });
    expect((await db.entries.get('e-00001'))?.category).toBe('refused');
    await db.entries.where('id').equals('e-00001').modify({ status: 'confirmed' });
    expect((await db.entries.get('e-00001'))?.category).toBe('purchase');
    // A stale category written by hand is corrected, not trusted.
    await db.entries.put(entry(1, { kind: 'spend', code: 'donation', category: 'expired' }));
    expect((await db.entries.get('e-00001'))?.category).toBe('donation');
    expect((await activityWindow(db, 10, { category: 'donation' })).total).toBe(1);
    expect((await activityWindow(db, 10, { category: 'purchase' })).total).toBe(0);
  });
});

describe('version 4 upgrade', () => {
  it('adds the categories to a version 3 ledger, losing nothing', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    // The schema as version 3 shipped it (db.ts), written without the new hooks.
    const old = new Dexie(name);
    old.version(1).stores({
      entries: 'id, &claimKey, createdAt, status, serverSeq, claimId',
      balances: 'id',
      outbox: 'id, createdAt',
      meta: 'id',
    });
    old.version(2).stores({
      entries: 'id, &claimKey, createdAt, status, serverSeq, claimId, kind',
      program: 'id',
    });
    old.version(3).stores({ surveyDrafts: 'surveyId' });
    const all = mixed(40).map((e, i) => (i === 0 ? { ...e, claimKey: 'demo-shop\u0000o-0' } : e));
    await old.table('entries').bulkAdd(all);
    await old.table('balances').put({ id: 'me', available: 123, pending: 4 });
    await old
      .table('outbox')
      .put({ id: 'op-1', op: { type: 'claim' }, createdAt: T0, attempts: 2 });
    await old.table('meta').put({ id: 'sync', cursor: 77, failures: 0 });
    await old.table('surveyDrafts').put({ surveyId: 's1', answers: {}, at: null, updatedAt: T0 });
    expect(old.verno).toBe(3);
    old.close();

    const db = new LedgerDb(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(4);
    const rows = await db.entries.orderBy('createdAt').toArray();
    expect(rows.map(({ category: _c, ...rest }) => rest)).toEqual(all);
    for (const r of rows) expect(r.category).toBe(categoryOf(r));
    expect(await db.balances.get('me')).toEqual({ id: 'me', available: 123, pending: 4 });
    expect(await db.outbox.count()).toBe(1);
    expect((await db.meta.get('sync'))?.cursor).toBe(77);
    expect(await db.surveyDrafts.count()).toBe(1);
    // The unique claim key still holds after the upgrade.
    await expect(db.entries.add(entry(999, { claimKey: 'demo-shop\u0000o-0' }))).rejects.toThrow();
    const donations = await activityWindow(db, 50, { category: 'donation' });
    expect(donations.entries.map((e) => e.id)).toEqual(reference(all, { category: 'donation' }));
  });
});
