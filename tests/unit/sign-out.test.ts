import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  balanceFromEntries,
  clearLedgerForSignOut,
  LedgerDb,
  readBalance,
  recordClaim,
  unsentPurchases,
} from '../../utils/ledger';
import { applySyncResponse } from '../../utils/sync';
import { demoClaim, demoPartner } from './ledger-fixtures';

const partner = demoPartner;
const claim = (orderRef: string, minor = 5450) => demoClaim(orderRef, minor);

let db: LedgerDb;
beforeEach(async () => {
  db = new LedgerDb(`signout-${crypto.randomUUID()}`);
  await db.open();
});

/** A ledger with two synced entries (a claim, a bonus) and sync state at cursor 2. */
async function syncedLedger() {
  const { entry } = await recordClaim(db, claim('PP-SENT'), partner, { now: 1000 });
  await applySyncResponse(
    db,
    {
      acks: [{ opId: entry.id, status: 'accepted', seq: 1 }],
      changes: [
        {
          seq: 1,
          id: entry.id,
          kind: 'claim',
          claimId: null,
          partnerId: 'demo-shop',
          orderRef: 'PP-SENT',
          amount: entry.amount,
          points: entry.points,
          reason: null,
          at: '2026-11-23T10:00:00.000Z',
        },
        {
          seq: 2,
          id: crypto.randomUUID(),
          kind: 'bonus',
          claimId: null,
          partnerId: null,
          orderRef: null,
          amount: null,
          points: 500,
          reason: 'Welcome bonus',
          at: '2026-11-23T10:00:00.000Z',
        },
      ],
      cursor: 2,
      hasMore: false,
      balance: { available: 500, pending: entry.points },
    },
    2000,
  );
  return entry;
}

describe('unsentPurchases', () => {
  it('lists what waits in the outbox, oldest first, with order and points', async () => {
    await syncedLedger();
    expect(await unsentPurchases(db)).toEqual([]);
    const a = (await recordClaim(db, claim('PP-100123'), partner, { now: 3000 })).entry;
    const b = (await recordClaim(db, claim('PP-100124', 1000), partner, { now: 4000 })).entry;
    expect(await unsentPurchases(db)).toEqual([
      { id: a.id, partnerId: 'demo-shop', orderRef: 'PP-100123', points: 109 },
      { id: b.id, partnerId: 'demo-shop', orderRef: 'PP-100124', points: 20 },
    ]);
  });
});

describe('clearLedgerForSignOut', () => {
  it('with nothing unsent, deletes everything: entries, outbox, balances, sync state', async () => {
    await syncedLedger();
    expect(await db.entries.count()).toBe(2);
    expect(await clearLedgerForSignOut(db)).toEqual([]);
    expect(await db.entries.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await readBalance(db)).toEqual({ id: 'me', available: 0, pending: 0, unsent: 0 });
    expect(await db.meta.get('sync')).toBeUndefined();
  });

  it('keeps the unsent purchases with their outbox rows; deletes every other entry', async () => {
    const sent = await syncedLedger();
    const a = (await recordClaim(db, claim('PP-100123'), partner, { now: 3000 })).entry;
    const b = (await recordClaim(db, claim('PP-100124', 1000), partner, { now: 4000 })).entry;
    const outboxBefore = await db.outbox.toArray();

    const kept = await clearLedgerForSignOut(db);
    expect(kept.map((k) => k.orderRef)).toEqual(['PP-100123', 'PP-100124']);

    expect((await db.entries.toArray()).map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect(await db.entries.get(sent.id)).toBeUndefined();
    expect(await db.entries.get(a.id)).toEqual(a); // untouched, still "not yet sent"
    expect(await db.outbox.toArray()).toEqual(outboxBefore);
    expect(await readBalance(db)).toEqual({ id: 'me', available: 0, pending: 129, unsent: 129 });
    expect(await balanceFromEntries(db)).toEqual({ available: 0, pending: 129 });
    expect(await db.meta.get('sync')).toBeUndefined(); // cursor 0 for the next account
  });

  it('the kept purchases sync with the next sign-in and settle the balance', async () => {
    await syncedLedger();
    const a = (await recordClaim(db, claim('PP-100123'), partner, { now: 3000 })).entry;
    await clearLedgerForSignOut(db);
    // Next account: the first sync pushes the kept op and pulls from cursor 0.
    await applySyncResponse(
      db,
      {
        acks: [{ opId: a.id, status: 'accepted', seq: 7 }],
        changes: [
          {
            seq: 7,
            id: a.id,
            kind: 'claim',
            claimId: null,
            partnerId: 'demo-shop',
            orderRef: 'PP-100123',
            amount: a.amount,
            points: a.points,
            reason: null,
            at: '2026-11-23T10:00:00.000Z',
          },
        ],
        cursor: 7,
        hasMore: false,
        balance: { available: 0, pending: a.points },
      },
      5000,
    );
    expect(await db.outbox.count()).toBe(0);
    expect(await db.entries.get(a.id)).toMatchObject({ reason: 'awaiting-partner', serverSeq: 7 });
    expect(await readBalance(db)).toEqual({ id: 'me', available: 0, pending: 109, unsent: 0 });
  });

  it('is one transaction: a failure half-way leaves the ledger as it was', async () => {
    await syncedLedger();
    await recordClaim(db, claim('PP-100123'), partner, { now: 3000 });
    const before = {
      entries: await db.entries.toArray(),
      outbox: await db.outbox.toArray(),
      balance: await readBalance(db),
      meta: await db.meta.get('sync'),
    };
    const put = vi.spyOn(db.balances, 'put').mockImplementation(() => {
      throw new Error('disk full');
    });
    await expect(clearLedgerForSignOut(db)).rejects.toThrow('disk full');
    put.mockRestore();
    expect(await db.entries.toArray()).toEqual(before.entries);
    expect(await db.outbox.toArray()).toEqual(before.outbox);
    expect(await readBalance(db)).toEqual(before.balance);
    expect(await db.meta.get('sync')).toEqual(before.meta);
  });
});
