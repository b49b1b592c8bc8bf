import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { inTx } from '../../server/db/tx';
import {
  declaredExpiryPolicy,
  declareExpiryPolicy,
  expiringFor,
  runExpiry,
} from '../../server/services/expiry';
import {
  ledgerDiscrepancies,
  lotDiscrepancies,
  postEntry,
  readBalance,
  spendPoints,
} from '../../server/services/ledger';
import { DEV_OPERATOR_TOKEN } from '../../server/settings';
import type { Program, ServerEntry } from '../../utils/contract';
import { type ExpiryPolicy, expiryOf, utcDay } from '../../utils/loyalty/expiry';
import { createTestContext, entryCount, type TestContext } from './helpers';

const PERIOD: ExpiryPolicy = { mode: 'period', months: 36, monthDay: '09-30' };
const YEARLY: ExpiryPolicy = { mode: 'yearly', months: 36, monthDay: '09-30' };
const OFF: ExpiryPolicy = { mode: 'off', months: 36, monthDay: '09-30' };
const at = (iso: string) => new Date(iso);
const operator = { authorization: `Bearer ${DEV_OPERATOR_TOKEN}` };

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Member = Awaited<ReturnType<TestContext['signIn']>>;

/**
 * Credits `points` (a bonus: available at once) and, with `earnedAt`, dates
 * its lot as if earned then under the declared policy (the lots are the
 * ledger's: only their earn time is moved into the past).
 */
async function credit(m: Member, points: number, earnedAt?: string): Promise<string> {
  const id = randomUUID();
  await inTx(ctx.db, (trx) =>
    postEntry(trx, { id, memberId: m.member.id, kind: 'bonus', points, dAvailable: points }),
  );
  if (earnedAt) {
    const policy = (await declaredExpiryPolicy(ctx.db)) ?? OFF;
    const expires = expiryOf(policy, at(earnedAt));
    await sql`UPDATE lots SET earned_at = ${earnedAt}::timestamptz,
      expires_at = ${expires?.toISOString() ?? null}::timestamptz
      WHERE entry_id = ${id}`.execute(ctx.db);
  }
  return id;
}

async function lotOf(id: string) {
  const { rows } = await sql<{ remaining: number; expires_at: Date | null }>`
    SELECT remaining, expires_at FROM lots WHERE entry_id = ${id}`.execute(ctx.db);
  return { remaining: Number(rows[0]!.remaining), expiresAt: rows[0]!.expires_at };
}

async function expiries(memberId: string) {
  const { rows } = await sql<{ id: string; points: number; code: string; lot: string }>`
    SELECT id, points, code, meta->>'lotId' AS lot FROM entries
    WHERE member_id = ${memberId} AND kind = 'expire' ORDER BY seq`.execute(ctx.db);
  return rows.map((r) => ({ ...r, points: Number(r.points) }));
}

/** The invariants, after every step. */
async function consistent(memberId?: string) {
  expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  expect(await lotDiscrepancies(ctx.db)).toEqual([]);
  if (memberId) {
    const b = await readBalance(ctx.db, memberId);
    expect(b.available).toBeGreaterThanOrEqual(0);
    return b;
  }
}

const available = async (m: Member) => (await readBalance(ctx.db, m.member.id)).available;

describe('the policy', () => {
  it('the first declaration dates the lots earned before it; later changes only new lots', async () => {
    const m = await ctx.signIn();
    const before = await credit(m, 100);
    expect((await lotOf(before)).expiresAt).toBeNull(); // no policy declared yet
    expect(await declareExpiryPolicy(ctx.db, PERIOD)).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ earned_at: Date }>`
      SELECT earned_at FROM lots WHERE entry_id = ${before}`.execute(ctx.db);
    const dated = (await lotOf(before)).expiresAt!;
    expect(new Date(dated).toISOString()).toBe(
      expiryOf(PERIOD, new Date(rows[0]!.earned_at))!.toISOString(),
    );
    // Declaring again dates nothing more.
    expect(await declareExpiryPolicy(ctx.db, PERIOD)).toBe(0);

    // A lot earned now under 'yearly' gets the yearly date; the earlier lot keeps its date.
    await declareExpiryPolicy(ctx.db, YEARLY);
    const later = await credit(m, 10);
    const { rows: now } = await sql<{ now: Date }>`SELECT now() AS now`.execute(ctx.db);
    expect(utcDay(new Date((await lotOf(later)).expiresAt!))).toBe(
      utcDay(expiryOf(YEARLY, new Date(now[0]!.now))!),
    );
    expect(new Date((await lotOf(before)).expiresAt!).getTime()).toBe(new Date(dated).getTime());

    // Off: new lots never expire, and the run expires nothing (not even due lots).
    await declareExpiryPolicy(ctx.db, OFF);
    const never = await credit(m, 5);
    expect((await lotOf(never)).expiresAt).toBeNull();
    const count = await entryCount(ctx);
    expect(await runExpiry(ctx.db, { now: at('2100-01-01T00:00:00Z') })).toEqual({
      members: 0,
      lots: 0,
      points: 0,
    });
    expect(await entryCount(ctx)).toBe(count);
    // Tidy up for the tests below: nothing of this member's is left to expire.
    await spendPoints(ctx.db, m.member.id, await available(m), 'tidy up');
    await consistent(m.member.id);
  });
});

describe('the run (period: 36 months)', () => {
  beforeAll(() => declareExpiryPolicy(ctx.db, PERIOD));

  it('after partial spends only what is left of the oldest lots expires, each from its own lot', async () => {
    const m = await ctx.signIn();
    const a = await credit(m, 100, '2020-01-31T15:00:00Z'); // expires 2023-01-31
    const b = await credit(m, 200, '2020-06-15T09:00:00Z'); // expires 2023-06-15
    const c = await credit(m, 300, '2021-03-01T00:00:00Z'); // expires 2024-03-01
    // A spend takes the oldest first: all of a, 50 of b.
    expect((await spendPoints(ctx.db, m.member.id, 150, 'voucher')).ok).toBe(true);
    expect((await lotOf(a)).remaining).toBe(0);
    expect((await lotOf(b)).remaining).toBe(150);
    await consistent(m.member.id);

    // a's date has come but nothing is left of it: nothing expires.
    await runExpiry(ctx.db, { now: at('2023-01-31T00:00:00Z') });
    expect(await expiries(m.member.id)).toEqual([]);
    // One millisecond before b's day: still nothing.
    await runExpiry(ctx.db, { now: at('2023-06-14T23:59:59.999Z') });
    expect(await expiries(m.member.id)).toEqual([]);
    expect(await available(m)).toBe(450);

    // b's day: its remaining 150 go, from b alone; c is untouched.
    await runExpiry(ctx.db, { now: at('2023-06-15T00:00:00Z') });
    const [e] = await expiries(m.member.id);
    expect(e).toMatchObject({ points: -150, code: 'expired', lot: b });
    expect(await expiries(m.member.id)).toHaveLength(1);
    const { rows: uses } = await sql<{ lot_id: string; points: number }>`
      SELECT lot_id, points FROM lot_uses WHERE entry_id = ${e!.id}`.execute(ctx.db);
    expect(uses.map((u) => [u.lot_id, Number(u.points)])).toEqual([[b, 150]]);
    expect((await lotOf(b)).remaining).toBe(0);
    expect((await lotOf(c)).remaining).toBe(300);
    expect((await consistent(m.member.id))!.available).toBe(300);

    // The member's sync shows the entry and the lower balance.
    const res = await ctx.sync(m.token, { cursor: 0, ops: [] });
    const synced = res.body.changes.find((x: ServerEntry) => x.kind === 'expire');
    expect(synced).toMatchObject({ points: -150, code: 'expired' });
    expect(res.body.balance.available).toBe(300);

    // Running again, as of the same or a later time before c's day: no change.
    const count = await entryCount(ctx);
    await runExpiry(ctx.db, { now: at('2023-06-15T00:00:00Z') });
    await runExpiry(ctx.db, { now: at('2024-02-29T23:00:00Z') });
    expect(await entryCount(ctx)).toBe(count);
    expect(await available(m)).toBe(300);

    // c's day: the rest goes.
    await runExpiry(ctx.db, { now: at('2024-03-01T00:00:00Z') });
    expect((await expiries(m.member.id)).map((x) => x.points)).toEqual([-150, -300]);
    expect((await consistent(m.member.id))!.available).toBe(0);
  });

  it('an interrupted run leaves whole members; running again ends as one clean run would', async () => {
    const members = await Promise.all([ctx.signIn(), ctx.signIn(), ctx.signIn(), ctx.signIn()]);
    const lots = new Map<string, string[]>();
    for (const m of members) {
      lots.set(m.member.id, [
        await credit(m, 40, '2021-01-10T00:00:00Z'), // due 2024-01-10
        await credit(m, 60, '2021-02-10T00:00:00Z'), // due 2024-02-10
        await credit(m, 7, '2021-06-10T00:00:00Z'), // not due yet
      ]);
      await spendPoints(ctx.db, m.member.id, 10, 'a coffee'); // 10 of the first lot
    }
    const now = at('2024-03-01T00:00:00Z');
    // Crash in the middle of the second member, after its first lot.
    let seen = 0;
    const crash = runExpiry(ctx.db, {
      now,
      batch: 1,
      afterLot: (memberId) => {
        if (members.some((m) => m.member.id === memberId) && ++seen === 3)
          throw new Error('power cut');
      },
    });
    await expect(crash).rejects.toThrow('power cut');
    await consistent();
    // Whole steps: each member has either both expiries or none.
    const counts = await Promise.all(
      members.map(async (m) => (await expiries(m.member.id)).length),
    );
    expect(counts.every((n) => n === 0 || n === 2)).toBe(true);
    expect(counts.filter((n) => n === 2)).toHaveLength(1);

    await runExpiry(ctx.db, { now });
    await runExpiry(ctx.db, { now }); // and once more: harmless
    for (const m of members) {
      const [first, second] = lots.get(m.member.id)!;
      expect(
        (await expiries(m.member.id)).map((e) => [e.lot, e.points]).sort(),
        'one expiry per due lot, of what it held',
      ).toEqual(
        [
          [first, -30],
          [second, -60],
        ].sort(),
      );
      expect(await available(m)).toBe(7);
    }
    await consistent();
  });

  it('a spend racing the run: never below zero, never a point lost or doubled', async () => {
    for (let round = 0; round < 4; round++) {
      const m = await ctx.signIn();
      await credit(m, 100, '2021-04-01T00:00:00Z'); // due 2024-04-01
      await credit(m, 50, '2021-12-01T00:00:00Z'); // due 2024-12-01
      const [, spent] = await Promise.all([
        runExpiry(ctx.db, { now: at('2024-04-02T00:00:00Z') }),
        spendPoints(ctx.db, m.member.id, 130, 'race'),
      ]);
      const b = (await consistent(m.member.id))!;
      const expired = (await expiries(m.member.id)).reduce((s, e) => s - e.points, 0);
      // Either the spend came first (100 + 30, nothing left to expire) or the expiry (then 130 > 50).
      if (spent.ok) expect([b.available, expired]).toEqual([20, 0]);
      else expect([b.available, expired]).toEqual([50, 100]);
    }
  });

  it('two runs at once expire each lot once', async () => {
    const m = await ctx.signIn();
    await credit(m, 80, '2021-05-05T00:00:00Z'); // due 2024-05-05
    const now = at('2024-05-06T00:00:00Z');
    const results = await Promise.all([runExpiry(ctx.db, { now }), runExpiry(ctx.db, { now })]);
    expect(results.reduce((s, r) => s + r.points, 0)).toBeGreaterThanOrEqual(80);
    expect((await expiries(m.member.id)).map((e) => e.points)).toEqual([-80]);
    expect((await consistent(m.member.id))!.available).toBe(0);
  });

  it('owed points are left alone: expiry takes only what lots hold', async () => {
    const m = await ctx.signIn();
    await credit(m, 30, '2021-07-01T00:00:00Z'); // due 2024-07-01
    // A debt from an earlier return (as order-return.ts records it).
    await inTx(ctx.db, (trx) =>
      postEntry(trx, {
        memberId: m.member.id,
        kind: 'adjust',
        points: 0,
        code: 'return-owed',
        meta: { owed: 25 },
      }),
    );
    await sql`UPDATE balances SET owed = 25 WHERE member_id = ${m.member.id}`.execute(ctx.db);
    await runExpiry(ctx.db, { now: at('2024-07-02T00:00:00Z') });
    const b = (await consistent(m.member.id))!;
    expect([b.available, b.owed]).toEqual([0, 25]);
  });
});

describe('the run (yearly: 30 September after 36 months)', () => {
  beforeAll(() => declareExpiryPolicy(ctx.db, YEARLY));

  it('lots expire on the first 30 September at least 36 months on', async () => {
    const m = await ctx.signIn();
    const spring = await credit(m, 10, '2022-03-15T12:00:00Z'); // 2025-09-30
    const onDay = await credit(m, 20, '2022-09-30T23:00:00Z'); // 2025-09-30
    const autumn = await credit(m, 40, '2022-10-01T00:00:00Z'); // 2026-09-30
    expect(utcDay(new Date((await lotOf(spring)).expiresAt!))).toBe('2025-09-30');
    expect(utcDay(new Date((await lotOf(onDay)).expiresAt!))).toBe('2025-09-30');
    expect(utcDay(new Date((await lotOf(autumn)).expiresAt!))).toBe('2026-09-30');
    await spendPoints(ctx.db, m.member.id, 15, 'spend'); // all of spring, 5 of onDay

    await runExpiry(ctx.db, { now: at('2025-09-29T23:59:59Z') });
    expect(await expiries(m.member.id)).toEqual([]);
    await runExpiry(ctx.db, { now: at('2025-09-30T00:00:00Z') });
    expect((await expiries(m.member.id)).map((e) => [e.lot, e.points])).toEqual([[onDay, -15]]);
    expect((await consistent(m.member.id))!.available).toBe(40);
  });
});

describe('the warning and the operator endpoint', () => {
  beforeAll(() => declareExpiryPolicy(ctx.db, PERIOD));

  /** A lot due `days` from now (earned that long less than 36 months ago). */
  async function dueIn(m: Member, points: number, days: number): Promise<string> {
    const id = await credit(m, points);
    const expires = new Date(Date.now() + days * 86_400_000);
    expires.setUTCHours(0, 0, 0, 0);
    await sql`UPDATE lots SET expires_at = ${expires.toISOString()}::timestamptz,
      earned_at = ${expires.toISOString()}::timestamptz - interval '36 months'
      WHERE entry_id = ${id}`.execute(ctx.db);
    return utcDay(expires);
  }

  const program = async (m: Member, etag?: string) =>
    ctx.app.request('/v1/me/program', {
      headers: { ...m.auth, ...(etag ? { 'if-none-match': etag } : {}) },
    });

  it('GET /v1/me/program lists what expires within 90 days, oldest first, after spends', async () => {
    const m = await ctx.signIn();
    const soon = await dueIn(m, 100, 10);
    const later = await dueIn(m, 50, 40);
    await dueIn(m, 70, 200); // beyond the horizon
    await spendPoints(ctx.db, m.member.id, 30, 'spend');
    const res = await program(m);
    const body = (await res.json()) as Program;
    expect(body.expiring).toEqual([
      { date: soon, points: 70 },
      { date: later, points: 50 },
    ]);
    expect(await expiringFor(ctx.db, m.member.id, new Date(), 30)).toEqual([
      { date: soon, points: 70 },
    ]);
    // A spend changes the warning, and the ETag with it.
    const etag = res.headers.get('etag')!;
    expect((await program(m, etag)).status).toBe(304);
    await spendPoints(ctx.db, m.member.id, 70, 'spend');
    const after = await program(m, etag);
    expect(after.status).toBe(200);
    expect(((await after.json()) as Program).expiring).toEqual([{ date: later, points: 50 }]);
  });

  it('no warning without expiring points', async () => {
    const m = await ctx.signIn();
    await credit(m, 100);
    const body = (await (await program(m)).json()) as Program;
    expect(body.expiring).toBeUndefined();
  });

  it('POST /v1/operator/expiry/run: operator only, hostile bodies refused, repeats harmless', async () => {
    const m = await ctx.signIn();
    await credit(m, 25, '2021-08-08T00:00:00Z'); // due 2024-08-08
    const run = (body: string, headers: Record<string, string> = operator) =>
      ctx.post('/v1/operator/expiry/run', body, headers);
    expect((await run('{}', {})).status).toBe(401);
    expect((await run('{}', { authorization: `Bearer ${m.token}` })).status).toBe(401);
    for (const bad of [
      '{"now":"2024-08-09T00:00:00Z\\u0000"}',
      '{"now":"\\ud800"}',
      '{"now":1e400}',
      '{"now":"99999-01-01T00:00:00Z"}',
      `{"now":"2024-08-09T00:00:00Z","memberId":"${m.member.id}"}`,
      '[]',
      'not json',
    ]) {
      const res = await run(bad);
      expect(res.status, bad).toBeGreaterThanOrEqual(400);
      expect(res.status, bad).toBeLessThan(500);
    }
    expect(await expiries(m.member.id)).toEqual([]);
    const first = await run('{"now":"2024-08-09T00:00:00Z"}');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ now: '2024-08-09T00:00:00.000Z' });
    const again = await run('{"now":"2024-08-09T00:00:00Z"}');
    expect(await again.json()).toMatchObject({ lots: 0, points: 0 });
    expect((await expiries(m.member.id)).map((e) => e.points)).toEqual([-25]);
    // An empty body runs as of now.
    expect((await run('')).status).toBe(200);
    await consistent(m.member.id);

    // In production a run as of another time is refused; as of now it runs.
    const token = 'production-operator-token-0123456789';
    const { app } = createApp({
      db: ctx.db,
      settings: { production: true, operatorToken: token, log: 'silent', requestsPerMinute: 0 },
    });
    const prod = (body: string) =>
      app.request('/v1/operator/expiry/run', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    expect((await prod('{"now":"2100-01-01T00:00:00Z"}')).status).toBe(403);
    expect((await prod('{}')).status).toBe(200);
  });
});
