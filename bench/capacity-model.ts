/**
 * Capacity model: from a program's size and the measured per-core and
 * per-primary rates, the requests per second, server cores and PostgreSQL
 * primaries at peak. Pure arithmetic, no I/O: scripts/capacity.ts feeds it the
 * figures of the last bench run, docs/scale.md explains it.
 */

export const SECONDS_PER_MONTH = 30 * 86_400;
/** Above this a "peak" is a different workload: model it as its own mean. */
export const MAX_PEAK_FACTOR = 1_000;

export interface Workload {
  members: number;
  purchasesPerMemberMonth: number;
  pollIntervalSeconds: number;
  /** Peak load as a multiple of the mean. */
  peakFactor: number;
}

/** Server CPU time per request (ms on one core), from the load bench. */
export interface ServerRates {
  pollCpuMs: number;
  claimCpuMs: number;
  confirmCpuMs: number;
}

/** What one PostgreSQL primary sustains (measured on the 2-core bench machine). */
export interface DatabaseRates {
  /** Claim ops/s through the server's sync ingestion (the measured write path). */
  writeOpsPerSec: number;
  /** Rows/s of a raw multi-row INSERT of the same rows: the floor ingestion could reach. */
  rawInsertRowsPerSec: number;
  /** PostgreSQL CPU per request (ms, its own processes), if the load bench measured it. */
  cpuMs?: ServerRates;
}

export interface CapacityInput {
  workload: Workload;
  server: ServerRates;
  database: DatabaseRates;
  /** Highest planned utilisation of a core or a primary, e.g. 0.6 = run at ≤ 60 %. */
  headroom: number;
}

export type Kind = 'poll' | 'claim' | 'confirm';
export const KINDS: readonly Kind[] = ['poll', 'claim', 'confirm'];

export interface KindLoad {
  kind: Kind;
  meanPerSec: number;
  peakPerSec: number;
  cpuMs: number;
  /** Cores busy at peak (100 % utilisation). */
  busyCoresAtPeak: number;
  /** Cores to provision at peak, within the headroom. */
  coresAtPeak: number;
  /** Share of all server CPU at peak, 0..1. */
  cpuShare: number;
}

export interface CapacityResult {
  kinds: KindLoad[];
  /** Whole cores to provision at peak (sum over kinds, rounded up). */
  serverCores: number;
  /** Claims and confirmations each write one transaction to the primary. */
  peakWritesPerSec: number;
  /** Primaries at the measured ingestion rate, within the headroom. */
  primaries: number;
  /** Primaries if ingestion reached the raw-INSERT floor. */
  primariesAtFloor: number;
  /** Utilisation of one primary at peak at the measured rate (may exceed 1). */
  onePrimaryUtilisation: number;
  /** PostgreSQL cores the peak needs within the headroom (polls included), if database.cpuMs was given. */
  databaseCores?: number;
  dominant: { kind: Kind; cpuShare: number };
}

export class CapacityInputError extends Error {
  override name = 'CapacityInputError';
}

function check(name: string, v: number, rule: 'nonNegative' | 'positive'): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new CapacityInputError(`${name} must be a finite number, got ${String(v)}`);
  }
  if (rule === 'positive' && v <= 0) {
    throw new CapacityInputError(
      `${name} must be greater than 0, got ${v} (a rate of 0 is a failed measurement)`,
    );
  }
  if (rule === 'nonNegative' && v < 0) {
    throw new CapacityInputError(`${name} must not be negative, got ${v}`);
  }
}

export function validate(input: CapacityInput): void {
  const { workload: w, server: s, database: d, headroom } = input;
  check('members', w.members, 'nonNegative');
  check('purchasesPerMemberMonth', w.purchasesPerMemberMonth, 'nonNegative');
  check('pollIntervalSeconds', w.pollIntervalSeconds, 'positive');
  check('peakFactor', w.peakFactor, 'positive');
  if (w.peakFactor < 1 || w.peakFactor > MAX_PEAK_FACTOR) {
    throw new CapacityInputError(
      `peakFactor must be between 1 (the mean) and ${MAX_PEAK_FACTOR}, got ${w.peakFactor}`,
    );
  }
  check('server.pollCpuMs', s.pollCpuMs, 'positive');
  check('server.claimCpuMs', s.claimCpuMs, 'positive');
  check('server.confirmCpuMs', s.confirmCpuMs, 'positive');
  check('database.writeOpsPerSec', d.writeOpsPerSec, 'positive');
  check('database.rawInsertRowsPerSec', d.rawInsertRowsPerSec, 'positive');
  for (const [k, v] of Object.entries(d.cpuMs ?? {}))
    check(`database.cpuMs.${k}`, v, 'nonNegative');
  check('headroom', headroom, 'positive');
  if (headroom > 1)
    throw new CapacityInputError(`headroom must be at most 1 (100 %), got ${headroom}`);
}

/** Mean requests/s per kind: one poll per member per interval; one claim and one confirmation per purchase. */
export function meanRates(w: Workload): Record<Kind, number> {
  const purchases = (w.members * w.purchasesPerMemberMonth) / SECONDS_PER_MONTH;
  return { poll: w.members / w.pollIntervalSeconds, claim: purchases, confirm: purchases };
}

export function capacity(input: CapacityInput): CapacityResult {
  validate(input);
  const { workload, server, database, headroom } = input;
  const mean = meanRates(workload);
  const cpuMs: Record<Kind, number> = {
    poll: server.pollCpuMs,
    claim: server.claimCpuMs,
    confirm: server.confirmCpuMs,
  };
  const partial = KINDS.map((kind) => {
    const peakPerSec = mean[kind] * workload.peakFactor;
    const busyCoresAtPeak = (peakPerSec * cpuMs[kind]) / 1000;
    return {
      kind,
      meanPerSec: mean[kind],
      peakPerSec,
      cpuMs: cpuMs[kind],
      busyCoresAtPeak,
      coresAtPeak: busyCoresAtPeak / headroom,
    };
  });
  const busy = partial.reduce((sum, k) => sum + k.busyCoresAtPeak, 0);
  const kinds: KindLoad[] = partial.map((k) => ({
    ...k,
    cpuShare: busy > 0 ? k.busyCoresAtPeak / busy : 0,
  }));
  const top = kinds.reduce((a, b) => (b.cpuShare > a.cpuShare ? b : a));
  const peakWritesPerSec = mean.claim * workload.peakFactor + mean.confirm * workload.peakFactor;
  const result: CapacityResult = {
    kinds,
    serverCores: wholeUnits(busy / headroom),
    peakWritesPerSec,
    primaries: wholeUnits(peakWritesPerSec / (database.writeOpsPerSec * headroom)),
    primariesAtFloor: wholeUnits(peakWritesPerSec / (database.rawInsertRowsPerSec * headroom)),
    onePrimaryUtilisation: peakWritesPerSec / database.writeOpsPerSec,
    dominant: { kind: top.kind, cpuShare: top.cpuShare },
  };
  const db = database.cpuMs;
  if (db) {
    const ms =
      mean.poll * db.pollCpuMs + mean.claim * db.claimCpuMs + mean.confirm * db.confirmCpuMs;
    result.databaseCores = wholeUnits((ms * workload.peakFactor) / 1000 / headroom);
  }
  assertFinite(result);
  return result;
}

/** Round up, but let float noise (0.6 / 0.6 * 3 = 3.0000000000000004) not cost a whole unit. */
function wholeUnits(x: number): number {
  return Math.max(0, Math.ceil(x - 1e-9));
}

function assertFinite(r: CapacityResult): void {
  const values = [
    r.serverCores,
    r.peakWritesPerSec,
    r.primaries,
    r.primariesAtFloor,
    r.onePrimaryUtilisation,
    r.databaseCores ?? 0,
    ...r.kinds.flatMap((k) => [
      k.meanPerSec,
      k.peakPerSec,
      k.busyCoresAtPeak,
      k.coresAtPeak,
      k.cpuShare,
    ]),
  ];
  if (!values.every(Number.isFinite)) {
    throw new CapacityInputError('inputs too large: the model overflowed to a non-finite figure');
  }
}

/** The program: PAYBACK's size, 10 online purchases a month, a poll every 30 minutes, peaks at 10×. */
export const PAYBACK_WORKLOAD: Workload = {
  members: 31_000_000,
  purchasesPerMemberMonth: 10,
  pollIntervalSeconds: 30 * 60,
  peakFactor: 10,
};
