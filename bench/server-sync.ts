/**
 * Server sync throughput, on embedded PGlite and on a throwaway PostgreSQL.
 *
 * Ingestion: 8 concurrent clients (members) each POST 20 /v1/sync batches of
 * 100 new claims through the app in-process (routing, auth, zod, ledger, no
 * socket). Baseline: the same rows as one raw multi-row INSERT per batch into
 * a copy of the entries table (same columns and indexes), same concurrency:
 * the floor any ledger write path pays. Second baseline, the floor of the
 * rules: the three rows a new claim needs (its op id for idempotency, its
 * order's claim count for the one-claim-per-order rule, its entry) as raw
 * multi-row INSERTs in one transaction per batch.
 * Empty polls: one client, sequential, POST /v1/sync with nothing new, beside
 * a bare `SELECT 1` round trip through the same driver.
 *
 *   npx tsx bench/server-sync.ts     # prints and writes bench/results/server.md
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createApp } from '../server/app';
import { connect, type DbHandle } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { seedDemo } from '../server/db/seed';
import { findPostgresBin, startThrowawayPostgres } from '../server/dev/throwaway-postgres.mjs';
import { memoryLogger } from '../server/log';
import type { Row, Table } from './run';

const CLIENTS = 8;
const BATCHES = 20;
const OPS_PER_BATCH = 100;
const POLL_SECONDS = 3;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => n.toFixed(2);

function claimOps(client: number, batch: number) {
  const now = new Date().toISOString();
  return Array.from({ length: OPS_PER_BATCH }, (_, i) => ({
    id: randomUUID(),
    type: 'claim',
    createdAt: now,
    claim: {
      partnerId: 'demo-shop',
      orderRef: `B-${client}-${batch}-${i}-${randomUUID().slice(0, 8)}`,
      total: { minor: 1000 + i, currency: 'EUR' },
      detectedAt: now,
      signals: ['jsonld'],
    },
  }));
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Runs CLIENTS workers of BATCHES sequential calls each; returns total ms and per-call ms. */
async function concurrent(call: (client: number, batch: number) => Promise<void>) {
  const lat: number[] = [];
  const total = await timed(async () => {
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let b = 0; b < BATCHES; b++) lat.push(await timed(() => call(c, b)));
      }),
    );
  });
  return { total, lat };
}

/** Sequential calls for ~POLL_SECONDS; returns calls per second and per-call ms. */
async function sequential(call: () => Promise<void>) {
  for (let i = 0; i < 50; i++) await call(); // warm-up
  const lat: number[] = [];
  const end = performance.now() + POLL_SECONDS * 1000;
  while (performance.now() < end) lat.push(await timed(call));
  return { perSecond: lat.length / (lat.reduce((a, b) => a + b, 0) / 1000), lat };
}

async function measure(store: string, handle: DbHandle): Promise<{ rows: Row[]; plan: string }> {
  const { db } = handle;
  await migrate(db);
  await seedDemo(db, { demoPartnerSecret: 'bench-secret-0123456789abcdef' });
  // Lift the fraud limits: the bench measures the write path, not refusals.
  await sql`UPDATE partners SET member_claims_per_hour = 1000000`.execute(db);
  const { app, devCodes } = createApp({
    db,
    log: memoryLogger(),
    settings: { devCodes: true, requestsPerMinute: 0, claimsPerMemberHour: 1_000_000 },
  });
  const post = (path: string, body: unknown, token?: string) =>
    app.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const tokens: string[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const email = `bench-${c}-${randomUUID()}@example.test`;
    await post('/v1/auth/start', { email });
    const res = await post('/v1/auth/verify', { email, code: devCodes!.get(email) });
    tokens.push(((await res.json()) as { token: string }).token);
  }

  // Pre-build request bodies so JSON building is not measured.
  const bodies = Array.from({ length: CLIENTS }, (_, c) =>
    Array.from({ length: BATCHES }, (_, b) => ({ cursor: 0, ops: claimOps(c, b) })),
  );
  const cursors = new Array<number>(CLIENTS).fill(0);
  let accepted = 0;
  const ingest = await concurrent(async (c, b) => {
    const res = await post('/v1/sync', { ...bodies[c]![b]!, cursor: cursors[c] }, tokens[c]);
    const body = (await res.json()) as { acks: { status: string }[]; cursor: number };
    if (res.status !== 200) throw new Error(`sync ${res.status}: ${JSON.stringify(body)}`);
    accepted += body.acks.filter((a) => a.status === 'accepted').length;
    cursors[c] = body.cursor;
  });
  if (accepted !== CLIENTS * BATCHES * OPS_PER_BATCH)
    throw new Error(`only ${accepted} ops accepted`);

  await sql`CREATE TABLE bench_raw (LIKE entries INCLUDING DEFAULTS INCLUDING INDEXES)`.execute(db);
  const members = await db.selectFrom('members').select('id').limit(CLIENTS).execute();
  const raw = await concurrent(async (c, b) => {
    const ops = bodies[c]![b]!.ops;
    const memberId = members[c % members.length]!.id;
    await sql`INSERT INTO bench_raw (id, member_id, kind, partner_id, order_ref, amount_minor, currency, points, d_pending, meta)
      VALUES ${sql.join(
        ops.map(
          (o) =>
            sql`(${randomUUID()}, ${memberId}, 'claim', 'demo-shop', ${`raw-${o.claim.orderRef}`}, ${o.claim.total.minor}, 'EUR', 20, 20, ${JSON.stringify({ signals: o.claim.signals })}::jsonb)`,
        ),
      )}`.execute(db);
  });

  // The floor of the rules: each new claim is three rows (its op id, its
  // order's claim count, its entry), in one transaction per batch.
  await sql`CREATE TABLE bench_raw3_entries (LIKE entries INCLUDING DEFAULTS INCLUDING INDEXES)`.execute(
    db,
  );
  await sql`CREATE TABLE bench_raw3_ops (LIKE ops INCLUDING DEFAULTS INCLUDING INDEXES)`.execute(
    db,
  );
  await sql`CREATE TABLE bench_raw3_orders (LIKE orders INCLUDING DEFAULTS INCLUDING INDEXES)`.execute(
    db,
  );
  const raw3 = await concurrent(async (c, b) => {
    const ops = bodies[c]![b]!.ops;
    const memberId = members[c % members.length]!.id;
    const rows = ops.map((o) => ({ id: randomUUID(), ref: `raw3-${o.claim.orderRef}`, o }));
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO bench_raw3_ops (id, member_id, status)
        VALUES ${sql.join(rows.map((r) => sql`(${r.id}, ${memberId}, 'accepted')`))}`.execute(trx);
      await sql`INSERT INTO bench_raw3_orders (partner_id, order_ref, claims)
        VALUES ${sql.join(rows.map((r) => sql`('demo-shop', ${r.ref}, 1)`))}`.execute(trx);
      await sql`INSERT INTO bench_raw3_entries (id, member_id, kind, partner_id, order_ref, amount_minor, currency, points, d_pending, meta)
        VALUES ${sql.join(
          rows.map(
            (r) =>
              sql`(${r.id}, ${memberId}, 'claim', 'demo-shop', ${r.ref}, ${r.o.claim.total.minor}, 'EUR', 20, 20, ${JSON.stringify({ signals: r.o.claim.signals })}::jsonb)`,
          ),
        )}`.execute(trx);
    });
  });

  const pollToken = tokens[0]!;
  const pollCursor = cursors[0]!;
  const polls = await sequential(async () => {
    const res = await post('/v1/sync', { cursor: pollCursor, ops: [] }, pollToken);
    if (res.status !== 200) throw new Error(`poll ${res.status}`);
    await res.arrayBuffer();
  });
  const select1 = await sequential(async () => {
    await sql`SELECT 1`.execute(db);
  });

  const me = await db.selectFrom('members').select('id').limit(1).executeTakeFirstOrThrow();
  const { rows: planRows } = await sql<Record<string, string>>`EXPLAIN
    SELECT available, pending, lifetime, qualifying, last_seq FROM balances WHERE member_id = ${me.id}`.execute(
    db,
  );
  const plan = planRows.map((r) => Object.values(r)[0]).join(' / ');

  const ops = CLIENTS * BATCHES * OPS_PER_BATCH;
  return {
    plan,
    rows: [
      {
        store,
        measure: `sync ingestion (${CLIENTS} clients × ${BATCHES} batches × ${OPS_PER_BATCH} claims)`,
        'per second': `${fmt(ops / (ingest.total / 1000))} ops`,
        'p50 ms': ms(quantile(ingest.lat, 0.5)),
        'p95 ms': ms(quantile(ingest.lat, 0.95)),
      },
      {
        store,
        measure: 'baseline: raw multi-row INSERT, same rows and concurrency',
        'per second': `${fmt(ops / (raw.total / 1000))} rows`,
        'p50 ms': ms(quantile(raw.lat, 0.5)),
        'p95 ms': ms(quantile(raw.lat, 0.95)),
      },
      {
        store,
        measure:
          'floor of the rules: raw INSERTs of op id + order + entry rows, one transaction per batch',
        'per second': `${fmt(ops / (raw3.total / 1000))} ops`,
        'p50 ms': ms(quantile(raw3.lat, 0.5)),
        'p95 ms': ms(quantile(raw3.lat, 0.95)),
      },
      {
        store,
        measure: `ratios: ingestion ÷ raw INSERT ${(raw.total / ingest.total).toFixed(2)}× ${raw.total / ingest.total >= 0.5 ? '✓' : '✗'} (goal ≥ 0.5×); ingestion ÷ floor of the rules ${(raw3.total / ingest.total).toFixed(2)}×`,
        'per second': '',
        'p50 ms': '',
        'p95 ms': '',
      },
      {
        store,
        measure: 'empty poll (sequential)',
        'per second': `${fmt(polls.perSecond)} polls`,
        'p50 ms': ms(quantile(polls.lat, 0.5)),
        'p95 ms': ms(quantile(polls.lat, 0.95)),
      },
      {
        store,
        measure: 'baseline: SELECT 1 round trip (sequential)',
        'per second': `${fmt(select1.perSecond)} queries`,
        'p50 ms': ms(quantile(select1.lat, 0.5)),
        'p95 ms': ms(quantile(select1.lat, 0.95)),
      },
    ],
  };
}

export async function benchServerSync(): Promise<Table[]> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const pglite = await connect({ dataDir: 'memory://' });
  try {
    const r = await measure('PGlite (in memory)', pglite);
    rows.push(...r.rows);
    notes.push(`Empty-poll plan: \`${r.plan}\` (no ledger access).`);
  } finally {
    await pglite.close();
  }
  const bin = findPostgresBin();
  if (bin) {
    const server = await startThrowawayPostgres({ bin });
    try {
      const handle = await connect({ databaseUrl: server.url });
      try {
        rows.push(...(await measure('PostgreSQL 15 (local, fsync off)', handle)).rows);
      } finally {
        await handle.close();
      }
    } finally {
      server.stop();
    }
  } else {
    notes.push('PostgreSQL run skipped: /usr/lib/postgresql/*/bin/initdb not installed.');
  }
  const table: Table = { title: 'Server sync', rows };
  const md = [
    '# Server sync benchmark',
    '',
    `Generated by \`npx tsx bench/server-sync.ts\` on ${new Date().toISOString().slice(0, 10)}. ` +
      'Requests go through the Hono app in-process (routing, bearer auth, zod parsing, ledger writes), without sockets.',
    '',
    markdownTable(rows),
    '',
    ...notes,
    '',
  ].join('\n');
  writeFileSync(fileURLToPath(new URL('./results/server.md', import.meta.url)), md);
  return [table, { rows: notes.map((n) => ({ note: n })) }];
}

function markdownTable(rows: Row[]): string {
  const cols = Object.keys(rows[0] ?? {});
  return [
    `| ${cols.join(' | ')} |`,
    `| ${cols.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => String(r[c] ?? '')).join(' | ')} |`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchServerSync().then(
    () => {
      console.log(readFileSync(new URL('./results/server.md', import.meta.url), 'utf8'));
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
