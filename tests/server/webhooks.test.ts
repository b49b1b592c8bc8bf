import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies, spendPoints } from '../../server/services/ledger';
import { signHeader } from '../../server/services/signature';
import {
  buyerProof,
  claimOp,
  createTestContext,
  DEMO_SECRET,
  entryCount,
  type TestContext,
} from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A member with one pending demo-shop claim of `minor` EUR cents; returns what the tests need. */
async function pendingClaim(minor = 5000) {
  const m = await ctx.signIn();
  const orderRef = `WH-${randomUUID().slice(0, 8)}`;
  const first = await ctx.sync(m.token, {
    cursor: 0,
    ops: [claimOp({ orderRef, total: { minor, currency: 'EUR' } })],
  });
  expect(first.body.acks[0]!.status).toBe('accepted');
  return { ...m, orderRef, cursor: first.body.cursor, claimId: first.body.changes[0]!.id };
}

const event = <T extends Record<string, unknown>>(e: T) => ({ eventId: randomUUID(), ...e });

describe('partner webhook signatures', () => {
  it('refuses a bad signature, a stale timestamp and a missing header with 401 bad-signature', async () => {
    const { orderRef, member } = await pendingClaim();
    const before = await entryCount(ctx);
    const body = event({ event: 'confirm', buyer: buyerProof(member.email), orderRef });
    const wrongSecret = await ctx.webhook('demo-shop', body, 'not-the-secret-at-all-000000');
    const stale = await ctx.webhook('demo-shop', body, DEMO_SECRET, Date.now() - 301_000);
    const future = await ctx.webhook('demo-shop', body, DEMO_SECRET, Date.now() + 301_000);
    const raw = JSON.stringify(body);
    const tampered = await ctx.app.request('/v1/partners/demo-shop/orders', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'pointpilot-signature': signHeader(DEMO_SECRET, raw),
      },
      body: raw.replace('confirm', 'cancel'),
    });
    const missing = await ctx.post('/v1/partners/demo-shop/orders', body);
    for (const res of [wrongSecret, stale, future, tampered, missing]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { type: string }).type).toBe(
        'https://pointpilot.dev/problems/bad-signature',
      );
    }
    expect(await entryCount(ctx)).toBe(before);
  });

  it('refuses a replayed event (same event id) with 409 and posts nothing twice', async () => {
    const { orderRef, member } = await pendingClaim();
    const body = event({ event: 'confirm', buyer: buyerProof(member.email), orderRef });
    const first = await ctx.webhook('demo-shop', body);
    expect(first.status).toBe(200);
    const before = await entryCount(ctx);
    const replay = await ctx.webhook('demo-shop', body);
    expect(replay.status).toBe(409);
    expect(await entryCount(ctx)).toBe(before);
  });

  it('404s for an unknown partner or order, without recording the event', async () => {
    expect(
      (
        await ctx.webhook(
          'nobody-here',
          event({ event: 'confirm', buyer: buyerProof('a@example.test'), orderRef: 'X' }),
        )
      ).status,
    ).toBe(404);
    const email = `late-${randomUUID()}@example.test`;
    const early = event({
      event: 'confirm',
      buyer: buyerProof(email),
      orderRef: `LATE-${randomUUID()}`,
    });
    expect((await ctx.webhook('demo-shop', early)).status).toBe(404);
    // The claim arrives later; the partner's retry of the same event then succeeds.
    const m = await ctx.signIn(email);
    await ctx.sync(m.token, { cursor: 0, ops: [claimOp({ orderRef: early.orderRef })] });
    expect((await ctx.webhook('demo-shop', early)).status).toBe(200);
  });

  it('validates the event body after the signature (422 with fields)', async () => {
    const res = await ctx.webhook('demo-shop', { event: 'confirm', orderRef: '' });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['eventId', 'orderRef']),
    );
  });
});

describe('order lifecycle', () => {
  it('confirm moves pending to available and the next sync sees it', async () => {
    const c = await pendingClaim(5000); // 50.00 EUR → 100 points
    const res = await ctx.webhook(
      'demo-shop',
      event({ event: 'confirm', buyer: buyerProof(c.member.email), orderRef: c.orderRef }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'confirmed',
      entry: { kind: 'confirm', points: 100 },
    });
    const next = await ctx.sync(c.token, { cursor: c.cursor, ops: [] });
    expect(next.body.changes).toEqual([
      expect.objectContaining({
        kind: 'confirm',
        claimId: c.claimId,
        points: 100,
        orderRef: c.orderRef,
      }),
    ]);
    expect(next.body.balance).toEqual({ available: 100, pending: 0 });
    // A second verdict on a settled order is a conflict.
    expect(
      (await ctx.webhook('demo-shop', event({ event: 'cancel', orderRef: c.orderRef }))).status,
    ).toBe(409);
    expect(
      (
        await ctx.webhook(
          'demo-shop',
          event({ event: 'confirm', buyer: buyerProof(c.member.email), orderRef: c.orderRef }),
        )
      ).status,
    ).toBe(409);
  });

  it('confirm with a different final amount earns on that amount and says why', async () => {
    const c = await pendingClaim(5000);
    const res = await ctx.webhook(
      'demo-shop',
      event({
        event: 'confirm',
        buyer: buyerProof(c.member.email),
        orderRef: c.orderRef,
        amount: { minor: 4010, currency: 'EUR' },
      }),
    );
    expect(await res.json()).toMatchObject({ entry: { points: 80 } });
    const next = await ctx.sync(c.token, { cursor: c.cursor, ops: [] });
    expect(next.body.changes[0]!.reason).toContain('40.10 EUR');
    expect(next.body.balance).toEqual({ available: 80, pending: 0 });
  });

  it('cancel rejects the claim and removes its pending points', async () => {
    const c = await pendingClaim(2500);
    const res = await ctx.webhook(
      'demo-shop',
      event({ event: 'cancel', orderRef: c.orderRef, reason: 'Order cancelled' }),
    );
    expect(await res.json()).toMatchObject({
      status: 'rejected',
      entry: { kind: 'reject', points: 0 },
    });
    const next = await ctx.sync(c.token, { cursor: c.cursor, ops: [] });
    expect(next.body.changes[0]).toMatchObject({
      kind: 'reject',
      claimId: c.claimId,
      reason: 'Order cancelled',
    });
    expect(next.body.balance).toEqual({ available: 0, pending: 0 });
  });

  it('a partial return posts a negative adjust; never more than the order earned; what was spent is owed', async () => {
    const c = await pendingClaim(10_000); // 200 points
    await ctx.webhook(
      'demo-shop',
      event({ event: 'confirm', buyer: buyerProof(c.member.email), orderRef: c.orderRef }),
    );
    const ret = await ctx.webhook(
      'demo-shop',
      event({ event: 'return', orderRef: c.orderRef, amount: { minor: 2550, currency: 'EUR' } }),
    );
    expect(await ret.json()).toMatchObject({
      status: 'adjusted',
      entry: { kind: 'adjust', points: -51 },
    });
    let sync = await ctx.sync(c.token, { cursor: c.cursor, ops: [] });
    expect(sync.body.balance).toEqual({ available: 149, pending: 0 });
    // Spend most of it, then return the rest of the order: what is left is
    // taken, what was spent is owed (server/README.md, "Returns after spending").
    const spent = await spendPoints(ctx.db, c.member.id, 100, 'voucher');
    expect(spent.ok).toBe(true);
    const rest = await ctx.webhook(
      'demo-shop',
      event({ event: 'return', orderRef: c.orderRef, amount: { minor: 10_000, currency: 'EUR' } }),
    );
    expect(await rest.json()).toMatchObject({ entry: { points: -49 } });
    sync = await ctx.sync(c.token, { cursor: c.cursor, ops: [] });
    expect(sync.body.balance).toEqual({ available: 0, pending: 0, owed: 100 });
    const last = sync.body.changes.at(-1)!;
    expect(last).toMatchObject({ kind: 'adjust', code: 'return-owed' });
    // More than the order still holds is returned: it gives back what it kept (149), no more.
    expect(last.reason).toMatch(/100 points could not be taken back: already spent; they are owed/);
    // The order holds nothing more: a third return takes nothing.
    const again = await ctx.webhook(
      'demo-shop',
      event({ event: 'return', orderRef: c.orderRef, amount: { minor: 100, currency: 'EUR' } }),
    );
    expect(await again.json()).toMatchObject({ entry: { points: 0 } });
    expect((await ctx.sync(c.token, { cursor: 0, ops: [] })).body.balance.owed).toBe(100);
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('a return before confirmation is a conflict', async () => {
    const c = await pendingClaim();
    const res = await ctx.webhook(
      'demo-shop',
      event({ event: 'return', orderRef: c.orderRef, amount: { minor: 100, currency: 'EUR' } }),
    );
    expect(res.status).toBe(409);
  });
});
