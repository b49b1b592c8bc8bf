import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerEntry, SyncResponse } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, type TestContext } from './helpers';

/**
 * Issue 10: the history a member gets back after signing in again is the
 * same as before — refused claims included, in the order they happened — and
 * every entry says why in a code the UI translates.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function everything(token: string): Promise<ServerEntry[]> {
  const all: ServerEntry[] = [];
  let cursor = 0;
  for (;;) {
    const res = await ctx.sync(token, { cursor, ops: [] });
    const body = SyncResponse.parse(res.body);
    all.push(...body.changes);
    cursor = body.cursor;
    if (!body.hasMore) return all;
  }
}

describe('history', () => {
  it('keeps refused claims as refusal entries of their op, with the time they happened', async () => {
    const m = await ctx.signIn();
    const at = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    const good = { ...claimOp(), createdAt: at(30) };
    const dup = { ...claimOp({ orderRef: good.claim.orderRef }), createdAt: at(20) };
    const unknown = { ...claimOp({ partnerId: 'no-such-shop' }), createdAt: at(10) };
    const huge = { ...claimOp({ total: { minor: 9_000_000, currency: 'EUR' } }), createdAt: at(5) };
    const res = await ctx.sync(m.token, { cursor: 0, ops: [good, dup, unknown, huge] });
    expect(res.body.acks.map((a) => (a.status === 'accepted' ? 'ok' : a.code))).toEqual([
      'ok',
      'duplicate-order',
      'unknown-partner',
      'amount-too-high',
    ]);
    const history = await everything(m.token);
    const refusals = history.filter((e) => e.kind === 'refusal');
    expect(refusals.map((e) => [e.id, e.refusal, e.points, e.code])).toEqual([
      [dup.id, 'duplicate-order', 0, 'refused'],
      [unknown.id, 'unknown-partner', 0, 'refused'],
      [huge.id, 'amount-too-high', 0, 'refused'],
    ]);
    expect(refusals[1]).toMatchObject({ partnerId: null, orderRef: unknown.claim.orderRef });
    expect(history.find((e) => e.id === good.id)?.occurredAt).toBe(good.createdAt);
    expect(refusals.map((e) => e.occurredAt)).toEqual([dup, unknown, huge].map((o) => o.createdAt));
    // A re-sent refused op adds nothing.
    await ctx.sync(m.token, { cursor: 0, ops: [dup] });
    expect((await everything(m.token)).length).toBe(history.length);
    // Refusals move no points and survive the pruning of rejected op rows.
    await sql`UPDATE ops SET created_at = now() - interval '400 days' WHERE member_id = ${m.member.id}`.execute(
      ctx.db,
    );
    await sql`DELETE FROM ops WHERE status = 'rejected' AND member_id = ${m.member.id}`.execute(
      ctx.db,
    );
    expect((await everything(m.token)).filter((e) => e.kind === 'refusal')).toHaveLength(3);
  });

  it('gives every verdict its code: other currency, changed amount, who cancelled, returns', async () => {
    const m = await ctx.signIn();
    const chf = claimOp({ total: { minor: 5000, currency: 'CHF' } });
    const changed = claimOp();
    const byShopper = claimOp();
    const byPartner = claimOp();
    const returned = claimOp();
    const res = await ctx.sync(m.token, {
      cursor: 0,
      ops: [chf, changed, byShopper, byPartner, returned],
    });
    expect(res.body.changes.find((e) => e.id === chf.id)?.code).toBe('other-currency');
    const hook = (e: Record<string, unknown>) =>
      ctx.webhook('demo-shop', { eventId: randomUUID(), ...e });
    const buyer = buyerProof(m.member.email);
    await hook({
      event: 'confirm',
      orderRef: changed.claim.orderRef,
      buyer,
      amount: { minor: 1000, currency: 'EUR' },
    });
    await hook({ event: 'cancel', orderRef: byShopper.claim.orderRef, cause: 'shopper' });
    await hook({ event: 'cancel', orderRef: byPartner.claim.orderRef, reason: 'Out of stock' });
    await hook({ event: 'confirm', orderRef: returned.claim.orderRef, buyer });
    await hook({
      event: 'return',
      orderRef: returned.claim.orderRef,
      amount: { minor: 500, currency: 'EUR' },
    });
    const bad = await hook({ event: 'cancel', orderRef: chf.claim.orderRef, cause: 'weather' });
    expect(bad.status).toBe(422);
    const codes = (await everything(m.token))
      .filter((e) => e.kind !== 'claim')
      .map((e) => [e.kind, e.code ?? null, e.reason]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['confirm', 'amount-changed', expect.stringContaining('10.00 EUR')],
        // No English default text: the UI words the code; the partner's words stay a detail.
        ['reject', 'cancelled-by-shopper', null],
        ['reject', 'cancelled-by-partner', 'Out of stock'],
        ['adjust', 'partial-return', expect.any(String)],
      ]),
    );
  });
});
