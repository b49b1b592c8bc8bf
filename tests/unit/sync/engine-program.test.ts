import { beforeEach, describe, expect, it } from 'vitest';
import {
  balanceFromEntries,
  LedgerDb,
  readBalance,
  recordClaim,
  recordProgramOp,
} from '../../../utils/ledger';
import { runSync, SyncError } from '../../../utils/sync';
import { demoClaim, demoPartner } from '../ledger-fixtures';
import { FakeServer } from './fake-server';
import { expectAgreement as agree } from './shared';

let db: LedgerDb;
let server: FakeServer;
let clock: number;
const deps = () => ({ db, transport: server, now: () => clock, random: () => 0.5 });
const EUR5 = { minor: 500, currency: 'EUR' };

beforeEach(async () => {
  db = new LedgerDb(`sync-program-${crypto.randomUUID()}`);
  server = new FakeServer();
  server.rewards.set('demo-shop-5', { price: 500, value: EUR5, partnerId: 'demo-shop', stock: 10 });
  server.coupons.set('demo-shop-10x', { stock: 5, partnerId: 'demo-shop' });
  clock = 1_000_000;
});

const expectAgreement = () => agree(db, server);

/** 800 points available on the server and locally. */
async function withPoints(points = 800) {
  server.bonus(points);
  await runSync(deps());
  expect((await readBalance(db)).available).toBe(points);
}

const redeem = () => recordProgramOp(db, { type: 'redeem', rewardId: 'demo-shop-5' });

describe('runSync: redemptions and coupon activations', () => {
  it('an answer that touches the program does not stop the next answers from being applied', async () => {
    // Found by the 10,000-op bench: `programChanged ||= await apply(…)` skipped
    // applying every answer after the first program change, so the same ops
    // went up again and again until the round limit.
    server.bonus(100); // a bonus entry: changes the program (the expiry warning)
    for (let i = 0; i < 250; i++) await recordClaim(db, demoClaim(`R-${i}`, 1000), demoPartner);
    const out = await runSync(deps());
    expect(out).toMatchObject({ status: 'synced', pushed: 250, rounds: 3, programChanged: true });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.meta.get('sync'))?.cursor).toBe(server.entries.at(-1)?.seq);
    await expectAgreement();
  });

  it('a redemption becomes a confirmed spend with its voucher; the price leaves the balance once', async () => {
    await withPoints();
    const { entry } = await redeem();
    expect(await readBalance(db)).toMatchObject({ available: 800 }); // pending: nothing deducted yet
    const out = await runSync(deps());
    expect(out).toMatchObject({ status: 'synced', programChanged: true });
    expect(await db.entries.get(entry.id)).toMatchObject({
      kind: 'spend',
      status: 'confirmed',
      points: -500,
      reason: 'spent',
      voucher: { rewardId: 'demo-shop-5', value: EUR5, partnerId: 'demo-shop' },
    });
    expect((await readBalance(db)).available).toBe(300);
    await expectAgreement();
  });

  it('offline: the redemption stays in the outbox, pending and worth 0 points, until the server is back', async () => {
    await withPoints();
    server.failNext = { count: 3, error: () => new SyncError('offline', 'down') };
    const { entry } = await redeem();
    const out = await runSync(deps());
    expect(out.status).toBe('failed');
    expect(await db.outbox.get(entry.id)).toBeDefined();
    expect(await db.entries.get(entry.id)).toMatchObject({
      status: 'pending',
      reason: 'redeeming',
      points: 0,
    });
    expect((await readBalance(db)).available).toBe(800);
    expect(await balanceFromEntries(db)).toMatchObject({ available: 800, pending: 0 });
    // Back: it goes through, once.
    server.failNext.count = 0;
    clock += 60_000;
    expect((await runSync(deps())).status).toBe('synced');
    expect(server.redemptions()).toBe(1);
    expect((await readBalance(db)).available).toBe(300);
    await expectAgreement();
  });

  it('re-sent after a lost answer: one redemption, one voucher', async () => {
    await withPoints();
    const { entry } = await redeem();
    server.dropNextResponses = 1;
    expect((await runSync(deps())).status).toBe('failed');
    expect(await db.outbox.get(entry.id)).toBeDefined(); // the client does not know it went through
    clock += 60_000;
    await runSync(deps());
    expect(server.redemptions()).toBe(1);
    const spends = (await db.entries.toArray()).filter((e) => e.kind === 'spend');
    expect(spends).toHaveLength(1);
    expect(spends[0]).toMatchObject({ id: entry.id, status: 'confirmed', points: -500 });
    await expectAgreement();
  });

  it('a refused redemption (too few points) is rejected with its code and leaves the balance as it was', async () => {
    await withPoints(300);
    const { entry } = await redeem();
    await runSync(deps());
    expect(await db.entries.get(entry.id)).toMatchObject({
      status: 'rejected',
      code: 'insufficient-points',
      points: 0,
    });
    expect(await db.outbox.count()).toBe(0);
    expect((await readBalance(db)).available).toBe(300);
    await expectAgreement();
  });

  it('a double click while the first waits makes one op', async () => {
    await withPoints();
    const first = await redeem();
    const second = await redeem();
    expect(second).toMatchObject({ status: 'waiting', entry: { id: first.entry.id } });
    expect(await db.outbox.count()).toBe(1);
    await runSync(deps());
    expect(server.redemptions()).toBe(1);
    // Settled, the same reward can be redeemed again.
    expect((await redeem()).status).toBe('recorded');
  });

  it('an activation is confirmed by its ack; a second one is refused as already active', async () => {
    const a = await recordProgramOp(db, { type: 'activate-coupon', couponId: 'demo-shop-10x' });
    const out = await runSync(deps());
    expect(out).toMatchObject({ status: 'synced', programChanged: true });
    expect(await db.entries.get(a.entry.id)).toMatchObject({
      kind: 'activate',
      status: 'confirmed',
      reason: 'coupon-activated',
      couponId: 'demo-shop-10x',
      points: 0,
    });
    const b = await recordProgramOp(db, { type: 'activate-coupon', couponId: 'demo-shop-10x' });
    await runSync(deps());
    expect(await db.entries.get(b.entry.id)).toMatchObject({
      status: 'rejected',
      code: 'coupon-already-active',
      points: 0,
    });
    await expectAgreement();
  });

  it('a plain poll without program changes does not ask for a program refresh', async () => {
    await runSync(deps());
    expect(await runSync(deps())).toMatchObject({ status: 'synced', programChanged: false });
  });
});
