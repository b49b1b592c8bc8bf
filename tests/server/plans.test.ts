import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies } from '../../server/services/ledger';
import { DEV_OPERATOR_TOKEN } from '../../server/settings';
import { MeResponse, PlanAnswer, Program } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, type TestContext } from './helpers';

/**
 * Issue 13, the paid plan Plus: set and ended by the operator's billing
 * system (operator token only), it adds its multiplier to claims made while
 * it is active, and the plan of the purchase time decides, also when it
 * ends before the partner confirms.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ plusMultiplier: 2 });
});
afterAll(() => ctx.close());

const OPERATOR = { authorization: `Bearer ${DEV_OPERATOR_TOKEN}` };
const DAY = 86_400_000;
const future = (days = 30) => new Date(Date.now() + days * DAY).toISOString();

function plan(
  number: string,
  method: 'PUT' | 'DELETE' | 'GET',
  body?: unknown,
  headers: Record<string, string> = OPERATOR,
) {
  return ctx.app.request(`/v1/operator/members/${number}/plan`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

const setPlus = async (number: string, endsAt = future(), reference = `sub-${randomUUID()}`) => {
  const res = await plan(number, 'PUT', { plan: 'plus', endsAt, reference });
  expect(res.status, await res.clone().text()).toBe(200);
  return PlanAnswer.parse(await res.json());
};

const programOf = async (auth: Record<string, string>) =>
  Program.parse(await (await ctx.app.request('/v1/me/program', { headers: auth })).json());
const balance = async (auth: Record<string, string>) =>
  MeResponse.parse(await (await ctx.app.request('/v1/me', { headers: auth })).json()).balance;
const planRows = async (memberId: string) =>
  ctx.db.selectFrom('member_plans').selectAll().where('member_id', '=', memberId).execute();

async function claim(m: { auth: Record<string, string> }, createdAt = new Date().toISOString()) {
  const op = { ...claimOp(), createdAt };
  const res = await ctx.sync(m.auth.authorization!.slice(7), { cursor: 0, ops: [op] });
  expect(res.body.acks[0]).toMatchObject({ status: 'accepted' });
  return op;
}

const confirm = (email: string, orderRef: string) =>
  ctx.webhook('demo-shop', {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef,
    buyer: buyerProof(email),
  });

describe('the operator endpoint', () => {
  it('refuses every caller without the operator token and changes nothing', async () => {
    const m = await ctx.signIn();
    const body = { plan: 'plus', endsAt: future(), reference: 'x' };
    const callers: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      m.auth, // a member's own token is not the operator's
      { authorization: `Basic ${btoa(`op:${DEV_OPERATOR_TOKEN}`)}` },
      { authorization: `Bearer ${DEV_OPERATOR_TOKEN}x` }, // one character more
    ];
    for (const headers of callers) {
      for (const method of ['PUT', 'DELETE', 'GET'] as const) {
        const res = await plan(
          m.member.memberNumber,
          method,
          method === 'PUT' ? body : undefined,
          headers,
        );
        expect(res.status, `${method} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toContain('Bearer');
      }
    }
    expect(await planRows(m.member.id)).toEqual([]);
    expect((await programOf(m.auth)).plan).toBeUndefined();
  });

  it('answers hostile input with a 4xx naming the field, never a 5xx, and stores nothing', async () => {
    const m = await ctx.signIn();
    const n = m.member.memberNumber;
    const good = { plan: 'plus', endsAt: future(), reference: 'sub-1' };
    const bodies: unknown[] = [
      { ...good, plan: 'gold' },
      { ...good, plan: 'plus\u0000' },
      { ...good, endsAt: new Date(Date.now() - 1000).toISOString() },
      { ...good, endsAt: '9999-12-31T23:59:59Z' },
      { ...good, endsAt: '+275760-09-13T00:00:00Z' },
      { ...good, endsAt: 1e308 },
      { ...good, endsAt: 'tomorrow' },
      { ...good, reference: '' },
      { ...good, reference: 'a\u0000b' },
      { ...good, reference: '\ud800abc' },
      { ...good, reference: 'x'.repeat(101) },
      { ...good, reference: ' leading-space' },
      { ...good, memberId: m.member.id },
      { plan: 'plus' },
      [],
      null,
      'not json {',
    ];
    for (const b of bodies) {
      const res = await plan(n, 'PUT', b);
      expect(res.status, JSON.stringify(b)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(b)).toBeLessThan(500);
    }
    const wrongType = await ctx.app.request(`/v1/operator/members/${n}/plan`, {
      method: 'PUT',
      headers: { ...OPERATOR, 'content-type': 'text/plain' },
      body: JSON.stringify(good),
    });
    expect(wrongType.status).toBe(415);
    for (const bad of ['123', '12345678901234567', 'abcdefghijklmnop', '%00', '%ED%A0%80']) {
      expect((await plan(bad, 'PUT', good)).status, bad).toBe(422);
      expect((await plan(bad, 'DELETE')).status, bad).toBe(422);
    }
    // Someone else's (or nobody's) number: 404, nothing created.
    expect((await plan('0000000000000000', 'PUT', good)).status).toBe(404);
    expect((await plan('0000000000000000', 'DELETE')).status).toBe(404);
    expect(await planRows(m.member.id)).toEqual([]);
  });

  it('sets, extends, repeats and ends a period; the popup contract shows plan and end', async () => {
    const m = await ctx.signIn();
    const n = m.member.memberNumber;
    const endsAt = future(30);
    const set = await setPlus(n, endsAt, 'sub-42');
    expect(set).toEqual({
      memberNumber: n,
      reference: 'sub-42',
      plan: {
        plan: 'plus',
        startsAt: expect.any(String),
        endsAt,
        multiplier: 2,
        benefits: ['earn-multiplier', 'priority-support'],
      },
    });
    expect((await programOf(m.auth)).plan).toEqual(set.plan);
    // The same call again, and two at once: still one period.
    await setPlus(n, endsAt, 'sub-42');
    const later = future(60);
    await Promise.all([setPlus(n, later, 'sub-43'), setPlus(n, later, 'sub-43')]);
    const rows = await planRows(m.member.id);
    expect(rows).toHaveLength(1);
    expect((await programOf(m.auth)).plan).toMatchObject({
      startsAt: set.plan!.startsAt,
      endsAt: later,
    });

    const ended = await plan(n, 'DELETE');
    expect(PlanAnswer.parse(await ended.json())).toEqual({
      memberNumber: n,
      plan: null,
      reference: 'sub-43',
    });
    expect((await programOf(m.auth)).plan).toBeUndefined();
    // Ending again is harmless.
    const again = PlanAnswer.parse(await (await plan(n, 'DELETE')).json());
    expect(again).toEqual({ memberNumber: n, plan: null, reference: null });
    // A new period after the end is a second row, the first kept.
    await setPlus(n);
    expect(await planRows(m.member.id)).toHaveLength(2);
  });
});

describe('earning with Plus', () => {
  it('doubles the base while active, added to the tier like the earn module says', async () => {
    const m = await ctx.signIn();
    const before = await claim(m);
    await setPlus(m.member.memberNumber);
    const during = await claim(m);
    // 12.34 EUR at 2/€: base 24, Plus 2× adds 24.
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 24 + 48 });
    expect((await confirm(m.member.email, before.claim.orderRef)).status).toBe(200);
    expect((await confirm(m.member.email, during.claim.orderRef)).status).toBe(200);
    expect(await balance(m.auth)).toEqual({ available: 72, pending: 0 });
  });

  it('a plan ending in the middle of a pending claim: the plan of the purchase time decides', async () => {
    const m = await ctx.signIn();
    await setPlus(m.member.memberNumber);
    const during = await claim(m);
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 48 });
    // The billing system ends the plan before the partner confirms.
    expect((await plan(m.member.memberNumber, 'DELETE')).status).toBe(200);
    const after = await claim(m);
    // An offline purchase from before the plan ever started: no Plus either.
    const older = await claim(m, new Date(Date.now() - 3 * DAY).toISOString());
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 48 + 24 + 24 });
    // Confirmed later: the claim made while Plus keeps Plus points, the later one has none.
    expect((await confirm(m.member.email, during.claim.orderRef)).status).toBe(200);
    expect((await confirm(m.member.email, after.claim.orderRef)).status).toBe(200);
    expect((await confirm(m.member.email, older.claim.orderRef)).status).toBe(200);
    expect(await balance(m.auth)).toEqual({ available: 96, pending: 0 });
    // A new Plus period does not reach back to claims made without it.
    await setPlus(m.member.memberNumber);
    expect(await balance(m.auth)).toEqual({ available: 96, pending: 0 });
  });

  it('a claim stamped in the future does not borrow a plan that has not started', async () => {
    const m = await ctx.signIn();
    const n = m.member.memberNumber;
    await setPlus(n);
    await plan(n, 'DELETE');
    const ahead = await claim(m, new Date(Date.now() + 60_000).toISOString());
    expect((await confirm(m.member.email, ahead.claim.orderRef)).status).toBe(200);
    expect(await balance(m.auth)).toEqual({ available: 24, pending: 0 });
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });
});
