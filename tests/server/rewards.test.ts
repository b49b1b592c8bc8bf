import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/db/seed';
import { ledgerDiscrepancies, lotDiscrepancies, readBalance } from '../../server/services/ledger';
import type { Ack, RewardList, ServerEntry } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, DEMO_SECRET, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Member = Awaited<ReturnType<TestContext['signIn']>>;

/** Credits `points` (even) to the member: a demo-shop claim (2 points per EUR) the partner confirms. */
async function earn(m: Member, points: number) {
  const orderRef = `RW-${randomUUID().slice(0, 8)}`;
  const op = claimOp({ orderRef, total: { minor: points * 50, currency: 'EUR' } });
  expect((await ctx.sync(m.token, { ops: [op] })).body.acks[0]!.status).toBe('accepted');
  const res = await ctx.webhook('demo-shop', {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef,
    buyer: buyerProof(m.member.email),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { entry: { points: number } }).entry.points).toBe(points);
  return { orderRef, claimId: op.id };
}

async function memberWith(points: number) {
  const m = await ctx.signIn();
  if (points > 0) await earn(m, points);
  return m;
}

/** A reward of its own for one test, so tests do not share code pools. */
async function addReward(price: number, codes: number, opts: { active?: boolean } = {}) {
  const id = `t-${randomUUID().slice(0, 8)}`;
  await sql`INSERT INTO rewards (id, partner_id, value_minor, currency, points_price, valid_days, active)
    VALUES (${id}, 'demo-shop', 500, 'EUR', ${price}, 30, ${opts.active ?? true})`.execute(ctx.db);
  await sql`INSERT INTO reward_codes (reward_id, code)
    SELECT ${id}, ${id} || '-' || n FROM generate_series(1, ${codes}::int) n`.execute(ctx.db);
  return id;
}

const redeem = (rewardId: unknown, id: string = randomUUID()) => ({
  id,
  type: 'redeem',
  createdAt: new Date().toISOString(),
  rewardId,
});

async function everything(token: string): Promise<ServerEntry[]> {
  return (await ctx.sync(token, { cursor: 0, ops: [] })).body.changes;
}

async function consistent() {
  expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  expect(await lotDiscrepancies(ctx.db)).toEqual([]);
}

const rejected = (a: Ack) => (a.status === 'rejected' ? a.code : null);

describe('redeeming a reward', () => {
  it('takes the price, issues one code and carries the voucher in a spend entry', async () => {
    const m = await memberWith(600);
    const reward = await addReward(250, 5);
    const op = redeem(reward);
    const res = await ctx.sync(m.token, { cursor: 0, ops: [op] });
    expect(res.status).toBe(200);
    const ack = res.body.acks[0]!;
    expect(ack).toMatchObject({ opId: op.id, status: 'accepted' });
    const entry = res.body.changes.find((e) => e.id === op.id)!;
    expect(ack.status === 'accepted' && ack.seq).toBe(entry.seq);
    expect(entry).toMatchObject({
      kind: 'spend',
      points: -250,
      partnerId: 'demo-shop',
      voucher: {
        rewardId: reward,
        code: `${reward}-1`,
        value: { minor: 500, currency: 'EUR' },
        partnerId: 'demo-shop',
      },
    });
    const days = (Date.parse(entry.voucher!.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(res.body.balance).toEqual({ available: 350, pending: 0 });
    await consistent();
  });

  it('refuses an unknown, an inactive and a sold-out reward, and more than is available', async () => {
    const m = await memberWith(300);
    const inactive = await addReward(10, 5, { active: false });
    const soldOut = await addReward(10, 0);
    const dear = await addReward(301, 5);
    const res = await ctx.sync(m.token, {
      ops: [redeem('no-such-reward'), redeem(inactive), redeem(soldOut), redeem(dear)],
    });
    expect(res.body.acks.map(rejected)).toEqual([
      'unknown-reward',
      'unknown-reward',
      'reward-sold-out',
      'insufficient-points',
    ]);
    expect(res.body.acks[3]).toMatchObject({ reason: '301 points needed, 300 available' });
    expect(res.body.balance.available).toBe(300);
    const codes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM reward_codes
      WHERE reward_id IN (${inactive}, ${dear}) AND redemption_id IS NOT NULL`.execute(ctx.db);
    expect(codes.rows[0]!.n).toBe(0);
  });

  it('applies a batch in request order: the redemption that no longer fits is refused', async () => {
    const m = await memberWith(500);
    const reward = await addReward(200, 10);
    const ops = [redeem(reward), redeem(reward), redeem(reward)];
    const res = await ctx.sync(m.token, { ops });
    expect(res.body.acks.map((a) => a.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(rejected(res.body.acks[2]!)).toBe('insufficient-points');
    expect(res.body.balance.available).toBe(100);
    await consistent();
  });

  it('sells out: the last code goes once, the next redemption is refused', async () => {
    const m = await memberWith(1000);
    const reward = await addReward(100, 2);
    const res = await ctx.sync(m.token, { ops: [redeem(reward), redeem(reward), redeem(reward)] });
    expect(res.body.acks.map(rejected)).toEqual([null, null, 'reward-sold-out']);
    const vouchers = res.body.changes.flatMap((e) => (e.voucher ? [e.voucher.code] : []));
    expect(vouchers.sort()).toEqual([`${reward}-1`, `${reward}-2`]);
    expect(res.body.balance.available).toBe(800);
  });
});

describe('idempotency', () => {
  it('a redemption re-sent 10 times, one by one and at once, costs once and answers the same', async () => {
    const m = await memberWith(1000);
    const reward = await addReward(100, 50);
    const op = redeem(reward);
    const first = await ctx.sync(m.token, { ops: [op] });
    const ack = first.body.acks[0]!;
    expect(ack.status).toBe('accepted');
    for (let i = 0; i < 10; i++) {
      const again = await ctx.sync(m.token, { ops: [op] });
      expect(again.body.acks).toEqual([ack]);
    }
    const parallel = await Promise.all(
      Array.from({ length: 10 }, () => ctx.sync(m.token, { ops: [op] })),
    );
    for (const r of parallel) expect(r.body.acks).toEqual([ack]);
    // Also sent concurrently before any answer: a new op, ten times at once.
    const fresh = redeem(reward);
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => ctx.sync(m.token, { ops: [fresh] })),
    );
    const acks = racing.map((r) => r.body.acks[0]!);
    expect(new Set(acks.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(acks[0]!.status).toBe('accepted');

    const spends = (await everything(m.token)).filter((e) => e.kind === 'spend');
    expect(spends.map((e) => e.id).sort()).toEqual([op.id, fresh.id].sort());
    expect(new Set(spends.map((e) => e.voucher!.code)).size).toBe(2);
    expect((await readBalance(ctx.db, m.member.id)).available).toBe(800);
    const issued = await sql<{ n: number }>`SELECT count(*)::int AS n FROM reward_codes
      WHERE reward_id = ${reward} AND redemption_id IS NOT NULL`.execute(ctx.db);
    expect(issued.rows[0]!.n).toBe(2);
    await consistent();
  });

  it("another member's op id, or an entry id of one's own history, is refused and costs nothing", async () => {
    const a = await memberWith(500);
    const b = await memberWith(500);
    const reward = await addReward(100, 10);
    const op = redeem(reward);
    expect((await ctx.sync(a.token, { ops: [op] })).body.acks[0]!.status).toBe('accepted');
    const stolen = await ctx.sync(b.token, { ops: [op] });
    expect(stolen.body.acks[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
    // The confirm entry's id was never an op id: it is still not free to use.
    const confirm = (await everything(b.token)).find((e) => e.kind === 'confirm')!;
    const copied = await ctx.sync(b.token, { ops: [redeem(reward, confirm.id)] });
    expect(copied.body.acks[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(copied.body.balance.available).toBe(500);
    await consistent();
  });
});

describe('hostile input', () => {
  it('a bad rewardId is "invalid" for that op only; the batch is applied, never a 5xx', async () => {
    const m = await memberWith(400);
    const reward = await addReward(100, 10);
    const hostile: unknown[] = [
      'demo\u0000shop',
      'demo-\uD800',
      'x'.repeat(10_240),
      '',
      'UPPER-case',
      42,
      null,
      { id: 'demo-shop-5' },
      ['demo-shop-5'],
      true,
    ];
    const ops = [redeem(reward), ...hostile.map((h) => redeem(h)), redeem(reward)];
    const res = await ctx.sync(m.token, { ops });
    expect(res.status).toBe(200);
    const codes = res.body.acks.map((a) => rejected(a));
    expect(codes[0]).toBeNull();
    expect(codes.at(-1)).toBeNull();
    expect(codes.slice(1, -1)).toEqual(hostile.map(() => 'invalid'));
    // A missing rewardId and a wrong op type, too.
    const { rewardId: _, ...noReward } = redeem(reward);
    const odd = await ctx.sync(m.token, {
      ops: [noReward, { ...redeem(reward), type: 'redeemx' }],
    });
    expect(odd.status).toBe(200);
    expect(odd.body.acks.map(rejected)).toEqual(['invalid', 'invalid']);
    expect(odd.body.balance.available).toBe(200);
    await consistent();
  });
});

describe('concurrency', () => {
  it('50 parallel redemptions by several members and one: no overdraft, no code twice', async () => {
    const pool = await addReward(100, 25); // 4 members × 10 tries > 25 codes
    const plenty = await addReward(100, 100);
    const rich = await Promise.all(Array.from({ length: 4 }, () => memberWith(1000)));
    const poor = await memberWith(350); // 10 tries, room for 3
    const tries = [
      ...rich.flatMap((m) => Array.from({ length: 10 }, () => ({ m, reward: pool }))),
      ...Array.from({ length: 10 }, () => ({ m: poor, reward: plenty })),
    ];
    const results = await Promise.all(
      tries.map(async (t) => {
        const r = await ctx.sync(t.m.token, { ops: [redeem(t.reward)] });
        expect(r.status).toBe(200);
        return { ...t, ack: r.body.acks[0]! };
      }),
    );
    const accepted = (reward: string) =>
      results.filter((r) => r.reward === reward && r.ack.status === 'accepted').length;
    expect(accepted(pool)).toBe(25);
    expect(accepted(plenty)).toBe(3);
    for (const r of results.filter((x) => x.ack.status === 'rejected')) {
      expect(rejected(r.ack)).toBe(r.reward === pool ? 'reward-sold-out' : 'insufficient-points');
    }
    const issued = await sql<{ n: number; codes: number; redemptions: number }>`
      SELECT count(*)::int AS n, count(DISTINCT code)::int AS codes,
        count(DISTINCT redemption_id)::int AS redemptions
      FROM reward_codes WHERE reward_id IN (${pool}, ${plenty}) AND redemption_id IS NOT NULL`.execute(
      ctx.db,
    );
    expect(issued.rows[0]).toEqual({ n: 28, codes: 28, redemptions: 28 });
    for (const m of [...rich, poor]) {
      const mine = results.filter((r) => r.m === m && r.ack.status === 'accepted').length;
      const b = await readBalance(ctx.db, m.member.id);
      expect(b.available).toBe((m === poor ? 350 : 1000) - 100 * mine);
      expect(b.available).toBeGreaterThanOrEqual(0);
      // Every accepted op has its spend entry with its own code.
      const vouchers = (await everything(m.token)).flatMap((e) => (e.voucher ? [e.voucher] : []));
      expect(vouchers).toHaveLength(mine);
    }
    await consistent();
  });
});

describe('GET /v1/rewards', () => {
  it('lists the seeded rewards for a member, with an ETag, 304 when unchanged, sold out shown', async () => {
    const m = await memberWith(1000);
    expect((await ctx.app.request('/v1/rewards')).status).toBe(401);
    const res = await ctx.app.request('/v1/rewards', { headers: m.auth });
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const list = (await res.json()) as RewardList;
    const seeded = list.rewards.filter((r) => !r.id.startsWith('t-'));
    expect(seeded).toEqual([
      {
        id: 'any-2',
        kind: 'voucher',
        partnerId: null,
        value: { minor: 200, currency: 'EUR' },
        pointsPrice: 200,
        validDays: 365,
        available: true,
      },
      expect.objectContaining({ id: 'demo-shop-5', partnerId: 'demo-shop', pointsPrice: 500 }),
      expect.objectContaining({
        id: 'book-corner-10',
        partnerId: 'book-corner',
        pointsPrice: 1000,
      }),
    ]);
    const again = await ctx.app.request('/v1/rewards', {
      headers: { ...m.auth, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    // 'any-2' has 3 codes: after they are gone it shows as sold out, under a new ETag.
    const redeemed = await ctx.sync(m.token, {
      ops: Array.from({ length: 4 }, () => redeem('any-2')),
    });
    expect(redeemed.body.acks.map(rejected)).toEqual([null, null, null, 'reward-sold-out']);
    expect(redeemed.body.changes.filter((e) => e.voucher).map((e) => e.voucher!.code)).toEqual([
      'ANY2-0001',
      'ANY2-0002',
      'ANY2-0003',
    ]);
    const after = await ctx.app.request('/v1/rewards', {
      headers: { ...m.auth, 'if-none-match': etag },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const any2 = ((await after.json()) as RewardList).rewards.find((r) => r.id === 'any-2')!;
    expect(any2.available).toBe(false);

    // Seeding again neither adds codes nor frees the issued ones.
    await seedDemo(ctx.db, { demoPartnerSecret: DEMO_SECRET });
    const pools = await sql<{ reward_id: string; n: number; free: number }>`
      SELECT reward_id, count(*)::int AS n, count(*) FILTER (WHERE redemption_id IS NULL)::int AS free
      FROM reward_codes WHERE reward_id IN ('any-2', 'demo-shop-5', 'book-corner-10')
      GROUP BY reward_id ORDER BY reward_id`.execute(ctx.db);
    expect(pools.rows).toEqual([
      { reward_id: 'any-2', n: 3, free: 0 },
      { reward_id: 'book-corner-10', n: 50, free: 50 },
      { reward_id: 'demo-shop-5', n: 50, free: 50 },
    ]);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await ctx.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(JSON.stringify(doc.paths['/v1/rewards'])).toContain('pointsPrice');
  });
});
