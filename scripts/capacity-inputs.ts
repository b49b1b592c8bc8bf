/**
 * The capacity model's inputs from the last bench run: bench/results/load.json
 * (bench/load.ts) and the PostgreSQL rows of the Server sync table
 * (bench/results/server.md, written during the run, else bench/RESULTS.md).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DatabaseRates, Kind } from '../bench/capacity-model';

const BENCH = fileURLToPath(new URL('../bench/', import.meta.url));
export const LOAD_JSON = `${BENCH}results/load.json`;
const SERVER_MD = [`${BENCH}results/server.md`, `${BENCH}RESULTS.md`];

/** One row of bench/results/load.json (bench/load.ts). */
export const LoadRow = z.object({
  store: z.string(),
  scenario: z.string(),
  connections: z.number(),
  requestsPerSec: z.number(),
  cpuMsPerRequest: z.number(),
  p50Ms: z.number(),
  p99Ms: z.number(),
  non2xx: z.number(),
  /** PostgreSQL's own CPU per request, where bench/load.ts writes it. */
  dbCpuMsPerRequest: z.number().optional(),
});
export type LoadRow = z.infer<typeof LoadRow>;

export class MissingFigures extends Error {}

export const SCENARIO: Record<Kind | 'bare', RegExp> = {
  poll: /empty poll/i,
  claim: /^claim/i,
  confirm: /webhook|confirm/i,
  bare: /^bare/i,
};

/** The saturated row (highest rate) of a scenario, PostgreSQL first: on PGlite the server's CPU includes the database's. */
export function pick(rows: LoadRow[], scenario: RegExp): LoadRow | undefined {
  for (const store of [/postgres/i, /pglite/i, /./]) {
    const found = rows.filter((r) => store.test(r.store) && scenario.test(r.scenario));
    if (found.length > 0)
      return found.reduce((a, b) => (b.requestsPerSec > a.requestsPerSec ? b : a));
  }
  return undefined;
}

/** Leading number of a cell such as "4,212 ops". */
const num = (cell: string | undefined): number =>
  Number((cell ?? '').replace(/,/g, '').match(/[\d.]+/)?.[0]);

/** PostgreSQL's sync ingestion and raw-INSERT rows of the Server sync table. */
export function parseServerSync(md: string): DatabaseRates | undefined {
  const rows = md
    .split('\n')
    .filter((l) => l.startsWith('|') && /postgres/i.test(l))
    .map((l) => l.split('|').map((c) => c.trim()));
  // Columns: '', store, measure, per second, …
  const ingest = rows.find(
    (c) => /sync ingestion/i.test(c[2] ?? '') && !/baseline/i.test(c[2] ?? ''),
  );
  const raw = rows.find((c) => /raw multi-row insert/i.test(c[2] ?? ''));
  const rates = { writeOpsPerSec: num(ingest?.[3]), rawInsertRowsPerSec: num(raw?.[3]) };
  return rates.writeOpsPerSec > 0 && rates.rawInsertRowsPerSec > 0 ? rates : undefined;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

export interface Inputs {
  loadRows: LoadRow[];
  sync: DatabaseRates;
  /** Where each figure came from, and when it was written. */
  notes: string[];
}

/** Reads the figures; `runStartedAt` (in a bench run) flags a load.json older than the run. */
export function readInputs(runStartedAt?: Date): Inputs {
  if (!existsSync(LOAD_JSON))
    throw new MissingFigures(
      'bench/results/load.json (written by the load bench) is missing: run `npm run bench` first',
    );
  const loadRows = z.array(LoadRow).parse(JSON.parse(readFileSync(LOAD_JSON, 'utf8')));
  const written = statSync(LOAD_JSON).mtime;
  const stale = runStartedAt && written < runStartedAt ? ' — not from this run: stale' : '';
  const notes = [`Load figures: bench/results/load.json, written ${iso(written)}${stale}.`];
  for (const file of SERVER_MD) {
    const rates = existsSync(file) ? parseServerSync(readFileSync(file, 'utf8')) : undefined;
    if (!rates) continue;
    notes.push(
      `Database figures: PostgreSQL rows of the Server sync table in bench/${file.slice(BENCH.length)}, ` +
        `written ${iso(statSync(file).mtime)}; measured on this 2-core machine, taken as one primary.`,
    );
    return { loadRows, sync: rates, notes };
  }
  throw new MissingFigures(
    'no PostgreSQL rows in the Server sync table: run `npm run bench` first',
  );
}
