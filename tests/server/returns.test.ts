import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTx } from '../../server/db/tx';
import {
  ledgerDiscrepancies,
  lotDiscrepancies,
  postEntry,
  readBalance,
  spendPoints,
} from '../../server/services/ledger';
import type { MeResponse, ServerEntry } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Member = Awaited<ReturnType<TestContext['signIn']>>;

const hook = (e: Record<string, unknown>) =>
  ctx.webhook('demo-shop', { eventId: randomUUID(), ...e });

/** A demo-shop order of `points` (2 per EUR) the partner confirms; its claim and confirm ids. */
async function earn(m: Member, points: number) {
  const orderRef = `RT-${randomUUID().slice(0, 8)}`;
  const op = claimOp({ orderRef, total: { minor: points * 50, currency: 'EUR' } });
  await ctx.sync(m.token, { ops: [op] });
  const res = await hook({ event: 'confirm', orderRef, buyer: buyerProof(m.member.email) });
  expect(res.status).toBe(200);
  const confirm = (await everything(m.token)).find(
    (e) => e.kind === 'confirm' && e.claimId === op.id,
  )!;
  return { orderRef, claimId: op.id, confirmId: confirm.id };
}

/** Returns `points` worth of the order (2 points per EUR). */
const giveBack = (orderRef: string, points: number) =>
  hook({ event: 'return', orderRef, amount: { minor: points * 50, currency: 'EUR' } });

async function everything(token: string): Promise<ServerEntry[]> {
  return (await ctx.sync(token, { cursor: 0, ops: [] })).body.changes;
}

async function lots(memberId: string) {
  const { rows } = await sql<{ entry_id: string; points: number; remaining: number }>`
    SELECT entry_id, points, remaining FROM lots WHERE member_id = ${memberId}
    ORDER BY earned_at, entry_id`.execute(ctx.db);
  return rows;
}

async function usesOf(entryId: string) {
  const { rows } = await sql<{ lot_id: string; points: number }>`
    SELECT lot_id, points FROM lot_uses WHERE entry_id = ${entryId} ORDER BY lot_id`.execute(
    ctx.db,
  );
  return rows;
}

/** The invariants, after every step: balances = entries, lots = available, owed = returns - repaid. */
async function consistent(memberId: string) {
  expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  expect(await lotDiscrepancies(ctx.db)).toEqual([]);
  const b = await readBalance(ctx.db, memberId);
  expect(b.available).toBeGreaterThanOrEqual(0);
  const inLots = (await lots(memberId)).reduce((s, l) => s + l.remaining, 0);
  expect(inLots).toBe(b.available);
  return b;
}

describe('lots', () => {
  it('each credit opens a lot; a spend takes the oldest first and records its uses', async () => {
    const m = await ctx.signIn();
    const a = await earn(m, 200);
    await consistent(m.member.id);
    // Lots are ordered by earned_at: make the second one clearly younger.
    await sql`UPDATE lots SET earned_at = earned_at - interval '1 day'
      WHERE entry_id = ${a.confirmId}`.execute(ctx.db);
    const b = await earn(m, 300);
    await inTx(ctx.db, (trx) =>
      postEntry(trx, {
        memberId: m.member.id,
        kind: 'bonus',
        points: 40,
        dAvailable: 40,
        reason: 'test',
      }),
    );
    expect((await lots(m.member.id)).map((l) => [l.points, l.remaining])).toEqual([
      [200, 200],
      [300, 300],
      [40, 40],
    ]);
    await consistent(m.member.id);

    const first = randomUUID();
    expect((await spendPoints(ctx.db, m.member.id, 250, 'test', first)).ok).toBe(true);
    expect(await usesOf(first)).toEqual(
      [
        { lot_id: a.confirmId, points: 200 },
        { lot_id: b.confirmId, points: 50 },
      ].sort((x, y) => x.lot_id.localeCompare(y.lot_id)),
    );
    await consistent(m.member.id);
    const second = randomUUID();
    expect((await spendPoints(ctx.db, m.member.id, 260, 'test', second)).ok).toBe(true);
    expect((await lots(m.member.id)).map((l) => l.remaining)).toEqual([0, 0, 30]);
    expect((await usesOf(second)).map((u) => u.points).sort()).toEqual([10, 250]);
    expect((await spendPoints(ctx.db, m.member.id, 31, 'test')).ok).toBe(false);
    const end = await consistent(m.member.id);
    expect(end.available).toBe(30);
  });

  it('lotDiscrepancies finds a lot sum that drifted from available, and bad uses', async () => {
    const m = await ctx.signIn();
    const a = await earn(m, 100);
    await sql`UPDATE lots SET remaining = remaining - 1 WHERE entry_id = ${a.confirmId}`.execute(
      ctx.db,
    );
    expect((await lotDiscrepancies(ctx.db)).filter((d) => d.member_id === m.member.id)).toEqual([
      { member_id: m.member.id, problem: 'sum', expected: 100, actual: 99 },
      { member_id: m.member.id, problem: 'uses', expected: 1, actual: 0 },
    ]);
    await sql`UPDATE lots SET remaining = remaining + 1 WHERE entry_id = ${a.confirmId}`.execute(
      ctx.db,
    );
    expect(await lotDiscrepancies(ctx.db)).toEqual([]);
  });
});

describe('returns after spending', () => {
  it('takes what it can, owes the rest, and the next confirmations repay it first', async () => {
    const m = await ctx.signIn();
    const a = await earn(m, 200);
    expect((await spendPoints(ctx.db, m.member.id, 150, 'voucher')).ok).toBe(true);
    const before = (await ctx.sync(m.token, { cursor: 0, ops: [] })).body.cursor;

    // The whole order comes back: 50 points are there, 150 were spent.
    const ret = await giveBack(a.orderRef, 200);
    expect(await ret.json()).toMatchObject({ status: 'adjusted', entry: { points: -50 } });
    let b = await consistent(m.member.id);
    expect(b).toMatchObject({ available: 0, owed: 150 });
    const me = (await (await ctx.app.request('/v1/me', { headers: m.auth })).json()) as MeResponse;
    expect(me.balance).toEqual({ available: 0, pending: 0, owed: 150 });
    let changes = (await ctx.sync(m.token, { cursor: before, ops: [] })).body;
    expect(changes.balance).toEqual({ available: 0, pending: 0, owed: 150 });
    expect(changes.changes).toEqual([
      expect.objectContaining({
        kind: 'adjust',
        code: 'return-owed',
        claimId: a.claimId,
        points: -50,
        reason: expect.stringContaining('150 points could not be taken back: already spent'),
      }),
    ]);

    // 100 points arrive: all of them repay the debt.
    const c = await earn(m, 100);
    b = await consistent(m.member.id);
    expect(b).toMatchObject({ available: 0, owed: 50 });
    changes = (await ctx.sync(m.token, { cursor: changes.cursor, ops: [] })).body;
    expect(changes.changes.map((e) => [e.kind, e.code ?? null, e.points, e.claimId])).toEqual([
      ['claim', null, 100, null],
      ['confirm', null, 100, c.claimId],
      ['adjust', 'debt-repaid', -100, c.claimId],
    ]);

    // 300 more: 50 repay the rest, 250 are available; nothing is owed any more.
    const d = await earn(m, 300);
    b = await consistent(m.member.id);
    expect(b).toMatchObject({ available: 250, owed: 0 });
    changes = (await ctx.sync(m.token, { cursor: changes.cursor, ops: [] })).body;
    expect(changes.balance).toEqual({ available: 250, pending: 0 });
    expect(changes.changes.at(-1)).toMatchObject({
      kind: 'adjust',
      code: 'debt-repaid',
      points: -50,
      claimId: d.claimId,
    });
    // The repayments came out of the new lots themselves.
    const repaid = changes.changes.at(-1)!;
    expect(await usesOf(repaid.id)).toEqual([{ lot_id: d.confirmId, points: 50 }]);
    // Returned order + spent: nothing lost, nothing doubled: 200+100+300 earned - 200 returned - 150 spent.
    expect(b.available).toBe(200 + 100 + 300 - 200 - 150);
  });

  it("a repaid order's later return still takes its full points; a repayment is not a return", async () => {
    const m = await ctx.signIn();
    const a = await earn(m, 100);
    expect((await spendPoints(ctx.db, m.member.id, 100, 'voucher')).ok).toBe(true);
    await giveBack(a.orderRef, 100); // all 100 owed
    const c = await earn(m, 300); // repays 100, 200 available
    expect(await consistent(m.member.id)).toMatchObject({ available: 200, owed: 0 });
    // Return all of c: 300 points; 200 are there, 100 owed again.
    const ret = await giveBack(c.orderRef, 300);
    expect(await ret.json()).toMatchObject({ entry: { points: -200 } });
    expect(await consistent(m.member.id)).toMatchObject({ available: 0, owed: 100 });
    // And c holds nothing more.
    expect(await (await giveBack(c.orderRef, 10)).json()).toMatchObject({ entry: { points: 0 } });
    expect(await consistent(m.member.id)).toMatchObject({ available: 0, owed: 100 });
  });

  it("a return takes from the order's own lot first, then the oldest", async () => {
    const m = await ctx.signIn();
    const old = await earn(m, 200);
    await sql`UPDATE lots SET earned_at = earned_at - interval '1 day'
      WHERE entry_id = ${old.confirmId}`.execute(ctx.db);
    const mine = await earn(m, 100);
    // Spend the oldest lot in part: 150 from `old`.
    expect((await spendPoints(ctx.db, m.member.id, 150, 'voucher')).ok).toBe(true);
    // Return 80 of `mine`: all from its own lot, the old lot keeps its 50.
    await giveBack(mine.orderRef, 80);
    let adjust = (await everything(m.token)).at(-1)!;
    expect(adjust).toMatchObject({ kind: 'adjust', code: 'partial-return', points: -80 });
    expect(await usesOf(adjust.id)).toEqual([{ lot_id: mine.confirmId, points: 80 }]);
    // A spend still takes the oldest first: 10 of `old`'s 50.
    expect((await spendPoints(ctx.db, m.member.id, 10, 'voucher')).ok).toBe(true);
    // Return the rest of `mine` (20): its own lot's 20.
    await giveBack(mine.orderRef, 20);
    adjust = (await everything(m.token)).at(-1)!;
    expect(await usesOf(adjust.id)).toEqual([{ lot_id: mine.confirmId, points: 20 }]);
    // 60 of `old` come back: its lot has 40 left, no other lot has any; 20 are owed.
    await giveBack(old.orderRef, 60);
    adjust = (await everything(m.token)).at(-1)!;
    expect(adjust).toMatchObject({ code: 'return-owed', points: -40 });
    expect(await usesOf(adjust.id)).toEqual([{ lot_id: old.confirmId, points: 40 }]);
    expect(await consistent(m.member.id)).toMatchObject({ available: 0, owed: 20 });
  });

  it('when its own lot is short, a return takes the rest from the oldest lots', async () => {
    const m = await ctx.signIn();
    const old = await earn(m, 100);
    await sql`UPDATE lots SET earned_at = earned_at - interval '1 day'
      WHERE entry_id = ${old.confirmId}`.execute(ctx.db);
    const mine = await earn(m, 100);
    const other = await earn(m, 100);
    // 150 spent: old (100) and 50 of mine.
    expect((await spendPoints(ctx.db, m.member.id, 150, 'voucher')).ok).toBe(true);
    await giveBack(mine.orderRef, 100);
    const adjust = (await everything(m.token)).at(-1)!;
    expect(adjust).toMatchObject({ points: -100, code: 'partial-return' });
    const uses = await usesOf(adjust.id);
    expect(uses).toHaveLength(2);
    expect(uses).toEqual(
      expect.arrayContaining([
        { lot_id: mine.confirmId, points: 50 },
        { lot_id: other.confirmId, points: 50 },
      ]),
    );
    expect(await consistent(m.member.id)).toMatchObject({ available: 50, owed: 0 });
  });

  it('a released welcome bonus opens a lot like any credit; spent, then returned, it is owed', async () => {
    const bonus = await createTestContext({ welcomeBonusPoints: 500 });
    try {
      const m = await bonus.signIn();
      const orderRef = `RT-${randomUUID().slice(0, 8)}`;
      const total = { minor: 5000, currency: 'EUR' };
      await bonus.sync(m.token, { ops: [claimOp({ orderRef, total })] });
      const buyer = buyerProof(m.member.email);
      const eventId = randomUUID();
      const confirm = await bonus.webhook('demo-shop', {
        event: 'confirm',
        eventId,
        orderRef,
        buyer,
      });
      expect(confirm.status).toBe(200); // 100 points, and the 500 of the bonus released
      const { rows } = await sql<{ points: number }>`SELECT points FROM lots
        WHERE member_id = ${m.member.id} ORDER BY points`.execute(bonus.db);
      expect(rows.map((r) => r.points)).toEqual([100, 500]);
      expect((await spendPoints(bonus.db, m.member.id, 600, 'voucher')).ok).toBe(true);
      const ret = { event: 'return', eventId: randomUUID(), orderRef, amount: total };
      expect((await bonus.webhook('demo-shop', ret)).status).toBe(200);
      expect(await readBalance(bonus.db, m.member.id)).toMatchObject({ available: 0, owed: 100 });
      expect(await lotDiscrepancies(bonus.db)).toEqual([]);
      expect(await ledgerDiscrepancies(bonus.db)).toEqual([]);
    } finally {
      await bonus.close();
    }
  });
});

describe('returns under the claim own earn rules', () => {
  it('a multiplied order gives back multiplied points; a bonus goes back only below its minimum', async () => {
    const m = await ctx.signIn();
    const now = new Date().toISOString();
    const orderRef = `RX-${randomUUID().slice(0, 8)}`;
    await ctx.sync(m.token, {
      ops: [
        { id: randomUUID(), type: 'activate-coupon', createdAt: now, couponId: 'demo-shop-10x' },
        claimOp({ orderRef, total: { minor: 10_000, currency: 'EUR' } }),
      ],
    });
    expect(
      (await hook({ event: 'confirm', orderRef, buyer: buyerProof(m.member.email) })).status,
    ).toBe(200);
    // 100 EUR at 2 per EUR, 10×: 2,000 points.
    expect((await readBalance(ctx.db, m.member.id)).available).toBe(2000);
    // 25.50 EUR back: the order now earns floor(74.50 × 2) × 10 = 1,490, so 510 go back.
    const ret = await hook({ event: 'return', orderRef, amount: { minor: 2550, currency: 'EUR' } });
    expect(await ret.json()).toMatchObject({ entry: { kind: 'adjust', points: -510 } });
    expect((await consistent(m.member.id)).available).toBe(1490);
    // The rest of the order: everything it kept goes back, never more.
    const rest = await hook({
      event: 'return',
      orderRef,
      amount: { minor: 99_999, currency: 'EUR' },
    });
    expect(await rest.json()).toMatchObject({ entry: { points: -1490 } });
    expect((await consistent(m.member.id)).available).toBe(0);
  });

  it('a bonus coupon is given back only when the order falls below its minimum', async () => {
    const m = await ctx.signIn();
    const now = new Date().toISOString();
    const orderRef = `RB-${randomUUID().slice(0, 8)}`;
    const secret = 'book-corner-dev-secret-0123456789';
    const book = (e: Record<string, unknown>) =>
      ctx.webhook('book-corner', { eventId: randomUUID(), orderRef, ...e }, secret);
    await ctx.sync(m.token, {
      ops: [
        { id: randomUUID(), type: 'activate-coupon', createdAt: now, couponId: 'book-corner-500' },
        claimOp({ partnerId: 'book-corner', orderRef, total: { minor: 8000, currency: 'EUR' } }),
      ],
    });
    expect(
      (await book({ event: 'confirm', buyer: buyerProof(m.member.email, secret) })).status,
    ).toBe(200);
    // 80 EUR at 1 per EUR, +500 from 50 EUR.
    expect((await readBalance(ctx.db, m.member.id)).available).toBe(580);
    const first = await book({ event: 'return', amount: { minor: 2000, currency: 'EUR' } });
    expect(await first.json()).toMatchObject({ entry: { points: -20 } }); // 60 EUR left: bonus kept
    const second = await book({ event: 'return', amount: { minor: 2000, currency: 'EUR' } });
    expect(await second.json()).toMatchObject({ entry: { points: -520 } }); // 40 EUR: below 50
    expect((await consistent(m.member.id)).available).toBe(40);
  });
});
