import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/db/seed';
import { donationTotals, upsertCause } from '../../server/services/causes';
import { ledgerDiscrepancies, lotDiscrepancies, readBalance } from '../../server/services/ledger';
import type { Ack, ServerEntry } from '../../utils/contract';
import type { CauseList } from '../../utils/contract/donation';
import { buyerProof, claimOp, createTestContext, DEMO_SECRET, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Member = Awaited<ReturnType<TestContext['signIn']>>;

/** Credits `points` (even): a demo-shop claim (2 points per EUR) the partner confirms. One lot. */
async function earn(m: Member, points: number): Promise<string> {
  const orderRef = `DN-${randomUUID().slice(0, 8)}`;
  const op = claimOp({ orderRef, total: { minor: points * 50, currency: 'EUR' } });
  expect((await ctx.sync(m.token, { ops: [op] })).body.acks[0]!.status).toBe('accepted');
  const res = await ctx.webhook('demo-shop', {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef,
    buyer: buyerProof(m.member.email),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { entry: { id: string } }).entry.id;
}

async function memberWith(points: number) {
  const m = await ctx.signIn();
  if (points > 0) await earn(m, points);
  return m;
}

/** A cause of its own for one test. */
async function addCause(minPoints: number, opts: { active?: boolean } = {}) {
  const id = `c-${randomUUID().slice(0, 8)}`;
  await upsertCause(ctx.db, {
    id,
    name: { default: `Cause ${id}`, de: `Zweck ${id}` },
    description: null,
    minPoints,
    active: opts.active ?? true,
  });
  return id;
}

const donate = (causeId: unknown, points: unknown, id: string = randomUUID()) => ({
  id,
  type: 'donate',
  createdAt: new Date().toISOString(),
  causeId,
  points,
});

const redeem = (rewardId: string) => ({
  id: randomUUID(),
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
const available = async (m: Member) => (await readBalance(ctx.db, m.member.id)).available;

describe('donating points', () => {
  it('reduces available, is a spend entry with code and cause, taken from the oldest lot', async () => {
    const m = await memberWith(400);
    const older = (await everything(m.token)).find((e) => e.kind === 'confirm')!;
    await earn(m, 600);
    const cause = await addCause(100);
    const op = donate(cause, 300);
    const res = await ctx.sync(m.token, { cursor: 0, ops: [op] });
    expect(res.status).toBe(200);
    const ack = res.body.acks[0]!;
    expect(ack).toMatchObject({ opId: op.id, status: 'accepted' });
    const entry = res.body.changes.find((e) => e.id === op.id)!;
    expect(ack.status === 'accepted' && ack.seq).toBe(entry.seq);
    expect(entry).toMatchObject({ kind: 'spend', points: -300, code: 'donation', causeId: cause });
    expect(entry.voucher).toBeUndefined();
    expect(res.body.balance).toEqual({ available: 700, pending: 0 });
    // FIFO: all 300 points come from the first purchase's lot; the newer one is untouched.
    const uses = await sql<{ lot_id: string; points: number }>`
      SELECT lot_id, points FROM lot_uses WHERE entry_id = ${op.id}`.execute(ctx.db);
    expect(uses.rows).toEqual([{ lot_id: older.id, points: 300 }]);
    // A second one spans both lots: the rest of the oldest (100), then the next.
    const next = donate(cause, 250);
    expect((await ctx.sync(m.token, { ops: [next] })).body.acks[0]!.status).toBe('accepted');
    const spans = await sql<{ lot_id: string; points: number }>`
      SELECT lot_id, points FROM lot_uses WHERE entry_id = ${next.id} ORDER BY points`.execute(
      ctx.db,
    );
    expect(spans.rows.map((r) => r.points)).toEqual([100, 150]);
    expect(spans.rows.find((r) => r.points === 100)!.lot_id).toBe(older.id);
    expect(await available(m)).toBe(450);
    expect((await donationTotals(ctx.db)).get(cause)).toBe(550);
    await consistent();
  });

  it('donates everything available down to exactly zero', async () => {
    const m = await memberWith(200);
    const cause = await addCause(50);
    const res = await ctx.sync(m.token, { ops: [donate(cause, 200)] });
    expect(res.body.acks.map(rejected)).toEqual([null]);
    expect(res.body.balance.available).toBe(0);
    await consistent();
  });

  it('refuses under the minimum, over the balance, an unknown and an inactive cause, with reasons', async () => {
    const m = await memberWith(300);
    const cause = await addCause(100);
    const inactive = await addCause(10, { active: false });
    const res = await ctx.sync(m.token, {
      ops: [
        donate(cause, 99),
        donate(cause, 301),
        donate('no-such-cause', 100),
        donate(inactive, 100),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.acks.map(rejected)).toEqual([
      'donation-below-minimum',
      'insufficient-points',
      'unknown-cause',
      'unknown-cause',
    ]);
    const reasons = res.body.acks.map((a) => (a.status === 'rejected' ? a.reason : ''));
    expect(reasons[0]).toBe(`At least 100 points for "${cause}", 99 given`);
    expect(reasons[1]).toBe('301 points given, 300 available');
    expect(reasons[2]).toBe('No cause "no-such-cause"');
    expect(res.body.balance.available).toBe(300);
    expect((await everything(m.token)).filter((e) => e.kind === 'spend')).toEqual([]);
    await consistent();
  });

  it('applies a batch in order: the donation that no longer fits is refused, the others apply', async () => {
    const m = await memberWith(500);
    const cause = await addCause(100);
    const ops = [
      donate(cause, 10), // under the minimum: refused alone
      donate(cause, 200),
      redeem('any-2'), // 200
      donate(cause, 200), // only 100 left
      donate(cause, 100),
    ];
    const res = await ctx.sync(m.token, { ops });
    expect(res.body.acks.map(rejected)).toEqual([
      'donation-below-minimum',
      null,
      null,
      'insufficient-points',
      null,
    ]);
    expect(res.body.balance.available).toBe(0);
    await consistent();
  });
});

describe('idempotency', () => {
  it('a donation re-sent, one by one and at once, costs once and answers the same', async () => {
    const m = await memberWith(1000);
    const cause = await addCause(100);
    const op = donate(cause, 100);
    const first = await ctx.sync(m.token, { ops: [op] });
    const ack = first.body.acks[0]!;
    expect(ack.status).toBe('accepted');
    for (let i = 0; i < 5; i++) {
      expect((await ctx.sync(m.token, { ops: [op, op] })).body.acks).toEqual([ack, ack]);
    }
    // A new op sent ten times at once, before any answer.
    const fresh = donate(cause, 100);
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => ctx.sync(m.token, { ops: [fresh] })),
    );
    const acks = racing.map((r) => r.body.acks[0]!);
    expect(new Set(acks.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(acks[0]!.status).toBe('accepted');
    const spends = (await everything(m.token)).filter((e) => e.kind === 'spend');
    expect(spends.map((e) => e.id).sort()).toEqual([op.id, fresh.id].sort());
    expect(await available(m)).toBe(800);
    // A refused one answers its refusal again, and stays refused once the points are there.
    const poor = await memberWith(0);
    const tooMuch = donate(cause, 100);
    const no = (await ctx.sync(poor.token, { ops: [tooMuch] })).body.acks[0]!;
    expect(rejected(no)).toBe('insufficient-points');
    await earn(poor, 200);
    expect((await ctx.sync(poor.token, { ops: [tooMuch] })).body.acks[0]).toEqual(no);
    expect(await available(poor)).toBe(200);
    await consistent();
  });

  it("another member's op id, or an entry id of one's own history, is refused and costs nothing", async () => {
    const a = await memberWith(500);
    const b = await memberWith(500);
    const cause = await addCause(100);
    const op = donate(cause, 100);
    expect((await ctx.sync(a.token, { ops: [op] })).body.acks[0]!.status).toBe('accepted');
    const stolen = await ctx.sync(b.token, { ops: [op] });
    expect(stolen.body.acks[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
    const confirm = (await everything(b.token)).find((e) => e.kind === 'confirm')!;
    const copied = await ctx.sync(b.token, { ops: [donate(cause, 100, confirm.id)] });
    expect(copied.body.acks[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(copied.body.balance.available).toBe(500);
    expect(await available(a)).toBe(400);
    await consistent();
  });
});

describe('hostile input', () => {
  it('bad points or causeId are "invalid" for that op only; the batch applies, never a 5xx', async () => {
    const m = await memberWith(400);
    const cause = await addCause(100);
    const hostile: [unknown, unknown][] = [
      [cause, 0],
      [cause, -1],
      [cause, -100],
      [cause, 1.5],
      [cause, 2 ** 53],
      [cause, 1e308],
      [cause, '100'],
      [cause, null],
      [cause, [100]],
      [cause, { points: 100 }],
      [`${cause}\u0000`, 100],
      ['trees\uD800', 100],
      ['x'.repeat(10_240), 100],
      ['', 100],
      ['TREES', 100],
      [42, 100],
      [null, 100],
    ];
    const ops = [donate(cause, 100), ...hostile.map(([c, p]) => donate(c, p)), donate(cause, 100)];
    const res = await ctx.sync(m.token, { ops });
    expect(res.status).toBe(200);
    const codes = res.body.acks.map(rejected);
    expect(codes[0]).toBeNull();
    expect(codes.at(-1)).toBeNull();
    expect(codes.slice(1, -1)).toEqual(hostile.map(() => 'invalid'));
    // Missing fields, and the same as raw JSON text with U+0000 escaped.
    const { points: _p, ...noPoints } = donate(cause, 100);
    const { causeId: _c, ...noCause } = donate(cause, 100);
    const odd = await ctx.sync(m.token, { ops: [noPoints, noCause] });
    expect(odd.status).toBe(200);
    expect(odd.body.acks.map(rejected)).toEqual(['invalid', 'invalid']);
    const raw = await ctx.post(
      '/v1/sync',
      `{"ops":[{"id":"${randomUUID()}","type":"donate","createdAt":"${new Date().toISOString()}","causeId":"tr\\u0000ees","points":100}]}`,
      m.auth,
    );
    expect(raw.status).toBe(200);
    expect(((await raw.json()) as { acks: Ack[] }).acks.map(rejected)).toEqual(['invalid']);
    expect(await available(m)).toBe(200);
    await consistent();
  });
});

describe('concurrency', () => {
  it('parallel donations racing redemptions: never below zero, each point spent once', async () => {
    const m = await memberWith(1000);
    const cause = await addCause(100);
    const tries = [
      ...Array.from({ length: 8 }, () => ({ op: donate(cause, 300), points: 300 })),
      ...Array.from({ length: 4 }, () => ({ op: redeem('demo-shop-5'), points: 500 })),
    ];
    const results = await Promise.all(
      tries.map(async (t) => {
        const r = await ctx.sync(m.token, { ops: [t.op] });
        expect(r.status).toBe(200);
        return { ...t, ack: r.body.acks[0]! };
      }),
    );
    const spent = results
      .filter((r) => r.ack.status === 'accepted')
      .reduce((sum, r) => sum + r.points, 0);
    expect(spent).toBeGreaterThan(500); // something got through
    expect(spent).toBeLessThanOrEqual(1000);
    for (const r of results.filter((x) => x.ack.status === 'rejected')) {
      expect(rejected(r.ack)).toBe('insufficient-points');
    }
    // Refused ones are refused because they no longer fit: what is left is below each price.
    const left = await available(m);
    expect(left).toBe(1000 - spent);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(left).toBeLessThan(300);
    const spends = (await everything(m.token)).filter((e) => e.kind === 'spend');
    expect(spends.reduce((s, e) => s - e.points, 0)).toBe(spent);
    await consistent();
  });
});

describe('GET /v1/causes', () => {
  it('lists the active causes with an ETag, 304 when unchanged, a withdrawn one gone', async () => {
    const m = await memberWith(0);
    expect((await ctx.app.request('/v1/causes')).status).toBe(401);
    const res = await ctx.app.request('/v1/causes', { headers: m.auth });
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const list = (await res.json()) as CauseList;
    expect(list.causes.filter((c) => !c.id.startsWith('c-')).slice(0, 2)).toEqual([
      {
        id: 'trees',
        name: { default: 'Plant trees', de: 'Bäume pflanzen' },
        description: expect.objectContaining({ de: expect.any(String) }),
        minPoints: 100,
      },
      expect.objectContaining({ id: 'food-bank', minPoints: 250 }),
    ]);
    const again = await ctx.app.request('/v1/causes', {
      headers: { ...m.auth, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);

    const withdrawn = await addCause(10);
    await sql`UPDATE causes SET active = false WHERE id = ${withdrawn}`.execute(ctx.db);
    // A row whose stored name the contract refuses is left out, not a 500.
    await sql`INSERT INTO causes (id, name, min_points) VALUES ('c-broken', '{"x": 1}'::jsonb, 5)`.execute(
      ctx.db,
    );
    const after = await ctx.app.request('/v1/causes', { headers: m.auth });
    expect(after.status).toBe(200);
    const ids = ((await after.json()) as CauseList).causes.map((c) => c.id);
    expect(ids).not.toContain(withdrawn);
    expect(ids).not.toContain('c-broken');
    expect(ids).toContain('trees');

    // Seeding again changes nothing, and the seeded ones take donations.
    await seedDemo(ctx.db, { demoPartnerSecret: DEMO_SECRET });
    const seeded = await sql<{ n: number }>`SELECT count(*)::int AS n FROM causes
      WHERE id IN ('trees', 'food-bank')`.execute(ctx.db);
    expect(seeded.rows[0]!.n).toBe(2);
    await sql`DELETE FROM causes WHERE id = 'c-broken'`.execute(ctx.db);
  });

  it('the database refuses a bad cause id or minimum', async () => {
    await expect(
      sql`INSERT INTO causes (id, name, min_points) VALUES ('Bad Id', '"x"'::jsonb, 5)`.execute(
        ctx.db,
      ),
    ).rejects.toThrow();
    await expect(
      sql`INSERT INTO causes (id, name, min_points) VALUES ('ok-id', '"x"'::jsonb, 0)`.execute(
        ctx.db,
      ),
    ).rejects.toThrow();
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await ctx.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(JSON.stringify(doc.paths['/v1/causes'])).toContain('minPoints');
  });
});
