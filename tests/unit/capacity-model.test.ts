import { describe, expect, it } from 'vitest';
import {
  type CapacityInput,
  CapacityInputError,
  capacity,
  meanRates,
  PAYBACK_WORKLOAD,
} from '../../bench/capacity-model';
import { parseServerSync, pick } from '../../scripts/capacity-inputs';

// Round, easy-to-check rates (not the measured ones): 0.5 ms per poll, 4 ms per
// claim, 3 ms per confirmation; a primary ingests 4,212 ops/s, raw INSERT 30,434 rows/s.
const input: CapacityInput = {
  workload: PAYBACK_WORKLOAD,
  server: { pollCpuMs: 0.5, claimCpuMs: 4, confirmCpuMs: 3 },
  database: { writeOpsPerSec: 4212, rawInsertRowsPerSec: 30_434 },
  headroom: 0.6,
};

const byKind = (r: ReturnType<typeof capacity>, kind: string) => {
  const k = r.kinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`no ${kind}`);
  return k;
};

describe('capacity model', () => {
  it('gives the issue’s request rates for 31 million members', () => {
    const m = meanRates(PAYBACK_WORKLOAD);
    // Polls: 31,000,000 members / 1,800 s = 17,222.22/s.
    expect(m.poll).toBeCloseTo(17_222.22, 2);
    // Purchases: 31,000,000 × 10 / (30 × 86,400 = 2,592,000 s) = 119.5988/s,
    // each one claim and one webhook confirmation.
    expect(m.claim).toBeCloseTo(119.5988, 4);
    expect(m.confirm).toBe(m.claim);
  });

  it('sizes cores and primaries at the 10× peak within 60 % headroom', () => {
    const r = capacity(input);
    // Peaks: polls 172,222.22/s, claims and confirmations 1,195.99/s each.
    expect(byKind(r, 'poll').peakPerSec).toBeCloseTo(172_222.22, 2);
    expect(byKind(r, 'claim').peakPerSec).toBeCloseTo(1_195.99, 2);
    // Busy cores = peak/s × ms / 1000: polls 172,222.22 × 0.5 / 1000 = 86.111;
    // claims 1,195.99 × 4 / 1000 = 4.784; confirmations 1,195.99 × 3 / 1000 = 3.588.
    expect(byKind(r, 'poll').busyCoresAtPeak).toBeCloseTo(86.111, 3);
    expect(byKind(r, 'claim').busyCoresAtPeak).toBeCloseTo(4.784, 3);
    expect(byKind(r, 'confirm').busyCoresAtPeak).toBeCloseTo(3.588, 3);
    // Polls at 60 %: 86.111 / 0.6 = 143.52 cores.
    expect(byKind(r, 'poll').coresAtPeak).toBeCloseTo(143.52, 2);
    // Total 94.483 busy / 0.6 = 157.47 → 158 cores; polls 86.111 / 94.483 = 91.1 % of it.
    expect(r.serverCores).toBe(158);
    expect(r.dominant.kind).toBe('poll');
    expect(r.dominant.cpuShare).toBeCloseTo(0.9114, 4);
    // Writes: 1,195.99 × 2 = 2,391.98/s; one primary at 60 % takes 4,212 × 0.6 = 2,527.2/s
    // → 0.946 → 1 primary (56.8 % busy: 2,391.98 / 4,212); at the floor 30,434 × 0.6 = 18,260.4/s → 1.
    expect(r.peakWritesPerSec).toBeCloseTo(2_391.98, 2);
    expect(r.primaries).toBe(1);
    expect(r.primariesAtFloor).toBe(1);
    expect(r.onePrimaryUtilisation).toBeCloseTo(0.5679, 4);
  });

  it('counts PostgreSQL cores from its CPU per request, when measured', () => {
    // Database ms at peak per second: polls 172,222.22 × 0.2 = 34,444.44; claims 1,195.99 × 2
    // = 2,391.98; confirmations 1,195.99 × 1 = 1,195.99; sum 38,032.41 ms/s = 38.03 busy cores;
    // / 0.6 = 63.39 → 64 cores.
    const cpuMs = { pollCpuMs: 0.2, claimCpuMs: 2, confirmCpuMs: 1 };
    const r = capacity({ ...input, database: { ...input.database, cpuMs } });
    expect(r.databaseCores).toBe(64);
    expect(capacity(input).databaseCores).toBeUndefined();
  });

  it('needs more primaries when the peak outgrows one', () => {
    // Peak 50×: writes 119.5988 × 50 × 2 = 11,959.88/s; / 2,527.2 = 4.73 → 5 primaries;
    // at the floor / 18,260.4 = 0.655 → 1.
    const r = capacity({ ...input, workload: { ...PAYBACK_WORKLOAD, peakFactor: 50 } });
    expect(r.peakWritesPerSec).toBeCloseTo(11_959.88, 2);
    expect(r.primaries).toBe(5);
    expect(r.primariesAtFloor).toBe(1);
  });

  it('rounds exact fits without an extra unit for float noise', () => {
    // 1,000 members polling every 1 s at 4.2 ms each, no purchases: 1,000 × 4.2 / 1000 = 4.2
    // busy cores; at 60 %: 4.2 / 0.6 = 7 cores exactly (in floating point 7.000000000000001).
    const r = capacity({
      ...input,
      workload: {
        members: 1000,
        purchasesPerMemberMonth: 0,
        pollIntervalSeconds: 1,
        peakFactor: 1,
      },
      server: { pollCpuMs: 4.2, claimCpuMs: 4, confirmCpuMs: 3 },
    });
    expect(r.serverCores).toBe(7);
    expect(r.primaries).toBe(0);
  });

  it('gives zeros, not NaN, for a program without members', () => {
    const r = capacity({ ...input, workload: { ...PAYBACK_WORKLOAD, members: 0 } });
    expect(r.serverCores).toBe(0);
    expect(r.primaries).toBe(0);
    expect(r.peakWritesPerSec).toBe(0);
    for (const k of r.kinds) {
      expect(k.peakPerSec).toBe(0);
      expect(k.cpuShare).toBe(0);
    }
  });

  it.each([
    [
      'a poll CPU time of 0',
      { server: { ...input.server, pollCpuMs: 0 } },
      /pollCpuMs must be greater than 0/,
    ],
    [
      'a primary write rate of 0',
      { database: { ...input.database, writeOpsPerSec: 0 } },
      /writeOpsPerSec must be greater than 0/,
    ],
    [
      'a negative database CPU time',
      { database: { ...input.database, cpuMs: { pollCpuMs: -1, claimCpuMs: 1, confirmCpuMs: 1 } } },
      /database.cpuMs.pollCpuMs must not be negative/,
    ],
    [
      'a raw INSERT rate of 0',
      { database: { ...input.database, rawInsertRowsPerSec: 0 } },
      /rawInsertRowsPerSec/,
    ],
    [
      'a poll interval of 0',
      { workload: { ...PAYBACK_WORKLOAD, pollIntervalSeconds: 0 } },
      /pollIntervalSeconds/,
    ],
    [
      'an absurd peak factor',
      { workload: { ...PAYBACK_WORKLOAD, peakFactor: 1e9 } },
      /peakFactor must be between 1/,
    ],
    [
      'an infinite peak factor',
      { workload: { ...PAYBACK_WORKLOAD, peakFactor: Infinity } },
      /peakFactor must be a finite number/,
    ],
    [
      'a peak below the mean',
      { workload: { ...PAYBACK_WORKLOAD, peakFactor: 0.5 } },
      /peakFactor must be between 1/,
    ],
    [
      'negative members',
      { workload: { ...PAYBACK_WORKLOAD, members: -1 } },
      /members must not be negative/,
    ],
    [
      'NaN purchases',
      { workload: { ...PAYBACK_WORKLOAD, purchasesPerMemberMonth: Number.NaN } },
      /finite/,
    ],
    ['headroom 0', { headroom: 0 }, /headroom must be greater than 0/],
    ['headroom above 100 %', { headroom: 1.5 }, /headroom must be at most 1/],
  ])('refuses %s with a clear error', (_name, change, message) => {
    expect(() => capacity({ ...input, ...change })).toThrow(CapacityInputError);
    expect(() => capacity({ ...input, ...change })).toThrow(message);
  });

  it('refuses inputs that would overflow instead of answering Infinity', () => {
    const huge = { ...input, workload: { ...PAYBACK_WORKLOAD, members: Number.MAX_VALUE } };
    expect(() => capacity(huge)).toThrow(/non-finite/);
  });
});

describe('capacity script inputs', () => {
  it('reads the PostgreSQL rates from the Server sync table', () => {
    const md = [
      '| store | measure | per second | p50 ms | p95 ms |',
      '| --- | --- | ---: | ---: | ---: |',
      '| PGlite (in memory) | sync ingestion (8 clients × 20 batches × 100 claims) | 1,703 ops | 450.76 | 653.33 |',
      '| PostgreSQL 15 (local, fsync off) | sync ingestion (8 clients × 20 batches × 100 claims) | 4,212 ops | 183.26 | 262.39 |',
      '| PostgreSQL 15 (local, fsync off) | baseline: raw multi-row INSERT, same rows and concurrency | 30,434 rows | 23.47 | 43.92 |',
    ].join('\n');
    expect(parseServerSync(md)).toEqual({ writeOpsPerSec: 4212, rawInsertRowsPerSec: 30_434 });
    expect(parseServerSync(md.replace(/PostgreSQL/g, 'Other'))).toBeUndefined();
  });

  it('takes the saturated PostgreSQL row of a scenario, PGlite only when PostgreSQL is missing', () => {
    const row = (store: string, connections: number, requestsPerSec: number) => ({
      store,
      scenario: 'empty poll',
      connections,
      requestsPerSec,
      cpuMsPerRequest: 1,
      p50Ms: 1,
      p99Ms: 2,
      non2xx: 0,
    });
    const rows = [row('PGlite', 32, 5000), row('PostgreSQL', 1, 400), row('PostgreSQL', 32, 2500)];
    expect(pick(rows, /empty poll/)).toEqual(rows[2]);
    expect(pick(rows.slice(0, 1), /empty poll/)).toEqual(rows[0]);
    expect(pick(rows, /claim/)).toBeUndefined();
  });
});
