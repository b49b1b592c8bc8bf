/**
 * HTTP load on loopback with autocannon: the real server (`server/main.ts`,
 * its own process, single-threaded Node) on embedded PGlite and on a
 * throwaway PostgreSQL, 32 connections, requests spread over many members.
 *
 * Scenarios: empty polls (POST /v1/sync, nothing new), claims (one new claim
 * op per request), signed partner confirmations of those claims. Baseline: a
 * bare Hono route on @hono/node-server in its own process returning the same
 * poll answer JSON (no database, no auth), same concurrency, same run.
 *
 * Server CPU per request = utime+stime of the server process (/proc/<pid>/stat)
 * over the run ÷ requests; "per server core" = 1000 / that. On PostgreSQL the
 * database's own processes are counted apart (db CPU). Raw figures go to
 * bench/results/load.json (read by the capacity model).
 *
 *   npx tsx bench/run.ts load          LOAD_SECONDS=8 to measure longer
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { findPostgresBin, startThrowawayPostgres } from '../server/dev/throwaway-postgres.mjs';
import { BARE, cpuMs, PER_REQUEST, type Proc, pgCpuMs, startNode } from './load-procs';
import {
  type Claimed,
  CONNECTIONS,
  claims,
  confirmations,
  MEMBERS,
  polls,
  type Requests,
  SECONDS,
  SECRET,
  signInMembers,
} from './load-scenarios';
import type { Row, Table } from './run';

const WARMUP_SECONDS = 1;

export interface LoadFigure {
  store: string;
  scenario: string;
  connections: number;
  requestsPerSec: number;
  cpuMsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

interface Measured {
  figure: LoadFigure;
  dbCpuMsPerRequest?: number;
  failures: number;
}

/** A short warm-up, then the measured run with the server's CPU read around it. */
async function measure(
  store: string,
  scenario: string,
  proc: Proc,
  build: () => {
    requests: Requests;
    failures: () => number;
    /** Count-bounded runs (each request uses up a claim): requests for the warm-up, and at `rate`. */
    warmAmount?: () => number;
    amount?: (rate: number) => number;
  },
  dbPid?: number,
): Promise<Measured> {
  const base = { url: proc.url, connections: CONNECTIONS, pipelining: 1 };
  const warm = build();
  const w = await autocannon({
    ...base,
    requests: warm.requests,
    ...(warm.warmAmount ? { amount: warm.warmAmount() } : { duration: WARMUP_SECONDS }),
  });
  const run = build();
  const amount = run.amount?.(w.requests.total / w.duration);
  const cpu0 = cpuMs(proc.pid);
  const db0 = dbPid ? pgCpuMs(dbPid) : 0;
  const r = await autocannon({
    ...base,
    requests: run.requests,
    ...(amount ? { amount } : { duration: SECONDS }),
  });
  const cpu = cpuMs(proc.pid) - cpu0;
  const n = Math.max(1, r.requests.total);
  return {
    figure: {
      store,
      scenario,
      connections: CONNECTIONS,
      requestsPerSec: Math.round(r.requests.total / r.duration),
      cpuMsPerRequest: Number((cpu / n).toFixed(4)),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      non2xx: r.non2xx + r.errors + r.timeouts,
    },
    ...(dbPid ? { dbCpuMsPerRequest: Number(((pgCpuMs(dbPid) - db0) / n).toFixed(4)) } : {}),
    failures: warm.failures() + run.failures(),
  };
}

async function runStore(
  store: string,
  bare: Proc,
  stack: Proc,
  env: Record<string, string>,
  dbPid?: number,
) {
  const server = await startNode(
    ['--import', 'tsx', 'server/main.ts', '--seed-demo', '--dev-codes'],
    {
      DEMO_PARTNER_SECRET: SECRET,
      // The per-member request limit stays on (counting costs), far above this load.
      RATE_LIMIT_PER_MINUTE: '100000000',
      CLAIMS_PER_MEMBER_HOUR: '100000000',
      DEMO_PARTNER_CLAIMS_PER_HOUR: '100000000',
      SIGNIN_CODES_PER_ADDRESS_HOUR: '100000000',
      ...env,
    },
  );
  try {
    const members = await signInMembers(server.url, store);
    const claimed: Claimed[] = [];
    return [
      await measure(store, 'bare Hono route (baseline)', bare, () => polls(members)),
      await measure(store, 'bare route + app middleware', stack, () => polls(members)),
      await measure(store, 'empty poll', server, () => polls(members), dbPid),
      await measure(store, 'claim (1 op)', server, () => claims(members, claimed), dbPid),
      await measure(store, 'webhook confirm', server, () => confirmations(claimed), dbPid),
    ];
  } finally {
    await server.stop();
  }
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export async function benchLoad(): Promise<Table[]> {
  const results: Measured[] = [];
  const notes: string[] = [];
  // The poll answer of a member with nothing new: the baseline returns the same bytes.
  const answer = {
    acks: [],
    changes: [],
    cursor: 1,
    hasMore: false,
    balance: { available: 0, pending: 500, lifetime: 0, qualifying: 0 },
  };
  const bare = await startNode(['--input-type=module', '-e', BARE], {
    ANSWER: JSON.stringify(answer),
  });
  const stack = await startNode(['--import', 'tsx', '--input-type=module', '-e', BARE], {
    ANSWER: JSON.stringify(answer),
    STACK: PER_REQUEST,
  });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'pp-load-'));
    try {
      results.push(...(await runStore('PGlite (on disk)', bare, stack, { DATA_DIR: dir })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const bin = findPostgresBin();
    if (bin) {
      const pg = await startThrowawayPostgres({ bin });
      try {
        const pid = Number(
          readFileSync(join(pg.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
        );
        results.push(
          ...(await runStore(
            'PostgreSQL (local, fsync off)',
            bare,
            stack,
            { DATABASE_URL: pg.url },
            pid,
          )),
        );
      } finally {
        pg.stop();
      }
    } else notes.push('PostgreSQL run skipped: /usr/lib/postgresql/*/bin/initdb not installed.');
  } finally {
    await bare.stop();
    await stack.stop();
  }
  writeFileSync(
    new URL('./results/load.json', import.meta.url),
    `${JSON.stringify(
      results.map((r) => r.figure),
      null,
      2,
    )}\n`,
  );

  const rows: Row[] = results.map(({ figure: f, dbCpuMsPerRequest, failures }) => ({
    store: f.store,
    scenario: f.scenario,
    conns: f.connections,
    'req/s': fmt(f.requestsPerSec),
    'server CPU ms/req': fmt(f.cpuMsPerRequest, 3),
    'req/s per server core': fmt(1000 / Math.max(f.cpuMsPerRequest, 1e-6)),
    'db CPU ms/req': dbCpuMsPerRequest === undefined ? '–' : fmt(dbCpuMsPerRequest, 3),
    'p50 ms': f.p50Ms,
    'p99 ms': f.p99Ms,
    'non-2xx / wrong answers': `${f.non2xx + failures} ${f.non2xx + failures === 0 ? '✓' : '✗'}`,
  }));
  const ratios: Row[] = [];
  for (const store of new Set(results.map((r) => r.figure.store))) {
    const get = (s: string) =>
      results.find((r) => r.figure.store === store && r.figure.scenario === s)!;
    const b = get('bare Hono route (baseline)').figure;
    const p = get('empty poll').figure;
    const m = get('bare route + app middleware').figure;
    const perCore = b.cpuMsPerRequest / p.cpuMsPerRequest;
    const ms = (n: number) => `${n.toFixed(3)} ms`;
    ratios.push({
      store,
      'empty polls ÷ bare route, per server core': `${perCore.toFixed(2)}× ${perCore >= 0.5 ? '✓' : '✗'} (goal ≥ 0.5×)`,
      'empty polls ÷ bare route, req/s': `${(p.requestsPerSec / b.requestsPerSec).toFixed(2)}×`,
      'server CPU per poll: bare route': ms(b.cpuMsPerRequest),
      '+ app middleware': ms(m.cpuMsPerRequest - b.cpuMsPerRequest),
      '+ auth, validation, database': ms(p.cpuMsPerRequest - m.cpuMsPerRequest),
    });
  }
  for (const r of results) {
    if (r.figure.non2xx > 0 || r.failures > 0)
      throw new Error(
        `${r.figure.store} ${r.figure.scenario}: ${r.figure.non2xx} non-2xx, ${r.failures} wrong`,
      );
  }
  notes.unshift(
    `Each scenario ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up (confirmations: as many as there are claims, ` +
      `at most ${SECONDS} s worth); ${MEMBERS} members' tokens in rotation; autocannon runs in the bench ` +
      'process on the same machine, so req/s is bounded by the shared cores; CPU per request is the ' +
      "server's own (PGlite runs inside it; PostgreSQL's processes are the db column). LOG=silent (no request log lines). " +
      'The app middleware row is the bare route plus the middleware server/app.ts runs on every request ' +
      '(server/http/per-request.ts: request id, log call, response headers, CORS grant, body limit). ' +
      'Every request carries an extension Origin header, as the extension sends it.',
  );
  return [
    { title: 'HTTP load, 32 connections', rows },
    { title: 'Empty polls beside the bare route', rows: ratios },
    { rows: notes.map((note) => ({ note })) },
  ];
}
