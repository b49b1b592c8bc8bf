import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programFieldsOf } from '../../server/services/coupons';
import { ledgerDiscrepancies } from '../../server/services/ledger';
import { CouponList, MeResponse } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, entryCount, type TestContext } from './helpers';

/**
 * Issue 11: eCoupons. Activation op rules (validity, targeting, limits,
 * stock), coupons at claim and confirmation (the pending estimate equals the
 * credited figure), GET /v1/coupons.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const day = 86_400_000;
  const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
  const coupons = [
    // id, kind, multiplier, bonus, valid_from, valid_until, limit, stock, tiers, new-to-partner
    ['t-expired', 'multiplier', 3, null, iso(-10 * day), iso(-day), 1, null, null, false],
    ['t-future', 'multiplier', 3, null, iso(day), iso(10 * day), 1, null, null, false],
    ['t-gold', 'multiplier', 4, null, iso(-day), iso(10 * day), 1, null, '["gold"]', false],
    ['t-stock5', 'bonus', null, 100, iso(-day), iso(10 * day), 1, 5, null, false],
    ['t-new', 'bonus', null, 50, iso(-day), iso(10 * day), 1, null, null, true],
    ['t-twice', 'bonus', null, 10, iso(-day), iso(10 * day), 2, null, null, false],
  ] as const;
  for (const [id, kind, mult, bonus, from, until, limit, stock, tiers, isNew] of coupons) {
    await sql`INSERT INTO coupons (id, partner_id, title, kind, multiplier, bonus_points, valid_from,
        valid_until, per_member_limit, stock, target_tiers, target_new_to_partner)
      VALUES (${id}, 'demo-shop', ${id}, ${kind}, ${mult}, ${bonus}, ${from}, ${until}, ${limit},
        ${stock}, ${tiers}::jsonb, ${isNew})`.execute(ctx.db);
  }
});
afterAll(() => ctx.close());

const activate = (couponId: string, id = randomUUID(), createdAt = new Date().toISOString()) => ({
  id,
  type: 'activate-coupon' as const,
  createdAt,
  couponId,
});
const balance = async (auth: Record<string, string>) =>
  MeResponse.parse(await (await ctx.app.request('/v1/me', { headers: auth })).json()).balance;
const confirm = (orderRef: string, email: string, extra: Record<string, unknown> = {}) =>
  ctx.webhook('demo-shop', {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef,
    buyer: buyerProof(email),
    ...extra,
  });
const listCoupons = async (auth: Record<string, string>, etag?: string) =>
  ctx.app.request('/v1/coupons', {
    headers: { ...auth, ...(etag ? { 'if-none-match': etag } : {}) },
  });
const stateOf = async (auth: Record<string, string>, id: string) => {
  const list = CouponList.parse(await (await listCoupons(auth)).json());
  return list.coupons.find((c) => c.id === id)?.state ?? 'not-listed';
};
const metaOf = async (id: string) =>
  (await sql<{ meta: unknown }>`SELECT meta FROM entries WHERE id = ${id}`.execute(ctx.db)).rows[0]
    ?.meta;

describe('activate, claim, confirm', () => {
  it('a 10× coupon activated before the claim makes it earn ten times the base, pending and confirmed alike', async () => {
    const m = await ctx.signIn();
    const act = await ctx.sync(m.token, { cursor: 0, ops: [activate('demo-shop-10x')] });
    expect(act.body.acks[0]).toMatchObject({ status: 'accepted' });
    expect(act.body.changes[0]).toMatchObject({
      kind: 'activate',
      points: 0,
      partnerId: 'demo-shop',
      couponId: 'demo-shop-10x',
    });
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 0 });
    const claim = claimOp({ total: { minor: 1234, currency: 'EUR' } });
    const res = await ctx.sync(m.token, { cursor: act.body.cursor, ops: [claim] });
    // 12.34 EUR at 2 points per EUR: base 24, ten times in all.
    expect(res.body.changes[0]).toMatchObject({ kind: 'claim', points: 240 });
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 240 });
    expect(await stateOf(m.auth, 'demo-shop-10x')).toBe('used');
    const done = await confirm(claim.claim.orderRef, m.member.email);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { entry: { points: number } }).entry.points).toBe(240);
    expect(await balance(m.auth)).toEqual({ available: 240, pending: 0 });
    const after = await ctx.sync(m.token, { cursor: res.body.cursor, ops: [] });
    expect(after.body.changes[0]).toMatchObject({
      kind: 'confirm',
      points: 240,
      coupons: ['demo-shop-10x'],
    });
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('activation and claim in one batch: the claim uses the coupon; a larger confirmed amount is recomputed with it', async () => {
    const m = await ctx.signIn();
    // The activation is made first (the claim's createdAt is not earlier), as a shopper does.
    const activation = activate('demo-shop-10x');
    const claim = claimOp({ total: { minor: 1000, currency: 'EUR' } });
    const res = await ctx.sync(m.token, { cursor: 0, ops: [activation, claim] });
    expect(res.body.acks.map((a) => a.status)).toEqual(['accepted', 'accepted']);
    expect(res.body.changes[1]).toMatchObject({ kind: 'claim', points: 200 });
    const done = await confirm(claim.claim.orderRef, m.member.email, {
      amount: { minor: 2000, currency: 'EUR' },
    });
    expect(done.status).toBe(200);
    expect(await balance(m.auth)).toEqual({ available: 400, pending: 0 });
  });

  it('a claim made before the activation gets no coupon; the activation stays for the next purchase', async () => {
    const m = await ctx.signIn();
    const early = claimOp({ total: { minor: 1000, currency: 'EUR' } });
    early.createdAt = new Date(Date.now() - 60_000).toISOString();
    const first = await ctx.sync(m.token, { cursor: 0, ops: [early] });
    expect(first.body.changes[0]).toMatchObject({ points: 20 });
    // Sent in one batch, but made before the activation by the client's clock: no coupon either.
    const earlier = claimOp({ total: { minor: 1000, currency: 'EUR' } });
    earlier.createdAt = new Date(Date.now() - 30_000).toISOString();
    const second = await ctx.sync(m.token, {
      cursor: first.body.cursor,
      ops: [activate('demo-shop-10x'), earlier],
    });
    expect(second.body.changes[1]).toMatchObject({ kind: 'claim', points: 20 });
    expect(await stateOf(m.auth, 'demo-shop-10x')).toBe('activated');
    expect((await confirm(early.claim.orderRef, m.member.email)).status).toBe(200);
    expect(await balance(m.auth)).toMatchObject({ available: 20 });
    const later = claimOp({ total: { minor: 1000, currency: 'EUR' } });
    const third = await ctx.sync(m.token, { cursor: second.body.cursor, ops: [later] });
    expect(third.body.changes.find((e) => e.id === later.id)).toMatchObject({ points: 200 });
  });

  it('a cancelled claim gives its coupon back for the next purchase', async () => {
    const m = await ctx.signIn();
    // The activation is made first (the claim's createdAt is not earlier), as a shopper does.
    const activation = activate('demo-shop-10x');
    const claim = claimOp({ total: { minor: 1000, currency: 'EUR' } });
    const res = await ctx.sync(m.token, { cursor: 0, ops: [activation, claim] });
    expect(res.body.changes[1]).toMatchObject({ points: 200 });
    const cancel = await ctx.webhook('demo-shop', {
      event: 'cancel',
      eventId: randomUUID(),
      orderRef: claim.claim.orderRef,
      cause: 'shopper',
    });
    expect(cancel.status).toBe(200);
    expect(await stateOf(m.auth, 'demo-shop-10x')).toBe('activated');
    const next = await ctx.sync(m.token, {
      cursor: res.body.cursor,
      ops: [claimOp({ total: { minor: 500, currency: 'EUR' } })],
    });
    expect(next.body.changes.at(-1)).toMatchObject({ kind: 'claim', points: 100 });
  });
});

describe('activation refusals', () => {
  it('expired, not yet valid, untargeted, second, unknown and new-to-partner each get their code; the rest of the batch is applied', async () => {
    const m = await ctx.signIn();
    const bought = claimOp({ total: { minor: 500, currency: 'EUR' } });
    const pre = await ctx.sync(m.token, { cursor: 0, ops: [activate('t-twice'), bought] });
    expect((await confirm(bought.claim.orderRef, m.member.email)).status).toBe(200);
    await ctx.sync(m.token, { cursor: pre.body.cursor, ops: [activate('t-twice')] });
    const before = await balance(m.auth);
    const activations = [
      activate('t-expired'),
      activate('t-future'),
      activate('t-gold'),
      activate('t-twice'), // the third of a limit of two
      activate('no-such-coupon'),
      activate('t-new'), // the member has bought at demo-shop
      activate('demo-shop-10x'),
    ];
    // Made after the activations (its createdAt is not earlier), as a shopper activates, then buys.
    const claim = claimOp({ total: { minor: 1000, currency: 'EUR' } });
    const ops = [...activations, claim];
    const res = await ctx.sync(m.token, { cursor: 0, ops });
    expect(res.status).toBe(200);
    expect(res.body.acks.map((a) => (a.status === 'rejected' ? a.code : a.status))).toEqual([
      'coupon-expired',
      'coupon-expired',
      'coupon-not-for-you',
      'coupon-already-active',
      'unknown-coupon',
      'coupon-not-for-you',
      'accepted',
      'accepted',
    ]);
    // 10× (base 20, 200 in all) plus t-twice's second, still unused activation (+10);
    // a refused activation neither moved points nor applied.
    const pending = res.body.changes.find((e) => e.id === claim.id);
    expect(pending).toMatchObject({ points: 210 });
    expect(await balance(m.auth)).toEqual({ ...before, pending: before.pending + 210 });
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('20 members activating a stock-5 coupon at once: exactly 5 get it', async () => {
    const members = await Promise.all(Array.from({ length: 20 }, () => ctx.signIn()));
    const results = await Promise.all(
      members.map((m) => ctx.sync(m.token, { cursor: 0, ops: [activate('t-stock5')] })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const codes = results.map((r) => {
      const a = r.body.acks[0]!;
      return a.status === 'rejected' ? a.code : a.status;
    });
    expect(codes.filter((c) => c === 'accepted')).toHaveLength(5);
    expect(codes.filter((c) => c === 'coupon-sold-out')).toHaveLength(15);
    const row = await sql<{ activations: number }>`
      SELECT activations FROM coupons WHERE id = 't-stock5'`.execute(ctx.db);
    expect(row.rows[0]!.activations).toBe(5);
    // A member without it no longer sees it; one with it does.
    const winner = members[codes.indexOf('accepted')]!;
    const loser = members[codes.indexOf('coupon-sold-out')]!;
    expect(await stateOf(winner.auth, 't-stock5')).toBe('activated');
    expect(await stateOf(loser.auth, 't-stock5')).toBe('not-listed');
  });

  it('an activate op sent 10 times is one activation with one answer', async () => {
    const m = await ctx.signIn();
    const op = activate('t-twice');
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await ctx.sync(m.token, { cursor: 0, ops: [op] }));
    const seqs = new Set(answers.map((a) => (a.body.acks[0] as { seq?: number }).seq));
    expect(seqs.size).toBe(1);
    expect([...seqs][0]).toBeGreaterThan(0);
    const n = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM coupon_activations WHERE member_id = ${m.member.id}`.execute(
      ctx.db,
    );
    expect(Number(n.rows[0]!.n)).toBe(1);
    expect(await stateOf(m.auth, 't-twice')).toBe('activated');
  });

  it("another member's op id is refused and changes nothing", async () => {
    const a = await ctx.signIn();
    const b = await ctx.signIn();
    const op = activate('t-twice');
    expect((await ctx.sync(a.token, { cursor: 0, ops: [op] })).body.acks[0]!.status).toBe(
      'accepted',
    );
    const before = await entryCount(ctx);
    const res = await ctx.sync(b.token, { cursor: 0, ops: [{ ...op, couponId: 'demo-shop-10x' }] });
    expect(res.body.acks[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(await entryCount(ctx)).toBe(before);
    expect(await stateOf(b.auth, 'demo-shop-10x')).toBe('available');
  });

  it('hostile coupon ids are invalid for that op alone, never a 5xx', async () => {
    const m = await ctx.signIn();
    const hostile = ['bad\u0000id', 'bad\ud800id', 'x'.repeat(10_240), 'UPPER', ''];
    const res = await ctx.sync(m.token, {
      cursor: 0,
      ops: [...hostile.map((h) => activate(h)), activate('demo-shop-10x')],
    });
    expect(res.status).toBe(200);
    expect(res.body.acks.slice(0, hostile.length).every((a) => a.status === 'rejected')).toBe(true);
    expect(
      res.body.acks.slice(0, hostile.length).map((a) => (a.status === 'rejected' ? a.code : '')),
    ).toEqual(hostile.map(() => 'invalid'));
    expect(res.body.acks.at(-1)!.status).toBe('accepted');
  });
});

describe('GET /v1/coupons', () => {
  it('lists what the member may see with their state, and answers 304 while unchanged', async () => {
    const m = await ctx.signIn();
    const first = await listCoupons(m.auth);
    expect(first.status).toBe(200);
    const list = CouponList.parse(await first.json());
    const states = Object.fromEntries(list.coupons.map((c) => [c.id, c.state]));
    expect(states).toMatchObject({
      'demo-shop-10x': 'available',
      't-expired': 'expired',
      't-new': 'available',
    });
    expect(states['t-gold']).toBeUndefined(); // targeted at Gold
    expect(states['t-future']).toBeUndefined(); // not valid yet
    expect(states['demo-shop-silver-5x']).toBeUndefined(); // Silver and Gold only
    const tenX = list.coupons.find((c) => c.id === 'demo-shop-10x')!;
    expect(tenX).toMatchObject({ kind: 'multiplier', multiplier: 10, activatedAt: null });

    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await listCoupons(m.auth, etag);
    expect(again.status).toBe(304);
    // The tag is per member's view: another member's list is not "unchanged" for this one.
    const other = await ctx.signIn();
    await ctx.sync(other.token, { cursor: 0, ops: [activate('t-twice')] });
    expect((await listCoupons(other.auth, etag)).status).toBe(200);

    await ctx.sync(m.token, { cursor: 0, ops: [activate('demo-shop-10x')] });
    const changed = await listCoupons(m.auth, etag);
    expect(changed.status).toBe(200);
    const now = CouponList.parse(await changed.json()).coupons.find(
      (c) => c.id === 'demo-shop-10x',
    )!;
    expect(now.state).toBe('activated');
    expect(now.activatedAt).not.toBeNull();
    await ctx.sync(m.token, { cursor: 0, ops: [claimOp()] });
    expect(await stateOf(m.auth, 'demo-shop-10x')).toBe('used');
  });

  it('needs a signed-in member', async () => {
    expect((await ctx.app.request('/v1/coupons')).status).toBe(401);
  });

  it('entry meta maps to the contract fields', () => {
    expect(programFieldsOf({ couponId: 'a-1', coupons: ['a-1'], tierId: 'gold' })).toEqual({
      couponId: 'a-1',
      coupons: ['a-1'],
      tierId: 'gold',
    });
    expect(programFieldsOf({ couponId: 'BAD\u0000', coupons: [] })).toEqual({});
    expect(programFieldsOf(null)).toEqual({});
  });
});

it('the confirm entry records which coupons applied', async () => {
  const m = await ctx.signIn();
  const claim = claimOp();
  await ctx.sync(m.token, { cursor: 0, ops: [activate('demo-shop-10x'), claim] });
  await confirm(claim.claim.orderRef, m.member.email);
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM entries WHERE claim_id = ${claim.id} AND kind = 'confirm'`.execute(ctx.db);
  expect(programFieldsOf(await metaOf(rows[0]!.id))).toEqual({ coupons: ['demo-shop-10x'] });
});
