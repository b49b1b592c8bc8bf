import { beforeEach, describe, expect, it } from 'vitest';
import type { RejectCode, ServerEntry, SyncResponse } from '../../../utils/contract';
import {
  balanceFromEntries,
  clearLedgerForSignOut,
  LedgerDb,
  readBalance,
  readProgram,
  recordClaim,
  recordProgramOp,
  unsentClaimCount,
  unsentPurchases,
} from '../../../utils/ledger';
import { applySyncResponse } from '../../../utils/sync';
import { demoClaim, demoPartner } from '../ledger-fixtures';
import { serverEntry } from './shared';

let db: LedgerDb;
let seq: number;
beforeEach(async () => {
  db = new LedgerDb(`apply-program-${crypto.randomUUID()}`);
  await db.open();
  seq = 0;
});

/** One server entry, as the server would send it (next seq). */
const entry = (kind: ServerEntry['kind'], fields: Parameters<typeof serverEntry>[2] = {}) =>
  serverEntry(++seq, kind, fields);

const apply = (
  changes: ServerEntry[],
  balance: SyncResponse['balance'],
  acks: SyncResponse['acks'] = [],
) => applySyncResponse(db, { acks, changes, cursor: seq, hasMore: false, balance }, 1000);

const voucher = {
  rewardId: 'demo-shop-5',
  code: 'PP-5-ABCD',
  value: { minor: 500, currency: 'EUR' },
  partnerId: 'demo-shop',
  expiresAt: '2027-01-31T00:00:00.000Z',
};

async function expectBalanceMatchesEntries() {
  const stored = await readBalance(db);
  expect(await balanceFromEntries(db)).toEqual({
    available: stored.available,
    pending: stored.pending,
  });
}

describe('applySyncResponse: activations, redemptions, tiers', () => {
  it('an activation: its ack confirms the local entry; the server entry adds nothing twice', async () => {
    const { entry: local } = await recordProgramOp(
      db,
      { type: 'activate-coupon', couponId: 'demo-shop-10x' },
      { partnerId: 'demo-shop' },
    );
    expect(local).toMatchObject({ kind: 'activate', status: 'pending', reason: 'activating' });
    const server = entry('activate', {
      id: local.id,
      partnerId: 'demo-shop',
      couponId: 'demo-shop-10x',
    });
    const out = await apply([server], { available: 0, pending: 0 }, [
      { opId: local.id, status: 'accepted', seq: server.seq },
    ]);
    expect(out.programChanged).toBe(true);
    expect(await db.entries.count()).toBe(1);
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'confirmed',
      reason: 'coupon-activated',
      couponId: 'demo-shop-10x',
      serverSeq: server.seq,
      points: 0,
      createdAt: local.createdAt,
    });
    await expectBalanceMatchesEntries();
  });

  it('a redemption: the ack alone keeps it pending at 0 points; its spend entry brings price and voucher', async () => {
    await apply([entry('bonus', { points: 800 })], { available: 800, pending: 0 });
    const { entry: local } = await recordProgramOp(db, { type: 'redeem', rewardId: 'demo-shop-5' });
    const spend = entry('spend', { id: local.id, partnerId: 'demo-shop', points: -500, voucher });
    await apply([], { available: 800, pending: 0 }, [
      { opId: local.id, status: 'accepted', seq: spend.seq },
    ]);
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'pending',
      points: 0,
      serverSeq: spend.seq,
    });
    await expectBalanceMatchesEntries();
    await apply([spend], { available: 300, pending: 0 });
    expect(await db.entries.get(local.id)).toMatchObject({
      kind: 'spend',
      status: 'confirmed',
      reason: 'spent',
      points: -500,
      voucher,
      rewardId: 'demo-shop-5',
    });
    expect((await readBalance(db)).available).toBe(300);
    await expectBalanceMatchesEntries();
  });

  const refusals: RejectCode[] = [
    'unknown-coupon',
    'coupon-expired',
    'coupon-not-for-you',
    'coupon-already-active',
    'coupon-sold-out',
  ];
  for (const code of refusals) {
    it(`a refused activation (${code}) is rejected with its code, 0 points`, async () => {
      const { entry: local } = await recordProgramOp(db, {
        type: 'activate-coupon',
        couponId: 'demo-shop-10x',
      });
      await apply([], { available: 0, pending: 0 }, [
        { opId: local.id, status: 'rejected', code, reason: 'server words' },
      ]);
      expect(await db.entries.get(local.id)).toMatchObject({
        status: 'rejected',
        code,
        points: 0,
      });
      expect(await db.outbox.count()).toBe(0);
    });
  }

  it('a refused redemption leaves the balance unchanged', async () => {
    await apply([entry('bonus', { points: 200 })], { available: 200, pending: 0 });
    const { entry: local } = await recordProgramOp(db, { type: 'redeem', rewardId: 'demo-shop-5' });
    await apply([], { available: 200, pending: 0 }, [
      { opId: local.id, status: 'rejected', code: 'insufficient-points', reason: 'not enough' },
    ]);
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'rejected',
      code: 'insufficient-points',
      points: 0,
    });
    expect((await readBalance(db)).available).toBe(200);
    await expectBalanceMatchesEntries();
  });

  it('from another device: activations, redemptions and tier changes are added as confirmed entries', async () => {
    const activate = entry('activate', { partnerId: 'demo-shop', couponId: 'demo-shop-10x' });
    const tier = entry('tier', { code: 'tier-up', tierId: 'silver' });
    const spend = entry('spend', { partnerId: 'demo-shop', points: -500, voucher });
    const out = await apply([entry('bonus', { points: 800 }), activate, tier, spend], {
      available: 300,
      pending: 0,
    });
    expect(out.programChanged).toBe(true);
    expect(await db.entries.get(activate.id)).toMatchObject({
      status: 'confirmed',
      reason: 'coupon-activated',
      couponId: 'demo-shop-10x',
    });
    expect(await db.entries.get(tier.id)).toMatchObject({
      kind: 'tier',
      status: 'confirmed',
      reason: 'tier-changed',
      code: 'tier-up',
      tierId: 'silver',
      points: 0,
    });
    expect(await db.entries.get(spend.id)).toMatchObject({ status: 'confirmed', voucher });
    // Repeated changes add nothing.
    await apply([activate, tier, spend], { available: 300, pending: 0 });
    expect(await db.entries.count()).toBe(4);
    await expectBalanceMatchesEntries();
  });

  it('a confirmation keeps the coupons that applied; owed points reach the balance row', async () => {
    const { entry: claim } = await recordClaim(db, demoClaim('PP-1', 5000), demoPartner);
    const server = entry('claim', {
      id: claim.id,
      partnerId: 'demo-shop',
      orderRef: 'PP-1',
      amount: claim.amount,
      points: claim.points,
    });
    await apply([server], { available: 0, pending: claim.points }, [
      { opId: claim.id, status: 'accepted', seq: server.seq },
    ]);
    const confirm = entry('confirm', {
      claimId: claim.id,
      points: 1000,
      coupons: ['demo-shop-10x'],
      code: 'debt-repaid',
    });
    await apply([confirm], { available: 1000, pending: 0, owed: 40 });
    expect(await db.entries.get(claim.id)).toMatchObject({
      status: 'confirmed',
      points: 1000,
      coupons: ['demo-shop-10x'],
      code: 'debt-repaid',
    });
    expect(await readBalance(db)).toMatchObject({ available: 1000, owed: 40 });
    await expectBalanceMatchesEntries();
  });

  it('a poll with only a claim brings no program refresh', async () => {
    const out = await apply(
      [entry('claim', { partnerId: 'demo-shop', orderRef: 'X', points: 5 })],
      {
        available: 0,
        pending: 5,
      },
    );
    expect(out.programChanged).toBe(false);
  });
});

describe('sign-out and the program', () => {
  it('clears the program data and drops unsent activations and redemptions (they are the account’s)', async () => {
    await db.program.put({
      id: 'rewards',
      data: { rewards: [] },
      etag: '"r1"',
      fetchedAt: 1,
    });
    const { entry: claim } = await recordClaim(db, demoClaim('PP-KEEP', 5000), demoPartner);
    await recordProgramOp(db, { type: 'redeem', rewardId: 'demo-shop-5' });
    await recordProgramOp(db, { type: 'activate-coupon', couponId: 'demo-shop-10x' });
    expect((await unsentPurchases(db)).map((u) => u.id)).toEqual([claim.id]);
    // The popup's "1 purchase not sent yet" counts the purchase only.
    expect(await db.outbox.count()).toBe(3);
    expect(await unsentClaimCount(db)).toBe(1);
    const kept = await clearLedgerForSignOut(db);
    expect(kept.map((u) => u.id)).toEqual([claim.id]);
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([claim.id]);
    expect((await db.entries.toArray()).map((e) => e.id)).toEqual([claim.id]);
    expect(await readProgram(db)).toEqual({});
  });
});
