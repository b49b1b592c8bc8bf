import { beforeEach, describe, expect, it } from 'vitest';
import { type Claim, Partner } from '../../utils/contract';
import {
  balanceFromEntries,
  LedgerDb,
  readBalance,
  recentEntries,
  recordClaim,
} from '../../utils/ledger';

const partner = Partner.parse({
  id: 'demo-shop',
  name: 'Demo Shop',
  domains: ['127.0.0.1'],
  earn: { pointsPerUnit: 2, currency: 'EUR' },
});

const claim = (orderRef: string, minor = 5980): Claim => ({
  partnerId: 'demo-shop',
  orderRef,
  total: { minor, currency: 'EUR' },
  detectedAt: new Date().toISOString(),
  signals: ['jsonld'],
  conflicts: [],
});

let db: LedgerDb;
beforeEach(async () => {
  db = new LedgerDb(`test-${crypto.randomUUID()}`);
  await db.open();
});

describe('recordClaim', () => {
  it('records a pending entry with its points, balance and outbox op together', async () => {
    const r = await recordClaim(db, claim('PP-1'), partner);
    expect(r.status).toBe('recorded');
    expect(r.entry).toMatchObject({ status: 'pending', points: 119, reason: 'awaiting-sync' });
    expect(await readBalance(db)).toMatchObject({ available: 0, pending: 119 });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.op).toMatchObject({
      id: r.entry.id,
      type: 'claim',
      claim: { orderRef: 'PP-1' },
    });
  });

  it('keeps exactly one entry per partner+order, also when reports race', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => recordClaim(db, claim('PP-2'), partner)),
    );
    expect(results.filter((r) => r.status === 'recorded')).toHaveLength(1);
    expect(await db.entries.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect(await readBalance(db)).toMatchObject({ pending: 119 });
    const again = await recordClaim(db, claim('PP-2'), partner);
    expect(again.status).toBe('duplicate');
    expect(await readBalance(db)).toMatchObject({ pending: 119 });
  });

  it('keeps stored balances equal to the sum of entries', async () => {
    for (let i = 0; i < 20; i++) await recordClaim(db, claim(`PP-${i % 7}`, 1000 + i), partner);
    const stored = await readBalance(db);
    expect(await balanceFromEntries(db)).toEqual({
      available: stored.available,
      pending: stored.pending,
    });
    expect(await db.entries.count()).toBe(7);
  });

  it('lists recent entries newest first', async () => {
    await recordClaim(db, claim('A'), partner, { now: 1000 });
    await recordClaim(db, claim('B'), partner, { now: 2000 });
    expect((await recentEntries(db)).map((e) => e.orderRef)).toEqual(['B', 'A']);
  });
});
