import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import { seedDemo } from '../../server/db/seed';
import { inTx } from '../../server/db/tx';
import {
  ledgerDiscrepancies,
  postEntry,
  readBalance,
  spendPoints,
} from '../../server/services/ledger';
import { PartnerCatalogue } from '../../utils/contract';
import { earnPoints } from '../../utils/loyalty/points';
import { claimOp, createTestContext, createTestDb, DEMO_SECRET, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function memberWith(points: number) {
  const m = await ctx.signIn();
  await inTx(ctx.db, (trx) =>
    postEntry(trx, {
      memberId: m.member.id,
      kind: 'bonus',
      points,
      dAvailable: points,
      reason: 'test bonus',
    }),
  );
  return m;
}

describe('balance guard', () => {
  it('concurrent spends never drive available below zero', async () => {
    const { member } = await memberWith(1000);
    const results = await Promise.all(
      Array.from({ length: 25 }, () => spendPoints(ctx.db, member.id, 70, 'voucher')),
    );
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(14); // 14 × 70 = 980 ≤ 1000 < 15 × 70
    const balance = await readBalance(ctx.db, member.id);
    expect(balance.available).toBe(20);
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('the database refuses a negative balance even if code forgets the guard', async () => {
    const { member } = await memberWith(5);
    await expect(
      sql`UPDATE balances SET available = available - 6 WHERE member_id = ${member.id}`.execute(
        ctx.db,
      ),
    ).rejects.toThrow();
  });

  it('stored balances equal the sum of entries after a mixed workload', async () => {
    const m = await memberWith(300);
    const ops = Array.from({ length: 10 }, () => claimOp());
    await ctx.sync(m.token, { cursor: 0, ops });
    await ctx.webhook('demo-shop', {
      event: 'confirm',
      eventId: randomUUID(),
      orderRef: ops[0]!.claim.orderRef,
    });
    await ctx.webhook('demo-shop', {
      event: 'cancel',
      eventId: randomUUID(),
      orderRef: ops[1]!.claim.orderRef,
    });
    await spendPoints(ctx.db, m.member.id, 50, 'donation');
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
    // And the check does catch a drift.
    await sql`UPDATE balances SET pending = pending + 1 WHERE member_id = ${m.member.id}`.execute(
      ctx.db,
    );
    expect((await ledgerDiscrepancies(ctx.db)).map((d) => d.member_id)).toEqual([m.member.id]);
    await sql`UPDATE balances SET pending = pending - 1 WHERE member_id = ${m.member.id}`.execute(
      ctx.db,
    );
  });
});

describe('points', () => {
  it('floor(minor × rate / 10^exponent), exact for fractional rates and other exponents', () => {
    expect(
      earnPoints({ minor: 1999, currency: 'EUR' }, { pointsPerUnit: 2, currency: 'EUR' }),
    ).toBe(39);
    expect(
      earnPoints({ minor: 1999, currency: 'EUR' }, { pointsPerUnit: 0.5, currency: 'EUR' }),
    ).toBe(9);
    expect(
      earnPoints({ minor: 300, currency: 'EUR' }, { pointsPerUnit: 0.1, currency: 'EUR' }),
    ).toBe(0);
    expect(
      earnPoints({ minor: 1000, currency: 'EUR' }, { pointsPerUnit: 0.1, currency: 'EUR' }),
    ).toBe(1);
    expect(
      earnPoints({ minor: 1234, currency: 'JPY' }, { pointsPerUnit: 1, currency: 'JPY' }),
    ).toBe(1234);
    expect(
      earnPoints({ minor: 1234, currency: 'BHD' }, { pointsPerUnit: 1, currency: 'BHD' }),
    ).toBe(1);
    expect(
      earnPoints({ minor: 1234, currency: 'USD' }, { pointsPerUnit: 1, currency: 'EUR' }),
    ).toBeNull();
  });
});

describe('migrations', () => {
  it('records every migration and applies none twice', async () => {
    const rows = await ctx.db
      .selectFrom('schema_migrations')
      .select(['version', 'name'])
      .orderBy('version')
      .execute();
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(ctx.db)).toEqual([]);
  });

  it('a failing migration leaves the database as it was', async () => {
    const fresh = await createTestDb();
    try {
      const broken = {
        version: 999,
        name: 'broken',
        statements: [
          'CREATE TABLE half_done (id int)',
          'ALTER TABLE members ADD COLUMN nickname text',
          'SELECT * FROM no_such_table',
        ],
      };
      await expect(migrate(fresh.db, [...migrations, broken])).rejects.toThrow(
        /migration 999 \(broken\) failed/,
      );
      const tables = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(
        fresh.db,
      );
      expect(tables.rows[0]!.n).toBe(0);
      const cols = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'members' AND column_name = 'nickname'`.execute(
        fresh.db,
      );
      expect(cols.rows[0]!.n).toBe(0);
      const versions = await fresh.db.selectFrom('schema_migrations').select('version').execute();
      expect(versions.map((v) => v.version)).not.toContain(999);
    } finally {
      await fresh.close();
    }
  });

  it('seeding twice changes nothing', async () => {
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT (SELECT count(*) FROM partners) + (SELECT count(*) FROM entries) + (SELECT count(*) FROM members) AS n`.execute(
          ctx.db,
        )
      ).rows[0]!.n;
    const before = Number(await count());
    await seedDemo(ctx.db, { demoPartnerSecret: DEMO_SECRET });
    expect(Number(await count())).toBe(before);
  });
});

describe('GET /v1/partners', () => {
  it('serves the catalogue with an ETag and answers If-None-Match with 304', async () => {
    const res = await ctx.app.request('/v1/partners');
    expect(res.status).toBe(200);
    const catalogue = PartnerCatalogue.parse(await res.json());
    expect(catalogue.partners.find((p) => p.id === 'demo-shop')).toMatchObject({
      domains: ['127.0.0.1'],
      earn: { pointsPerUnit: 2, currency: 'EUR' },
    });
    expect(catalogue.partners.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(catalogue)).not.toContain('secret');
    const etag = res.headers.get('etag')!;
    expect(etag).toBe(`"${catalogue.version}"`);
    const again = await ctx.app.request('/v1/partners', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(
      (await ctx.app.request('/v1/partners', { headers: { 'if-none-match': '"stale"' } })).status,
    ).toBe(200);
    // A partner change changes the version.
    await sql`UPDATE partners SET definition = jsonb_set(definition, '{name}', '"Book Corner 2"') WHERE id = 'book-corner'`.execute(
      ctx.db,
    );
    const changed = await ctx.app.request('/v1/partners', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    await sql`UPDATE partners SET definition = jsonb_set(definition, '{name}', '"Book Corner"') WHERE id = 'book-corner'`.execute(
      ctx.db,
    );
  });
});

describe('HTTP plumbing', () => {
  it('allows extension origins only (CORS preflight and response headers)', async () => {
    const pre = await ctx.app.request('/v1/sync', {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    const get = await ctx.app.request('/v1/partners', {
      headers: { origin: 'moz-extension://1234' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBe('moz-extension://1234');
    expect(get.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('etag');
    // Any web page: no grant, so its scripts cannot read answers from the API.
    for (const origin of ['https://evil.example', 'null', 'chrome-extension://x.evil.example']) {
      const web = await ctx.app.request('/v1/sync', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(web.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('marks every answer no-store and nosniff, errors included', async () => {
    const { auth } = await ctx.signIn();
    for (const res of [
      await ctx.app.request('/v1/me', { headers: auth }),
      await ctx.app.request('/v1/partners'),
      await ctx.app.request('/v1/me'),
      await ctx.app.request('/v1/nothing'),
      await ctx.post('/v1/auth/start', { email: 'not an email' }),
    ]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('refuses bodies over 256 KB with 413 problem', async () => {
    const { auth } = await ctx.signIn();
    const res = await ctx.post('/v1/sync', { cursor: 0, pad: 'x'.repeat(300 * 1024) }, auth);
    expect(res.status).toBe(413);
    // The rest of the body was not read: the connection cannot be reused.
    expect(res.headers.get('connection')).toBe('close');
    expect(((await res.json()) as { type: string }).type).toBe(
      'https://pointpilot.dev/problems/payload-too-large',
    );
  });

  it('refuses a declared Content-Length over the limit before reading, and counts bodies that declare none', async () => {
    const { auth } = await ctx.signIn();
    const big = JSON.stringify({ cursor: 0, ops: [], pad: 'x'.repeat(300 * 1024) });
    const send = (headers: Record<string, string>, body = big) =>
      ctx.app.request('/v1/sync', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', ...headers },
        body,
      });
    for (const res of [
      await send({ 'content-length': String(big.length) }),
      // Both headers: the length is not trusted, the body is counted.
      await send({ 'content-length': '10', 'transfer-encoding': 'chunked' }),
      await send({}),
    ]) {
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const small = JSON.stringify({ cursor: 0, ops: [] });
    const ok = await send({ 'content-length': String(small.length) }, small);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('vary')).toBe('Origin');
  });

  it('limits requests per member (not per token) with 429 and Retry-After; sign-out is exempt', async () => {
    const limited = await createTestContext({ requestsPerMinute: 3 });
    try {
      const email = `limited-${randomUUID()}@example.test`;
      const { auth } = await limited.signIn(email);
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await limited.app.request('/v1/me', { headers: auth })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await limited.app.request('/v1/me', { headers: auth });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      // A second token of the same member buys no more requests.
      const second = await limited.signIn(email);
      expect((await limited.app.request('/v1/me', { headers: second.auth })).status).toBe(429);
      // Another member is not affected.
      const other = await limited.signIn();
      expect((await limited.app.request('/v1/me', { headers: other.auth })).status).toBe(200);
      // A throttled member can still sign out.
      const out = await limited.app.request('/v1/auth/signout', { method: 'POST', headers: auth });
      expect(out.status).toBe(204);
    } finally {
      await limited.close();
    }
  });

  it('serves health, an OpenAPI document built from the contract, and problem+json 404s', async () => {
    expect(await (await ctx.app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const doc = (await (await ctx.app.request('/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/v1/auth/signout',
        '/v1/auth/start',
        '/v1/auth/verify',
        '/v1/causes',
        '/v1/coupons',
        '/v1/me',
        '/v1/me/program',
        '/v1/operator/expiry/run',
        '/v1/operator/members/{memberNumber}/plan',
        '/v1/operator/partners',
        '/v1/operator/partners/{id}',
        '/v1/operator/surveys',
        '/v1/operator/surveys/{id}',
        '/v1/operator/surveys/{id}/answers.csv',
        '/v1/operator/surveys/{id}/results',
        '/v1/partners',
        '/v1/partners/{id}/orders',
        '/v1/partners/{id}/reported-claims',
        '/v1/rewards',
        '/v1/surveys',
        '/v1/sync',
      ].sort(),
    );
    expect(JSON.stringify(doc.paths['/v1/sync'])).toContain('duplicate-order');
    expect(JSON.stringify(doc.paths['/v1/sync'])).toContain('survey-already-answered');
    const missing = await ctx.app.request('/v1/nothing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    // Dev endpoints exist only when enabled.
    expect((await ctx.app.request('/v1/dev/faults')).status).toBe(404);
  });

  it('logs one JSON line per request with id, method, route, status and duration', async () => {
    ctx.log.lines.length = 0;
    await ctx.app.request('/v1/partners', { headers: { 'x-request-id': 'req-123' } });
    expect(ctx.log.lines).toEqual([
      expect.objectContaining({
        msg: 'request',
        requestId: 'req-123',
        method: 'GET',
        route: '/v1/partners',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
  });
});
