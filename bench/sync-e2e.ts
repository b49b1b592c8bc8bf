/**
 * End-to-end sync of 10,000 local ops: the extension's own code path —
 * recordClaim into the Dexie ledger (fake-indexeddb in Node), then runSync
 * over HTTP (httpTransport) — against a real server process (embedded
 * PGlite on disk). Beside it, in the same run and against the same server,
 * the server's raw ingestion: the same number of claim ops POSTed straight
 * to /v1/sync in batches of 100 by one client, with no client ledger.
 *
 *   npx tsx bench/sync-e2e.ts
 */
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startBackend } from '../tests/e2e/backend';
import { apiMember } from '../tests/e2e/server-view';
import { type Claim, type Op, Partner } from '../utils/contract';
import { LedgerDb, readBalance, recordClaim } from '../utils/ledger';
import { httpTransport, runSync } from '../utils/sync';
import type { Row } from './run';

const OPS = Number(process.env.SYNC_BENCH_OPS ?? 10_000);

const partner = Partner.parse({
  id: 'demo-shop',
  name: 'Demo Shop',
  domains: ['127.0.0.1'],
  earn: { pointsPerUnit: 2, currency: 'EUR' },
});

const claim = (orderRef: string): Claim => ({
  partnerId: 'demo-shop',
  orderRef,
  total: { minor: 1000 + (orderRef.length % 97), currency: 'EUR' },
  detectedAt: new Date().toISOString(),
  signals: ['jsonld', 'datalayer'],
  conflicts: [],
});

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} ops/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchSyncE2e(): Promise<Row[]> {
  const backend = await startBackend({ env: { LOG: 'silent' } });
  try {
    // Client: the extension's engine, local writes first (as shoppers make them), then one sync run.
    const db = new LedgerDb(`bench-${Date.now()}`);
    const t0 = performance.now();
    for (let i = 0; i < OPS; i++) await recordClaim(db, claim(`E2E-${i}`), partner);
    const recorded = performance.now() - t0;
    const token = (await apiMember(backend, 'bench-client@example.de')).token;
    const t1 = performance.now();
    const out = await runSync({ db, transport: httpTransport({ baseUrl: backend.url, token }) });
    const synced = performance.now() - t1;
    if (out.status !== 'synced' || out.pushed !== OPS)
      throw new Error(`sync failed: ${JSON.stringify(out)}`);
    const local = await readBalance(db);
    const me = (await (
      await fetch(`${backend.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      balance: { available: number; pending: number };
    };
    if (me.balance.pending !== local.pending || me.balance.available !== local.available) {
      throw new Error(
        `balances differ: local ${JSON.stringify(local)}, server ${JSON.stringify(me.balance)}`,
      );
    }

    // Baseline: the same ops straight to the server, 100 per request, one client.
    const raw = (await apiMember(backend, 'bench-raw@example.de')).token;
    const ops: Op[] = Array.from({ length: OPS }, (_, i) => ({
      id: crypto.randomUUID(),
      type: 'claim',
      createdAt: new Date().toISOString(),
      claim: claim(`RAW-${i}`),
    }));
    const t2 = performance.now();
    let cursor = 0;
    for (let i = 0; i < ops.length; i += 100) {
      const res = await fetch(`${backend.url}/v1/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${raw}` },
        body: JSON.stringify({ cursor, ops: ops.slice(i, i + 100) }),
      });
      if (!res.ok) throw new Error(`raw ingest: ${res.status}`);
      cursor = ((await res.json()) as { cursor: number }).cursor;
    }
    const ingested = performance.now() - t2;

    return [
      {
        measure: `${OPS.toLocaleString('en')} ops: extension sync engine → server (push, acks, pull, apply)`,
        time: secs(synced),
        throughput: rate(OPS, synced),
        note: `local balance = server balance (pending ${local.pending.toLocaleString('en')})`,
      },
      {
        measure: 'baseline: server raw ingestion, same ops POSTed in batches of 100',
        time: secs(ingested),
        throughput: rate(OPS, ingested),
        note: 'no client ledger, no pulls',
      },
      {
        measure: `client only: recordClaim × ${OPS.toLocaleString('en')} (fake-indexeddb)`,
        time: secs(recorded),
        throughput: rate(OPS, recorded),
        note: 'entry + balance + outbox in one transaction each',
      },
    ];
  } finally {
    await backend.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchSyncE2e();
  const cols = Object.keys(rows[0]!);
  const md = [
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => r[c]).join(' | ')} |`),
  ].join('\n');
  console.log(md);
  writeFileSync(new URL('./results/sync-e2e.md', import.meta.url), `${md}\n`);
}
