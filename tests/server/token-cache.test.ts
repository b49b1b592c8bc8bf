import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { connect, type DbHandle } from '../../server/db/connect';
import type { Db } from '../../server/db/schema';
import { memoryLogger } from '../../server/log';
import { type LiveToken, TokenCache, tokenCacheFor } from '../../server/services/token-cache';
import { createTestContext, type TestContext } from './helpers';

/** Counts the statements an instance sends, to see what the cache saves. */
class CountQueries implements KyselyPlugin {
  n = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.n++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const TTL_MS = 1_000;
let ctx: TestContext;
let other: { db: Db; close: () => Promise<void> };
let otherApp: ReturnType<typeof createApp>['app'];
const counter = new CountQueries();
let clock = 1_000_000;

beforeAll(async () => {
  ctx = await createTestContext();
  // A second instance on the same database: its own pool on PostgreSQL, on
  // PGlite (one process per data folder) its own Kysely over the same client.
  let second: DbHandle | null = null;
  if (ctx.kind === 'postgres') {
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(ctx.db);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    second = await connect({ databaseUrl: url.toString() });
  }
  const db = (second?.db ?? ctx.db).withPlugin(counter);
  other = { db, close: async () => second?.close() };
  otherApp = createApp({ db, log: memoryLogger(), settings: { requestsPerMinute: 0 } }).app;
  // After createApp, which sets this instance's cache from its settings: the same TTL on a fake clock.
  tokenCacheFor(db, { ttlMs: TTL_MS, now: () => clock });
});
afterAll(async () => {
  await other?.close();
  await ctx?.close();
});

const me = async (app: typeof otherApp, auth: Record<string, string>) =>
  (await app.request('/v1/me', { headers: auth })).status;
const signOut = (auth: Record<string, string>, body?: unknown) =>
  ctx.app.request('/v1/auth/signout', {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('verified-token cache', () => {
  it('refuses a signed-out token on the very next request of the same instance', async () => {
    const { auth } = await ctx.signIn();
    expect(await me(ctx.app, auth)).toBe(200);
    expect(await me(ctx.app, auth)).toBe(200); // now served from the cache
    expect((await signOut(auth)).status).toBe(204);
    expect(await me(ctx.app, auth)).toBe(401);
  });

  it('refuses every token after "sign out everywhere" on the same instance', async () => {
    const email = `all-${crypto.randomUUID()}@example.test`;
    const a = await ctx.signIn(email);
    const b = await ctx.signIn(email);
    expect(await me(ctx.app, a.auth)).toBe(200);
    expect(await me(ctx.app, b.auth)).toBe(200);
    expect((await signOut(a.auth, { everywhere: true })).status).toBe(204);
    expect(await me(ctx.app, a.auth)).toBe(401);
    expect(await me(ctx.app, b.auth)).toBe(401);
  });

  it('saves the token query on a cached empty poll', async () => {
    const { token } = await ctx.signIn();
    const poll = () =>
      otherApp.request('/v1/sync', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cursor: 0, ops: [] }),
      });
    expect((await poll()).status).toBe(200);
    const before = counter.n;
    expect((await poll()).status).toBe(200);
    expect(counter.n - before).toBe(1); // the balance read only
  });

  it('refuses a token signed out through another instance at the latest after the TTL', async () => {
    const { auth } = await ctx.signIn();
    expect(await me(otherApp, auth)).toBe(200);
    expect((await signOut(auth)).status).toBe(204);
    expect(await me(ctx.app, auth)).toBe(401);
    // The other instance may still trust it within its TTL (the documented bound) …
    clock += TTL_MS - 1;
    expect(await me(otherApp, auth)).toBe(200);
    // … and not a moment longer.
    clock += 1;
    expect(await me(otherApp, auth)).toBe(401);
  });

  it('refuses an expired token, cached or not', async () => {
    const { auth, member } = await ctx.signIn();
    expect(await me(otherApp, auth)).toBe(200);
    await sql`UPDATE tokens SET expires_at = now() - interval '1 second' WHERE member_id = ${member.id}`.execute(
      ctx.db,
    );
    expect(await me(ctx.app, auth)).toBe(401);
    clock += TTL_MS;
    expect(await me(otherApp, auth)).toBe(401);
  });

  it('answers bad Authorization headers with a clear 401 and caches nothing for them', async () => {
    const cache = tokenCacheFor(other.db);
    const sizeBefore = cache.size;
    const bad = [
      `Bearer ${'a'.repeat(40)}\u0000`,
      `Bearer ${'a'.repeat(40)}\ud800`,
      `Bearer \udc00${'b'.repeat(40)}`,
      `Bearer ${'c'.repeat(129)}`,
      `Bearer ${'d'.repeat(100_000)}`,
      `Bearer ${'e'.repeat(43)}`, // well-formed, unknown
    ];
    for (const value of bad) {
      // Headers refuses such values, so the request gets a raw header map, as a
      // lenient proxy or runtime could hand it over.
      const req = new Request('http://localhost/v1/me');
      Object.defineProperty(req, 'headers', {
        value: new Map([['authorization', value]]),
      });
      const res = await otherApp.fetch(req);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="pointpilot"');
      const body = (await res.json()) as { type: string; detail: string };
      expect(body.type).toBe('https://pointpilot.dev/problems/unauthorized');
      expect(body.detail).toMatch(/Bearer <token>|unknown, expired or revoked/);
    }
    expect(cache.size).toBe(sizeBefore);
  });
});

describe('TokenCache', () => {
  const member = { id: 'm1', email: 'm1@example.test', member_number: '1' };
  const fakeDb = {} as Db;

  it('never keeps an entry past its token’s expiry', async () => {
    let now = 0;
    let lookups = 0;
    const cache = new TokenCache({ ttlMs: 5_000, now: () => now });
    const lookup = async (): Promise<LiveToken | null> => {
      lookups++;
      return lookups === 1 ? { member, expiresAt: new Date(500) } : null;
    };
    expect(await cache.member(fakeDb, 'h', lookup)).toEqual(member);
    now = 499;
    expect(await cache.member(fakeDb, 'h', lookup)).toEqual(member);
    expect(lookups).toBe(1);
    now = 500;
    expect(await cache.member(fakeDb, 'h', lookup)).toBeNull();
  });

  it('does not store a lookup that raced a revocation', async () => {
    const cache = new TokenCache({ ttlMs: 5_000, now: () => 0 });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = async (): Promise<LiveToken> => {
      await gate;
      return { member, expiresAt: new Date(1e12) };
    };
    const pending = cache.member(fakeDb, 'h', slow);
    cache.forgetToken('h'); // the sign-out committed while the read was in flight
    release();
    await pending;
    expect(cache.size).toBe(0);
  });

  it('caches nothing with TTL 0', async () => {
    const cache = new TokenCache({ ttlMs: 0 });
    await cache.member(fakeDb, 'h', async () => ({
      member,
      expiresAt: new Date(Date.now() + 1e6),
    }));
    expect(cache.size).toBe(0);
  });
});
