import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncRequest, SyncResponse } from '../../../utils/contract';
import { balanceFromEntries, LedgerDb, readBalance, recordClaim } from '../../../utils/ledger';
import { runSync, SyncError, type SyncOutcome, type SyncTransport } from '../../../utils/sync';
import { demoClaim, demoPartner } from '../ledger-fixtures';
import { FakeServer } from './fake-server';

const partner = demoPartner;
const claim = (orderRef: string, minor = 1000) => demoClaim(orderRef, minor);

let db: LedgerDb;
let server: FakeServer;
let clock: number;
const deps = (transport: SyncTransport = server) => ({
  db,
  transport,
  now: () => clock,
  random: () => 0.5,
});

beforeEach(async () => {
  db = new LedgerDb(`bisect-${crypto.randomUUID()}`);
  server = new FakeServer();
  clock = 1_000_000;
});

/** Records n claims, oldest first; the i-th is worth 20 + i points. Returns their ids. */
async function record(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { entry } = await recordClaim(db, claim(`O-${i}`, 1000 + 50 * i), partner, {
      now: 1000 + i,
    });
    ids.push(entry.id);
  }
  return ids;
}

/**
 * One run, as the background would start it: once the recorded backoff has
 * passed. Counts the requests it sent and how many of them failed.
 */
async function run(transport: SyncTransport = server) {
  const meta = await db.meta.get('sync');
  if (meta?.nextAttemptAt) clock = Math.max(clock, meta.nextAttemptAt) + 1;
  const before = server.requests.length;
  let failed = 0;
  const counting: SyncTransport = {
    sync: (req) =>
      transport.sync(req).catch((err: unknown) => {
        failed++;
        throw err;
      }),
  };
  const out = await runSync(deps(counting));
  return { out, requests: server.requests.length - before, failed };
}

const totalAttempts = async () =>
  (await db.outbox.toArray()).reduce((sum, r) => sum + r.attempts, 0);
const server500 = () => new SyncError('server', 'server answered 500', 500);

describe('runSync with an op the server cannot apply (5xx)', () => {
  it('defers a poison op so the 249 ops behind it are acked within a few runs', async () => {
    const ids = await record(250);
    const poison = ids[0]!;
    server.poison.add(poison);
    let runs = 0;
    while ((await db.outbox.count()) > 1 && runs < 10) {
      // Failed requests are the cost; acked batches are progress.
      const { failed } = await run();
      expect(failed).toBeLessThanOrEqual(8);
      runs++;
    }
    // Two plain retries, then one bisecting run, then one run for the rest.
    expect(runs).toBeLessThanOrEqual(4);
    expect(server.claimCount()).toBe(249);
    for (const id of ids.slice(1)) expect(server.delivered.get(id)).toBe(1);
    // The poison op is neither lost nor rejected: it waits, with its failures counted.
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ id: poison, lastError: 'server answered 500: Internal' });
    expect(row!.attempts).toBeGreaterThanOrEqual(1);
    const entry = (await db.entries.get(poison))!;
    expect(entry).toMatchObject({ status: 'pending', reason: 'awaiting-sync' });
    expect(await db.entries.where('status').equals('rejected').count()).toBe(0);
    const local = await readBalance(db);
    const remote = server.balance();
    expect(local.available).toBe(remote.available);
    expect(local.pending).toBe(remote.pending + entry.points);
    expect(local.unsent).toBe(entry.points);
    expect(await balanceFromEntries(db)).toEqual({
      available: local.available,
      pending: local.pending,
    });
  });

  it('against a server that answers 500 to everything: few requests per run, nothing dropped, backoff grows', async () => {
    const ids = await record(250);
    server.failNext = { count: Number.POSITIVE_INFINITY, error: server500 };
    const delays: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const attemptsBefore = await totalAttempts();
      const { out, requests } = await run();
      expect(out.status).toBe('failed');
      if (out.status === 'failed') delays.push(out.retryAt - clock);
      expect(requests).toBeGreaterThanOrEqual(1);
      expect(requests).toBeLessThanOrEqual(8);
      // At most one deferral per run; from the third consecutive failure on, exactly one.
      expect((await totalAttempts()) - attemptsBefore).toBe(i >= 3 ? 1 : 0);
      expect((await db.meta.get('sync'))?.failures).toBe(i);
    }
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
    expect(await db.outbox.count()).toBe(250);
    expect((await db.outbox.toArray()).map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(await db.entries.where('status').equals('pending').count()).toBe(250);
    expect(server.claimCount()).toBe(0);
  });

  it('sends the deferred op once the server recovers, and it is acked exactly once', async () => {
    const ids = await record(5);
    const poison = ids[2]!;
    const original = (await db.outbox.get(poison))!.op;
    server.poison.add(poison);
    for (let i = 0; i < 4 && (await db.outbox.count()) > 1; i++) await run();
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([poison]);
    server.poison.clear();
    expect((await run()).out.status).toBe('synced');
    expect(server.delivered.get(poison)).toBe(1);
    expect(server.claimCount()).toBe(5);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.entries.get(poison)).toMatchObject({
      status: 'pending',
      reason: 'awaiting-partner',
    });
    // The op went out unchanged (its own id and createdAt), though its row moved.
    const sent = server.requests.filter((r) => r.ops.some((o) => o.id === poison)).at(-1)!;
    expect(sent.ops.find((o) => o.id === poison)).toEqual(original);
    // Nothing is resent afterwards.
    const { requests } = await run();
    expect(requests).toBe(1);
    expect(server.requests.at(-1)!.ops).toEqual([]);
    expect(server.delivered.get(poison)).toBe(1);
    const local = await readBalance(db);
    expect({ available: local.available, pending: local.pending }).toEqual(server.balance());
  });

  it('still makes progress when the worker is killed in the middle of a bisection', async () => {
    const ids = await record(120);
    const poison = ids[60]!;
    server.poison.add(poison);
    await run();
    await run(); // two plain failures: the next run bisects
    // The worker dies after three requests of the bisecting run: the fourth never answers.
    let sent = 0;
    const dying: SyncTransport = {
      sync: (req: SyncRequest) =>
        ++sent <= 3 ? server.sync(req) : new Promise<SyncResponse>(() => {}),
    };
    const killed: Promise<SyncOutcome> = runSync(deps(dying));
    await expect.poll(() => sent).toBe(4);
    void killed; // abandoned, like a killed worker
    let runs = 0;
    while ((await db.outbox.count()) > 1 && runs < 10) {
      await run();
      runs++;
    }
    expect(runs).toBeLessThanOrEqual(5);
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([poison]);
    expect(server.claimCount()).toBe(119);
  });

  it('rejects an op refused with 4xx and defers a 5xx one in the same outbox', async () => {
    const ids = await record(40);
    const [bad, poison] = [ids[5]!, ids[30]!];
    server.poison.add(poison);
    const real = server.sync.bind(server);
    server.sync = async (req) => {
      if (req.ops.some((o) => o.id === bad))
        throw new SyncError('request', 'server answered 422', 422);
      return real(req);
    };
    for (let i = 0; i < 6 && (await db.outbox.count()) > 1; i++) await run();
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([poison]);
    expect(await db.entries.get(bad)).toMatchObject({ status: 'rejected' });
    expect(await db.entries.get(poison)).toMatchObject({ status: 'pending' });
    expect(server.claimCount()).toBe(38);
  });
});

describe('runSync under rate limits and timeouts', () => {
  it.each([429, 408])('never bisects or defers on %i', async (status) => {
    const ids = await record(150);
    server.failNext = {
      count: Number.POSITIVE_INFINITY,
      error: () => new SyncError('server', `server answered ${status}`, status),
    };
    const before = await db.outbox.toArray();
    for (let i = 1; i <= 6; i++) {
      const { out, requests } = await run();
      expect(out).toMatchObject({ status: 'failed', error: { status } });
      expect(requests).toBe(1);
      expect(server.requests.at(-1)!.ops).toHaveLength(100);
    }
    expect(await db.outbox.toArray()).toEqual(before);
    expect(await totalAttempts()).toBe(0);
    // Even with an op deferred before in the batch, a rate limit is not the batch's fault.
    await db.outbox.update(ids[0]!, { attempts: 1 });
    const { requests } = await run();
    expect(requests).toBe(1);
    expect((await db.outbox.get(ids[0]!))?.attempts).toBe(1);
  });
});
