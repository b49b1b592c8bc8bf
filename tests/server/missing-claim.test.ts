import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies } from '../../server/services/ledger';
import { upsertPartner } from '../../server/services/partners';
import { signHeader } from '../../server/services/signature';
import { feedSigningText, MeResponse, ReportedClaimFeed } from '../../utils/contract';
import { dayString, epochDay } from '../../utils/contract/missing-claim';
import {
  buyerProof,
  claimOp,
  createTestContext,
  DEMO_SECRET,
  entryCount,
  type TestContext,
} from './helpers';

/**
 * Issue 14: a purchase the member reports as missing travels as a
 * 'missing-claim' op, becomes a pending claim under the rules of a detected
 * one, shows up in the partner's signed feed and is settled through the
 * partner's webhook. Bad input is one clear reject code per op, never a 5xx.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // A partner with a short claim window (the demo shop has the default 90 days).
  await upsertPartner(
    ctx.db,
    {
      id: 'quick-shop',
      name: 'Quick Shop',
      domains: ['quick.example'],
      earn: { pointsPerUnit: 1, currency: 'CHF' },
      requiresActivation: false,
      activationHours: 24,
      confirmationDays: 14,
      claimWindowDays: 10,
      rules: [],
    },
    'quick-shop-dev-secret-0123456789',
  );
});
afterAll(() => ctx.close());

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => dayString(epochDay(today())! - n);

function missingOp(purchase: Record<string, unknown> = {}, id: string = randomUUID()) {
  return {
    id,
    type: 'missing-claim' as const,
    createdAt: new Date().toISOString(),
    purchase: {
      partnerId: 'demo-shop',
      orderRef: `MISS-${randomUUID().slice(0, 8)}`,
      purchasedOn: daysAgo(3),
      amount: { minor: 5980, currency: 'EUR' },
      ...purchase,
    },
  };
}

const balance = async (auth: Record<string, string>) =>
  MeResponse.parse(await (await ctx.app.request('/v1/me', { headers: auth })).json()).balance;

async function feed(partnerId = 'demo-shop', secret = DEMO_SECRET) {
  const path = `/v1/partners/${partnerId}/reported-claims`;
  return ctx.app.request(path, {
    headers: { 'pointpilot-signature': signHeader(secret, feedSigningText(path)) },
  });
}

describe('a missing-purchase report', () => {
  it('becomes a pending claim, is in the partner feed, and the webhook confirms it on the order ref', async () => {
    const m = await ctx.signIn();
    const op = missingOp();
    const { orderRef } = op.purchase;
    const res = await ctx.sync(m.token, { cursor: 0, ops: [op] });
    expect(res.status).toBe(200);
    expect(res.body.acks).toEqual([{ opId: op.id, status: 'accepted', seq: expect.any(Number) }]);
    expect(res.body.changes).toEqual([
      expect.objectContaining({
        id: op.id,
        kind: 'claim',
        orderRef,
        points: 119,
        reported: { purchasedOn: op.purchase.purchasedOn },
      }),
    ]);
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 119 });

    const listed = ReportedClaimFeed.parse(await (await feed()).json());
    expect(listed.claims).toContainEqual({
      orderRef,
      amount: { minor: 5980, currency: 'EUR' },
      purchasedOn: op.purchase.purchasedOn,
      reportedAt: expect.any(String),
      claims: 1,
    });

    const confirmed = await ctx.webhook('demo-shop', {
      event: 'confirm',
      eventId: randomUUID(),
      orderRef,
      buyer: buyerProof(m.member.email),
    });
    expect(confirmed.status).toBe(200);
    expect(await balance(m.auth)).toEqual({ available: 119, pending: 0 });
    const after = await ctx.sync(m.token, { cursor: res.body.cursor, ops: [] });
    expect(after.body.changes).toEqual([
      expect.objectContaining({ kind: 'confirm', claimId: op.id, points: 119 }),
    ]);
    // Answered: no longer in the feed.
    const again = ReportedClaimFeed.parse(await (await feed()).json());
    expect(again.claims.map((c) => c.orderRef)).not.toContain(orderRef);
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('the same order claimed again is refused with duplicate-order and no second entry', async () => {
    const m = await ctx.signIn();
    const op = missingOp();
    await ctx.sync(m.token, { cursor: 0, ops: [op] });
    const before = await entryCount(ctx);
    // A second report of the same order, and a detected claim of it.
    const second = missingOp({ orderRef: op.purchase.orderRef });
    const detected = claimOp({ orderRef: op.purchase.orderRef });
    const res = await ctx.sync(m.token, { cursor: 0, ops: [second, detected] });
    expect(res.status).toBe(200);
    expect(res.body.acks).toEqual([
      expect.objectContaining({ opId: second.id, status: 'rejected', code: 'duplicate-order' }),
      expect.objectContaining({ opId: detected.id, status: 'rejected', code: 'duplicate-order' }),
    ]);
    expect((res.body.acks[0] as { reason: string }).reason).toContain(op.purchase.orderRef);
    // The detected claim's refusal is kept in the history (as before); the report leaves none.
    expect(await entryCount(ctx)).toBe(before + 1);
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 119 });
  });

  it('a report of an order the partner already settled is refused', async () => {
    const buyer = await ctx.signIn();
    const det = claimOp({ total: { minor: 2000, currency: 'EUR' } });
    await ctx.sync(buyer.token, { cursor: 0, ops: [det] });
    await ctx.webhook('demo-shop', {
      event: 'confirm',
      eventId: randomUUID(),
      orderRef: det.claim.orderRef,
      buyer: buyerProof(buyer.member.email),
    });
    const other = await ctx.signIn();
    const res = await ctx.sync(other.token, {
      cursor: 0,
      ops: [missingOp({ orderRef: det.claim.orderRef })],
    });
    expect(res.body.acks[0]).toMatchObject({ status: 'rejected', code: 'duplicate-order' });
    expect(await balance(other.auth)).toEqual({ available: 0, pending: 0 });
  });

  it("reporting another member's order earns nothing: contested, then rejected by the buyer proof", async () => {
    const buyer = await ctx.signIn();
    const impostor = await ctx.signIn();
    const orderRef = `RACE-${randomUUID().slice(0, 8)}`;
    // Both at once, each as a report.
    const [a, b] = await Promise.all([
      ctx.sync(impostor.token, { cursor: 0, ops: [missingOp({ orderRef })] }),
      ctx.sync(buyer.token, { cursor: 0, ops: [missingOp({ orderRef })] }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect([a.body.acks[0]!.status, b.body.acks[0]!.status]).toEqual(['accepted', 'accepted']);
    const codes = [a.body.changes[0]!.code, b.body.changes[0]!.code];
    expect(codes.filter((c) => c === 'contested')).toHaveLength(1);
    const listed = ReportedClaimFeed.parse(await (await feed()).json());
    expect(listed.claims.filter((c) => c.orderRef === orderRef)).toEqual([
      expect.objectContaining({ claims: 2 }),
      expect.objectContaining({ claims: 2 }),
    ]);
    const res = await ctx.webhook('demo-shop', {
      event: 'confirm',
      eventId: randomUUID(),
      orderRef,
      buyer: buyerProof(buyer.member.email),
    });
    expect(res.status).toBe(200);
    expect(await balance(buyer.auth)).toEqual({ available: 119, pending: 0 });
    expect(await balance(impostor.auth)).toEqual({ available: 0, pending: 0 });
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('a cancellation rejects it with the partner’s reason', async () => {
    const m = await ctx.signIn();
    const op = missingOp();
    const first = await ctx.sync(m.token, { cursor: 0, ops: [op] });
    const res = await ctx.webhook('demo-shop', {
      event: 'cancel',
      eventId: randomUUID(),
      orderRef: op.purchase.orderRef,
      reason: 'No order with this number',
    });
    expect(res.status).toBe(200);
    const after = await ctx.sync(m.token, { cursor: first.body.cursor, ops: [] });
    expect(after.body.changes).toEqual([
      expect.objectContaining({
        kind: 'reject',
        claimId: op.id,
        code: 'cancelled-by-partner',
        reason: 'No order with this number',
      }),
    ]);
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 0 });
  });

  it('the same op re-sent is answered the same and counted once', async () => {
    const m = await ctx.signIn();
    const op = missingOp();
    const one = await ctx.sync(m.token, { cursor: 0, ops: [op, op] });
    const two = await ctx.sync(m.token, { cursor: 0, ops: [op] });
    expect(one.body.acks[0]).toEqual(one.body.acks[1]);
    expect(two.body.acks[0]).toEqual(one.body.acks[0]);
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 119 });
  });
});

describe('bad reports: one reject code each, never a 5xx, never a blocked batch', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a future date', { purchasedOn: daysAgo(-3) }, 'purchase-date-invalid'],
    ['an impossible date', { purchasedOn: '2025-02-30' }, 'purchase-date-invalid'],
    ['not a date', { purchasedOn: 'yesterday' }, 'purchase-date-invalid'],
    ['before the window', { purchasedOn: daysAgo(120) }, 'outside-claim-window'],
    [
      'before a short window',
      {
        partnerId: 'quick-shop',
        purchasedOn: daysAgo(12),
        amount: { minor: 100, currency: 'CHF' },
      },
      'outside-claim-window',
    ],
    ['amount 0', { amount: { minor: 0, currency: 'EUR' } }, 'amount-invalid'],
    ['a negative amount', { amount: { minor: -500, currency: 'EUR' } }, 'amount-invalid'],
    ['an overflowing amount', { amount: { minor: 1e300, currency: 'EUR' } }, 'amount-invalid'],
    ['non-integer minor units', { amount: { minor: 12.5, currency: 'EUR' } }, 'amount-invalid'],
    ['another currency', { amount: { minor: 5000, currency: 'USD' } }, 'amount-invalid'],
    ['a currency that is none', { amount: { minor: 5000, currency: 'eur' } }, 'amount-invalid'],
    ['U+0000 in the order ref', { orderRef: 'A\u0000B' }, 'order-ref-invalid'],
    ['a lone surrogate in the order ref', { orderRef: 'A\uD800B' }, 'order-ref-invalid'],
    ['an empty order ref', { orderRef: '   ' }, 'order-ref-invalid'],
    ['an overlong order ref', { orderRef: 'X'.repeat(129) }, 'order-ref-invalid'],
    ['an unknown partner', { partnerId: 'no-such-shop' }, 'unknown-partner'],
    [
      'more points than the cap',
      { amount: { minor: 99_000_000_000, currency: 'EUR' } },
      'amount-too-high',
    ],
  ];

  it('all in one batch with a good one: each refused with its code, the good one accepted', async () => {
    const m = await ctx.signIn();
    const bad = cases.map(([, p]) => missingOp(p));
    const good = missingOp();
    const before = await entryCount(ctx);
    const res = await ctx.sync(m.token, { cursor: 0, ops: [...bad, good] });
    expect(res.status).toBe(200);
    cases.forEach(([what, , code], i) => {
      expect(res.body.acks[i], what).toMatchObject({ status: 'rejected', code });
    });
    expect(res.body.acks.at(-1)).toMatchObject({ opId: good.id, status: 'accepted' });
    expect(await entryCount(ctx)).toBe(before + 1);
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 119 });
  });

  it('an op that is no report at all is refused alone as invalid', async () => {
    const m = await ctx.signIn();
    const broken = { ...missingOp(), purchase: { partnerId: 'demo-shop', orderRef: 7 } };
    const good = missingOp();
    const res = await ctx.sync(m.token, { cursor: 0, ops: [broken, good] });
    expect(res.status).toBe(200);
    expect(res.body.acks[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(res.body.acks[1]).toMatchObject({ status: 'accepted' });
  });
});

describe('the partner feed', () => {
  it('needs the partner’s signature over the path', async () => {
    const path = '/v1/partners/demo-shop/reported-claims';
    expect((await ctx.app.request(path)).status).toBe(401);
    const wrongSecret = await feed('demo-shop', 'not-the-secret-0123456789');
    expect(wrongSecret.status).toBe(401);
    // Signed for another partner's path: refused.
    const other = await ctx.app.request(path, {
      headers: {
        'pointpilot-signature': signHeader(
          DEMO_SECRET,
          feedSigningText('/v1/partners/quick-shop/reported-claims'),
        ),
      },
    });
    expect(other.status).toBe(401);
    expect((await feed('no-such-shop')).status).toBe(404);
  });

  it('lists only its own partner’s pending reports, never detected claims', async () => {
    const m = await ctx.signIn();
    const quick = missingOp({
      partnerId: 'quick-shop',
      purchasedOn: daysAgo(1),
      amount: { minor: 1500, currency: 'CHF' },
    });
    const detected = claimOp();
    await ctx.sync(m.token, { cursor: 0, ops: [quick, detected] });
    const demo = ReportedClaimFeed.parse(await (await feed()).json());
    const refs = demo.claims.map((c) => c.orderRef);
    expect(refs).not.toContain(quick.purchase.orderRef);
    expect(refs).not.toContain(detected.claim.orderRef);
    const own = ReportedClaimFeed.parse(
      await (await feed('quick-shop', 'quick-shop-dev-secret-0123456789')).json(),
    );
    expect(own.claims).toEqual([
      expect.objectContaining({ orderRef: quick.purchase.orderRef, purchasedOn: daysAgo(1) }),
    ]);
  });
});
