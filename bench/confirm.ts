/**
 * Partner confirmations per second with the program's earn rules (the
 * member's tier multiplier and an activated 10× coupon evaluated, the tier
 * re-checked after each confirmation) beside the same confirmations of
 * members with the plain base rate (entry tier, no coupon), in one run on
 * embedded PGlite in memory. Webhooks go through the Hono app in-process
 * (signature check, zod, ledger), CONCURRENCY at a time.
 *
 *   npx tsx bench/confirm.ts
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createApp } from '../server/app';
import { connect } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { seedDemo } from '../server/db/seed';
import { memoryLogger } from '../server/log';
import { buyerEmailHmac } from '../server/services/buyer-proof';
import { signHeader } from '../server/services/signature';
import { DEFAULT_AUTH_LIMITS } from '../server/services/throttle';
import { claimOp } from '../tests/server/helpers';
import type { Row } from './run';

const SECRET = 'bench-demo-secret-0123456789abcdef';
const MEMBERS = 300;
const CONCURRENCY = 4;

type AppT = ReturnType<typeof createApp>;

async function setUp() {
  const handle = await connect({ dataDir: 'memory://' });
  await migrate(handle.db);
  await seedDemo(handle.db, { demoPartnerSecret: SECRET, demoPartnerClaimsPerHour: 1_000_000 });
  const created = createApp({
    db: handle.db,
    log: memoryLogger(),
    settings: {
      devCodes: true,
      requestsPerMinute: 0,
      claimsPerMemberHour: 1_000_000,
      welcomeBonusPoints: 0,
      demoPartnerSecret: SECRET,
      authLimits: { ...DEFAULT_AUTH_LIMITS, codesPerAddressHour: 1e9, failuresPerAddress: 1e9 },
    },
  });
  return { handle, created };
}

const post = (
  app: AppT['app'],
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Signs a member in. */
async function member(created: AppT, n: number, program: boolean) {
  const email = `${program ? 'p' : 'b'}-${n}@bench.test`;
  await post(created.app, '/v1/auth/start', { email });
  const res = await post(created.app, '/v1/auth/verify', {
    email,
    code: created.devCodes!.get(email),
  });
  const { token } = (await res.json()) as { token: string };
  return { email, token, program, n };
}

/** Sends one claim (after activating the 10× coupon in the same batch for the program group). */
async function claim(created: AppT, m: Awaited<ReturnType<typeof member>>) {
  const now = new Date().toISOString();
  const orderRef = `CF-${m.program ? 'P' : 'B'}-${m.n}-${randomUUID().slice(0, 6)}`;
  const ops: unknown[] = [];
  if (m.program)
    ops.push({
      id: randomUUID(),
      type: 'activate-coupon',
      createdAt: now,
      couponId: 'demo-shop-10x',
    });
  ops.push(claimOp({ orderRef, total: { minor: 4990 + m.n, currency: 'EUR' } }));
  const synced = await post(
    created.app,
    '/v1/sync',
    { cursor: 0, ops },
    { authorization: `Bearer ${m.token}` },
  );
  const body = (await synced.json()) as { acks: { status: string }[] };
  if (body.acks.some((a) => a.status !== 'accepted'))
    throw new Error(`set-up refused: ${JSON.stringify(body)}`);
  return { email: m.email, orderRef };
}

async function confirmAll(created: AppT, orders: { email: string; orderRef: string }[]) {
  const queue = [...orders];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let o = queue.shift(); o; o = queue.shift()) {
        const raw = JSON.stringify({
          eventId: randomUUID(),
          event: 'confirm',
          orderRef: o.orderRef,
          buyer: { emailHmac: buyerEmailHmac(SECRET, o.email) },
        });
        const res = await created.app.request('/v1/partners/demo-shop/orders', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'pointpilot-signature': signHeader(SECRET, raw, Date.now()),
          },
          body: raw,
        });
        if (res.status !== 200) throw new Error(`confirm ${res.status}: ${await res.text()}`);
      }
    }),
  );
  return performance.now() - t0;
}

export async function benchConfirm(): Promise<Row[]> {
  const { handle, created } = await setUp();
  try {
    const members = [];
    for (let i = 0; i < MEMBERS; i++)
      members.push(await member(created, i, false), await member(created, i, true));
    // The program group holds Silver (1.25×) when it claims, as well as the coupon.
    await sql`INSERT INTO member_tiers (member_id, tier_id)
      SELECT id, 'silver' FROM members WHERE email LIKE 'p-%@bench.test'
      ON CONFLICT (member_id) DO UPDATE SET tier_id = 'silver'`.execute(handle.db);
    const plain: { email: string; orderRef: string }[] = [];
    const program: { email: string; orderRef: string }[] = [];
    for (const m of members) (m.program ? program : plain).push(await claim(created, m));
    // Alternate the order of the two groups so warm-up favours neither.
    const half = MEMBERS / 2;
    const basePart1 = await confirmAll(created, plain.slice(0, half));
    const progPart1 = await confirmAll(created, program.slice(0, half));
    const progPart2 = await confirmAll(created, program.slice(half));
    const basePart2 = await confirmAll(created, plain.slice(half));
    const baseMs = basePart1 + basePart2;
    const progMs = progPart1 + progPart2;
    const points = await sql<{ g: string; pts: number | string }>`
      SELECT left(m.email, 1) AS g, sum(e.points) AS pts FROM entries e JOIN members m ON m.id = e.member_id
      WHERE e.kind = 'confirm' GROUP BY 1`.execute(handle.db);
    const pts = Object.fromEntries(points.rows.map((r) => [r.g, Number(r.pts)]));
    const perSec = (ms: number) => Math.round((MEMBERS / ms) * 1000);
    return [
      {
        confirmations: 'base rate (entry tier, no coupon)',
        'per second': perSec(baseMs),
        'ms each': (baseMs / MEMBERS).toFixed(2),
        'points credited': pts.b,
        ratio: '1.00×',
      },
      {
        confirmations: 'Silver 1.25× + activated 10× coupon',
        'per second': perSec(progMs),
        'ms each': (progMs / MEMBERS).toFixed(2),
        'points credited': pts.p,
        ratio: `${(baseMs / progMs).toFixed(2)}×`,
      },
    ];
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchConfirm().then(
    (rows) => console.table(rows),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
