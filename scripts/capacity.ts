/**
 * The capacity model (bench/capacity-model.ts) on the figures of the last bench
 * run, as markdown tables:
 *
 *   npm run capacity        # reads bench/results/load.json and the Server sync table
 *
 * Also registered last in bench/run.ts, so `npm run bench` sizes the program
 * from the load figures written earlier in the same run.
 */
import { pathToFileURL } from 'node:url';
import {
  capacity,
  type DatabaseRates,
  type Kind,
  PAYBACK_WORKLOAD,
  type ServerRates,
} from '../bench/capacity-model';
import { markdownTable, type Row, type Table } from '../bench/run';
import { type LoadRow, MissingFigures, pick, readInputs, SCENARIO } from './capacity-inputs';

/** Plan cores and primaries to run at ≤ 60 % at the peak. */
export const HEADROOM = 0.6;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number) => `${fmt(n * 100, 1)} %`;

const LABEL: Record<Kind, string> = {
  poll: 'empty poll',
  claim: 'claim',
  confirm: 'webhook confirmation',
};
const total = (figure: string, value: string, from: string): Row => ({ figure, value, from });

export function capacityTables(loadRows: LoadRow[], sync: DatabaseRates, notes: string[]): Table[] {
  const used = {} as Record<Kind, LoadRow>;
  for (const kind of ['poll', 'claim', 'confirm'] as const) {
    const row = pick(loadRows, SCENARIO[kind]);
    if (!row)
      throw new MissingFigures(
        `bench/results/load.json has no '${SCENARIO[kind].source}' scenario`,
      );
    if (row.non2xx > 0)
      notes.push(`${row.scenario} (${row.store}): ${row.non2xx} non-2xx answers in the load run.`);
    used[kind] = row;
  }
  const server: ServerRates = {
    pollCpuMs: used.poll.cpuMsPerRequest,
    claimCpuMs: used.claim.cpuMsPerRequest,
    confirmCpuMs: used.confirm.cpuMsPerRequest,
  };
  // Requests/s of the load run are bound by 2 cores shared with autocannon, so only CPU per request is used.
  const dbMs = (k: Kind) =>
    /postgres/i.test(used[k].store) ? used[k].dbCpuMsPerRequest : undefined;
  const [pollDb, claimDb, confirmDb] = [dbMs('poll'), dbMs('claim'), dbMs('confirm')];
  const cpuMs =
    pollDb !== undefined && claimDb !== undefined && confirmDb !== undefined
      ? { pollCpuMs: pollDb, claimCpuMs: claimDb, confirmCpuMs: confirmDb }
      : undefined;
  const database: DatabaseRates = { ...sync, cpuMs };
  const model = (s: ServerRates) =>
    capacity({ workload: PAYBACK_WORKLOAD, server: s, database, headroom: HEADROOM });
  const r = model(server);
  const kinds: Row[] = r.kinds.map((k) => ({
    request: LABEL[k.kind],
    'mean /s': fmt(k.meanPerSec),
    'peak /s': fmt(k.peakPerSec),
    'server CPU ms': fmt(k.cpuMs, 3),
    measured: `${used[k.kind].store}, ${used[k.kind].connections} connections`,
    'busy cores at peak': fmt(k.busyCoresAtPeak, 1),
    [`cores at ≤ ${HEADROOM * 100} %`]: fmt(k.coresAtPeak, 1),
    'share of CPU': pct(k.cpuShare),
  }));
  const totals: Row[] = [
    total('server cores at peak', fmt(r.serverCores), `busy cores / ${HEADROOM}, rounded up`),
    total(
      'writes at peak',
      `${fmt(r.peakWritesPerSec)} /s`,
      'claims + confirmations, one transaction each',
    ),
    total(
      'PostgreSQL primaries at peak',
      fmt(r.primaries),
      `${fmt(sync.writeOpsPerSec)} ops/s per primary (sync ingestion); one primary ${pct(r.onePrimaryUtilisation)} busy`,
    ),
    total(
      'primaries at the raw-INSERT floor',
      fmt(r.primariesAtFloor),
      `${fmt(sync.rawInsertRowsPerSec)} rows/s per primary`,
    ),
  ];
  if (r.databaseCores !== undefined) {
    const from = `PostgreSQL's own CPU per request in the load run (poll ${fmt(pollDb ?? 0, 3)} ms)`;
    totals.push(total('PostgreSQL cores at peak, polls included', fmt(r.databaseCores), from));
  }
  totals.push(
    total('dominates', LABEL[r.dominant.kind], `${pct(r.dominant.cpuShare)} of server CPU at peak`),
  );
  const bare = pick(loadRows, SCENARIO.bare);
  if (bare) {
    const cores = model({ ...server, pollCpuMs: bare.cpuMsPerRequest }).serverCores;
    const from = `${fmt(bare.cpuMsPerRequest, 3)} ms, same framework, no database (${bare.store})`;
    totals.push(total('server cores if a poll cost a bare route', fmt(cores), from));
  }
  return [
    { title: '31 million members: requests and server cores at the 10× peak', rows: kinds },
    { title: 'Totals', rows: totals },
    { title: 'Sources', rows: notes.map((note) => ({ note })) },
  ];
}

/** The model's tables from the files of the last bench run. */
export function capacityFromFiles(runStartedAt?: Date): Table[] {
  const { loadRows, sync, notes } = readInputs(runStartedAt);
  return capacityTables(loadRows, sync, notes);
}

/** Bench entry (bench/run.ts): a note instead of a failure when the load bench left no figures. */
export async function benchCapacity(): Promise<Table[] | string> {
  const started = new Date(Date.now() - process.uptime() * 1000);
  try {
    return capacityFromFiles(started);
  } catch (e) {
    if (e instanceof MissingFigures) return `_${e.message}_`;
    throw e;
  }
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  try {
    const tables = capacityFromFiles();
    console.log(tables.map((t) => `#### ${t.title}\n\n${markdownTable(t.rows)}`).join('\n\n'));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(e instanceof MissingFigures ? 2 : 1);
  }
}
