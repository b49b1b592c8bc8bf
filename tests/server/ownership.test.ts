import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies } from '../../server/services/ledger';
import { MeResponse } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, type TestContext } from './helpers';

/**
 * Issue 9, defect 2: the first member to claim an order got its points. Now
 * the partner's confirmation names the buyer (BuyerProof) and only the claim
 * of that member is credited; every other claim of the order is rejected.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const balance = async (auth: Record<string, string>) =>
  MeResponse.parse(await (await ctx.app.request('/v1/me', { headers: auth })).json()).balance;
const confirm = (orderRef: string, buyer: unknown, extra: Record<string, unknown> = {}) =>
  ctx.webhook('demo-shop', { event: 'confirm', eventId: randomUUID(), orderRef, buyer, ...extra });

describe('claim ownership', () => {
  it('an impostor who claims first with a made-up amount never receives the points; the buyer does', async () => {
    const impostor = await ctx.signIn();
    const buyer = await ctx.signIn();
    const orderRef = `PP-${Math.floor(Math.random() * 1e6)}`;
    const fake = await ctx.sync(impostor.token, {
      cursor: 0,
      ops: [claimOp({ orderRef, total: { minor: 99_999, currency: 'EUR' } })],
    });
    expect(fake.body.acks[0]!.status).toBe('accepted');
    const real = await ctx.sync(buyer.token, {
      cursor: 0,
      ops: [claimOp({ orderRef, total: { minor: 4990, currency: 'EUR' } })],
    });
    // Not refused as a duplicate: kept, and marked contested.
    expect(real.body.acks[0]!.status).toBe('accepted');
    expect(real.body.changes[0]).toMatchObject({ kind: 'claim', code: 'contested' });

    const res = await confirm(orderRef, buyerProof(buyer.member.email));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'confirmed', entry: { points: 99 } });
    expect(await balance(buyer.auth)).toEqual({ available: 99, pending: 0 });
    expect(await balance(impostor.auth)).toEqual({ available: 0, pending: 0 });
    const seen = await ctx.sync(impostor.token, { cursor: fake.body.cursor, ops: [] });
    expect(seen.body.changes).toEqual([
      expect.objectContaining({ kind: 'reject', code: 'not-buyer', points: 0 }),
    ]);
    // A late claim of the settled order is refused at once.
    const late = await ctx.signIn();
    const after = await ctx.sync(late.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    expect(after.body.acks[0]).toMatchObject({ status: 'rejected', code: 'duplicate-order' });
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('a confirmation naming a buyer who has not claimed yet rejects the others and waits for the buyer', async () => {
    const impostor = await ctx.signIn();
    const orderRef = `EARLY-${randomUUID().slice(0, 8)}`;
    await ctx.sync(impostor.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    const email = `buyer-${randomUUID()}@example.test`;
    const event = { event: 'confirm', eventId: randomUUID(), orderRef, buyer: buyerProof(email) };
    const first = await ctx.webhook('demo-shop', event);
    expect(first.status).toBe(404);
    expect(await balance(impostor.auth)).toEqual({ available: 0, pending: 0 });
    // The buyer's claim arrives; the partner's retry of the same event credits it.
    const buyer = await ctx.signIn(email);
    await ctx.sync(buyer.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    const retry = await ctx.webhook('demo-shop', event);
    expect(retry.status).toBe(200);
    expect((await balance(buyer.auth)).available).toBe(24);
    expect((await balance(impostor.auth)).available).toBe(0);
  });

  it('accepts the member number collected at checkout as proof; a wrong or missing proof credits nobody', async () => {
    const a = await ctx.signIn();
    const b = await ctx.signIn();
    const orderRef = `NUM-${randomUUID().slice(0, 8)}`;
    await ctx.sync(a.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    await ctx.sync(b.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    // No proof at all: refused by the contract.
    const none = await ctx.webhook('demo-shop', {
      event: 'confirm',
      eventId: randomUUID(),
      orderRef,
    });
    expect(none.status).toBe(422);
    // A proof made with another secret (an impostor's guess) names nobody.
    expect((await confirm(orderRef, buyerProof(b.member.email, 'x'.repeat(32)))).status).toBe(404);
    expect((await balance(a.auth)).available).toBe(0);
    expect((await balance(b.auth)).available).toBe(0);
  });

  it('picks the member by member number', async () => {
    const a = await ctx.signIn();
    const b = await ctx.signIn();
    const orderRef = `NUM2-${randomUUID().slice(0, 8)}`;
    await ctx.sync(a.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    await ctx.sync(b.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    const res = await confirm(orderRef, { memberNumber: b.member.memberNumber });
    expect(res.status).toBe(200);
    expect((await balance(b.auth)).available).toBe(24);
    expect((await balance(a.auth)).available).toBe(0);
  });

  it('a cancellation rejects every claim of the order', async () => {
    const a = await ctx.signIn();
    const b = await ctx.signIn();
    const orderRef = `CXL-${randomUUID().slice(0, 8)}`;
    await ctx.sync(a.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    await ctx.sync(b.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    const res = await ctx.webhook('demo-shop', {
      event: 'cancel',
      eventId: randomUUID(),
      orderRef,
    });
    expect(res.status).toBe(200);
    expect(await balance(a.auth)).toEqual({ available: 0, pending: 0 });
    expect(await balance(b.auth)).toEqual({ available: 0, pending: 0 });
    expect((await confirm(orderRef, buyerProof(a.member.email))).status).toBe(409);
  });

  it('caps the points of one confirmation per partner (422, nothing credited)', async () => {
    const m = await ctx.signIn();
    const orderRef = `CAP-${randomUUID().slice(0, 8)}`;
    await ctx.sync(m.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    // 100,000 EUR at 2 points per euro: over the default cap of 100,000 points.
    const res = await confirm(orderRef, buyerProof(m.member.email), {
      amount: { minor: 10_000_000, currency: 'EUR' },
    });
    expect(res.status).toBe(422);
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 24 });
  });
});
