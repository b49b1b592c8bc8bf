import { beforeEach, describe, expect, it } from 'vitest';
import { LedgerDb, readBalance, recordClaim } from '../../../utils/ledger';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffDelay,
  runSync,
  SyncError,
} from '../../../utils/sync';
import { demoClaim, demoPartner } from '../ledger-fixtures';
import { FakeServer } from './fake-server';
import { expectAgreement as agree } from './shared';

const partner = demoPartner;
const claim = (orderRef: string, minor = 1000) => demoClaim(orderRef, minor);

let db: LedgerDb;
let server: FakeServer;
let clock: number;
const deps = () => ({ db, transport: server, now: () => clock, random: () => 0.5 });

beforeEach(async () => {
  db = new LedgerDb(`sync-${crypto.randomUUID()}`);
  server = new FakeServer();
  clock = 1_000_000;
});

const expectAgreement = () => agree(db, server);

describe('runSync', () => {
  it('pushes the outbox oldest first, in batches of at most 100', async () => {
    for (let i = 0; i < 250; i++)
      await recordClaim(db, claim(`O-${i}`), partner, { now: 1000 + i });
    const out = await runSync(deps());
    expect(out).toMatchObject({ status: 'synced', pushed: 250 });
    const sizes = server.requests.map((r) => r.ops.length);
    expect(sizes).toEqual([100, 100, 50]);
    const order = server.requests.flatMap((r) =>
      r.ops.map((o) => (o.type === 'claim' ? o.claim.orderRef : o.id)),
    );
    expect(order).toEqual(Array.from({ length: 250 }, (_, i) => `O-${i}`));
    expect(await db.outbox.count()).toBe(0);
    expect(server.claimCount()).toBe(250);
    await expectAgreement();
  });

  it('marks accepted claims as waiting for the partner and advances the cursor', async () => {
    const { entry } = await recordClaim(db, claim('A'), partner);
    await runSync(deps());
    expect(await db.entries.get(entry.id)).toMatchObject({
      status: 'pending',
      reason: 'awaiting-partner',
      serverSeq: 1,
    });
    expect((await db.meta.get('sync'))?.cursor).toBe(1);
    // The next poll asks only for what comes after.
    await runSync(deps());
    expect(server.requests.at(-1)).toEqual({ cursor: 1, ops: [] });
  });

  it('applies confirmations, cancellations and returns from later pulls', async () => {
    const a = (await recordClaim(db, claim('A', 5000), partner)).entry;
    const b = (await recordClaim(db, claim('B', 3000), partner)).entry;
    await runSync(deps());
    server.confirm(a.id, 100);
    server.cancel(b.id, 'order cancelled by shopper');
    server.adjust(a.id, -20);
    await runSync(deps());
    expect(await db.entries.get(a.id)).toMatchObject({
      status: 'confirmed',
      points: 100,
      reason: 'confirmed-by-partner',
    });
    expect(await db.entries.get(b.id)).toMatchObject({
      status: 'rejected',
      reason: 'cancelled-by-partner',
      detail: 'order cancelled by shopper',
    });
    expect(await readBalance(db)).toMatchObject({ available: 80, pending: 0 });
    await expectAgreement();
  });

  it('pages through changes with the cursor', async () => {
    for (let i = 0; i < 12; i++) await recordClaim(db, claim(`P-${i}`), partner);
    await runSync(deps());
    // A second device of the same member starts from scratch.
    const other = new LedgerDb(`sync-${crypto.randomUUID()}`);
    server.pageSize = 5;
    const out = await runSync({ ...deps(), db: other });
    expect(out).toMatchObject({ status: 'synced', pulled: 12, rounds: 3 });
    expect(await other.entries.count()).toBe(12);
    expect((await other.meta.get('sync'))?.cursor).toBe(12);
  });

  it('ignores duplicate changes and acks that arrive out of order', async () => {
    server.duplicateChanges = true;
    server.shuffleAcks = true;
    for (let i = 0; i < 5; i++) await recordClaim(db, claim(`D-${i}`), partner);
    const firstId = (await db.entries.orderBy('createdAt').first())!.id;
    await runSync(deps());
    server.confirm(firstId);
    await runSync(deps());
    expect(await db.entries.count()).toBe(5);
    expect((await db.entries.toArray()).every((e) => e.serverSeq !== undefined)).toBe(true);
    await expectAgreement();
  });

  it('resends after a dropped response and still gets exactly one server entry per op', async () => {
    for (let i = 0; i < 3; i++) await recordClaim(db, claim(`R-${i}`), partner);
    server.dropNextResponses = 1;
    const failed = await runSync(deps());
    expect(failed.status).toBe('failed');
    expect(await db.outbox.count()).toBe(3); // nothing dropped locally
    expect(server.claimCount()).toBe(3); // …though the server has them
    clock += 60_000;
    expect((await runSync(deps())).status).toBe('synced');
    expect(server.claimCount()).toBe(3);
    expect(await db.outbox.count()).toBe(0);
    await expectAgreement();
  });

  it('shows a permanent rejection with its reason and never retries it', async () => {
    await recordClaim(db, claim('DUP'), partner);
    await runSync(deps());
    // Another device of someone else already claimed this order on the server:
    const other = new LedgerDb(`sync-${crypto.randomUUID()}`);
    const { entry } = await recordClaim(other, claim('DUP'), partner);
    await runSync({ ...deps(), db: other });
    expect(await other.entries.get(entry.id)).toMatchObject({
      status: 'rejected',
      reason: 'rejected-by-server',
      detail: 'order already claimed',
    });
    expect(await other.outbox.count()).toBe(0);
  });

  it('backs off after failures, keeps the error visible, and recovers', async () => {
    await recordClaim(db, claim('X'), partner);
    server.failNext = {
      count: 3,
      error: () => new SyncError('server', 'server answered 500', 500),
    };
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const out = await runSync(deps());
      expect(out.status).toBe('failed');
      if (out.status === 'failed') delays.push(out.retryAt - clock);
      const meta = await db.meta.get('sync');
      expect(meta?.lastError).toMatchObject({ kind: 'server' });
    }
    expect(delays[1]).toBeGreaterThan(delays[0]!);
    expect(delays[2]).toBeGreaterThan(delays[1]!);
    expect((await runSync(deps())).status).toBe('synced');
    const meta = await db.meta.get('sync');
    expect(meta).toMatchObject({ failures: 0, lastSyncAt: clock });
    expect(meta?.lastError).toBeUndefined();
  });

  it('isolates an op the server refuses as malformed, and syncs the rest', async () => {
    for (let i = 0; i < 4; i++) await recordClaim(db, claim(`M-${i}`), partner);
    const bad = (await db.entries.toArray()).find((e) => e.orderRef === 'M-2')!;
    const real = server.sync.bind(server);
    server.sync = async (req) => {
      if (req.ops.some((o) => o.id === bad.id)) {
        throw new SyncError('request', 'server answered 422', 422, {
          type: 'validation',
          title: 'Invalid',
          status: 422,
          detail: 'orderRef invalid',
        });
      }
      return real(req);
    };
    expect((await runSync(deps())).status).toBe('synced');
    expect(await db.entries.get(bad.id)).toMatchObject({
      status: 'rejected',
      detail: 'orderRef invalid',
    });
    expect(server.claimCount()).toBe(3);
    expect(await db.outbox.count()).toBe(0);
    await expectAgreement();
  });

  it('waits for sign-in on 401 without dropping anything', async () => {
    await recordClaim(db, claim('AUTH'), partner);
    server.failNext = { count: 1, error: () => new SyncError('auth', 'server answered 401', 401) };
    const out = await runSync(deps());
    expect(out).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within [half, full] of the step, capped', () => {
    for (let f = 1; f <= 20; f++) {
      const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (f - 1));
      expect(backoffDelay(f, 0)).toBe(step / 2);
      expect(backoffDelay(f, 0.999999)).toBeLessThanOrEqual(step);
      expect(backoffDelay(f, 0.999999)).toBeGreaterThan(step / 2);
    }
    expect(backoffDelay(50, 1)).toBe(BACKOFF_CAP_MS);
  });
});
