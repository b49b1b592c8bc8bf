import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type AppDeps, createApp } from '../../server/app';
import { connect, type DbHandle } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import { seedDemo } from '../../server/db/seed';
import { memoryLogger } from '../../server/log';
import { buyerEmailHmac } from '../../server/services/buyer-proof';
import { signHeader } from '../../server/services/signature';
import { DEFAULT_AUTH_LIMITS } from '../../server/services/throttle';
import type { ClaimInput, SyncResponse } from '../../utils/contract';

export const DEMO_SECRET = 'test-demo-secret-0123456789abcdef';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL (dropped again
 * by close()).
 */
export async function createTestDb(
  opts: { migrate?: boolean } = {},
): Promise<DbHandle & { url?: string }> {
  const admin = process.env.TEST_DATABASE_URL;
  let handle: DbHandle;
  let drop: (() => Promise<void>) | null = null;
  let testUrl: string | undefined;
  if (admin) {
    const name = `t_${randomUUID().replaceAll('-', '')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    testUrl = url.toString();
    handle = await connect({ databaseUrl: testUrl });
    drop = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    handle = await connect({ dataDir: 'memory://' });
  }
  if (opts.migrate !== false) await migrate(handle.db);
  return {
    ...handle,
    url: testUrl,
    close: async () => {
      await handle.close();
      await drop?.();
    },
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/** Migrated, seeded database plus the app over it, and helpers that speak HTTP to it in-process. */
export async function createTestContext(settings: AppDeps['settings'] = {}) {
  const handle = await createTestDb();
  await seedDemo(handle.db, { demoPartnerSecret: DEMO_SECRET });
  const log = memoryLogger();
  const created = createApp({
    db: handle.db,
    log,
    // No welcome bonus by default: most tests reason about balances from zero (welcome.test.ts covers it).
    settings: {
      devCodes: true,
      requestsPerMinute: 0,
      // Tests sign in many members from one (in-process) address; auth.test.ts tests the limits.
      authLimits: {
        ...DEFAULT_AUTH_LIMITS,
        codesPerAddressHour: 1_000_000,
        failuresPerAddress: 1_000_000,
      },
      demoPartnerSecret: DEMO_SECRET,
      welcomeBonusPoints: 0,
      ...settings,
    },
  });
  const { app } = created;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function signIn(email = `m-${randomUUID()}@example.test`) {
    const start = await post('/v1/auth/start', { email });
    if (start.status !== 202) throw new Error(`start: ${start.status} ${await start.text()}`);
    const code = created.devCodes!.get(email)!;
    const res = await post('/v1/auth/verify', { email, code });
    if (res.status !== 200) throw new Error(`verify: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as {
      token: string;
      member: { id: string; email: string; memberNumber: string };
    };
    return { ...body, auth: { authorization: `Bearer ${body.token}` } };
  }

  async function sync(
    token: string,
    body: unknown,
  ): Promise<{ status: number; body: SyncResponse }> {
    const res = await post('/v1/sync', body, { authorization: `Bearer ${token}` });
    return { status: res.status, body: (await res.json()) as SyncResponse };
  }

  async function webhook(
    partnerId: string,
    event: unknown,
    secret = DEMO_SECRET,
    now = Date.now(),
  ) {
    const raw = JSON.stringify(event);
    return app.request(`/v1/partners/${partnerId}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'pointpilot-signature': signHeader(secret, raw, now),
      },
      body: raw,
    });
  }

  return {
    ...created,
    db: handle.db,
    kind: handle.kind,
    log,
    close: handle.close,
    post,
    signIn,
    sync,
    webhook,
  };
}

/** The buyer proof a partner sends for an order bought by `email` (contract BuyerProof). */
export const buyerProof = (email: string, secret = DEMO_SECRET) => ({
  emailHmac: buyerEmailHmac(secret, email),
});

export function claimOp(claim: Partial<ClaimInput> = {}, id: string = randomUUID()) {
  return {
    id,
    type: 'claim' as const,
    createdAt: new Date().toISOString(),
    claim: {
      partnerId: 'demo-shop',
      orderRef: `ORD-${randomUUID().slice(0, 8)}`,
      total: { minor: 1234, currency: 'EUR' },
      detectedAt: new Date().toISOString(),
      signals: ['jsonld' as const],
      ...claim,
    },
  };
}

/** Number of ledger entries (a cheap "nothing changed" probe). */
export async function entryCount(ctx: { db: DbHandle['db'] }): Promise<number> {
  const r = await ctx.db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A survey-answer op (issue 12); `answers` as the popup sends them (skipped questions absent). */
export function surveyOp(surveyId: string, answers: unknown, id: string = randomUUID()) {
  return {
    id,
    type: 'survey-answer' as const,
    createdAt: new Date().toISOString(),
    surveyId,
    answers,
  };
}
