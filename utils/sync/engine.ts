import { MAX_OPS_PER_SYNC, type Op, RejectCode } from '../contract';
import { EMPTY_SYNC, type LedgerDb, type SyncMeta } from '../ledger';
import { applySyncResponse } from './apply';
import { isProgramOp } from './apply-program';
import { backoffDelay } from './backoff';
import { deferRow, isolates } from './bisect';
import { SyncError } from './errors';
import type { SyncTransport } from './transport';

export interface SyncDeps {
  db: LedgerDb;
  transport: SyncTransport;
  now?: () => number;
  random?: () => number;
  /** Upper bound on request rounds in one run (pages of changes, batches of ops). */
  maxRounds?: number;
}

/** `programChanged`: an answer may have changed the tier, coupons, rewards or surveys (fetch them again). */
export type SyncOutcome =
  | { status: 'synced'; pushed: number; pulled: number; rounds: number; programChanged: boolean }
  | {
      status: 'failed';
      error: SyncError;
      retryAt: number;
      pushed: number;
      pulled: number;
      programChanged: boolean;
    };

/**
 * One sync run: push the outbox oldest-first in batches, pull changes after
 * the cursor until there are no more, and apply each answer atomically.
 * Nothing is dropped: an op leaves the outbox only with the server's ack (or,
 * when the server refuses it on its own, as a visible local rejection).
 * A batch that fails because of one of its ops is halved until that op is
 * found (see bisect.ts): refused (4xx) ops are rejected, others deferred.
 * On failure the backoff is recorded in the database, so it survives the
 * service worker's death.
 */
export async function runSync(deps: SyncDeps): Promise<SyncOutcome> {
  const { db, transport } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const maxRounds = deps.maxRounds ?? 1000;
  let pushed = 0;
  let pulled = 0;
  let programChanged = false;
  // While bisecting: how many of the oldest ops may hold the culprit (0: not bisecting).
  // In memory only; a killed run starts over, and meta.failures brings it back here.
  let suspects = 0;

  for (let round = 1; round <= maxRounds; round++) {
    const meta = (await db.meta.get('sync')) ?? EMPTY_SYNC;
    const size = suspects > 0 ? Math.ceil(suspects / 2) : MAX_OPS_PER_SYNC;
    const rows = await db.outbox.orderBy('createdAt').limit(size).toArray();
    const ops: Op[] = rows.map((r) => r.op);
    try {
      const res = await transport.sync({ cursor: meta.cursor, ops });
      // Applied first, always: `programChanged ||= await …` would skip applying
      // every answer after the first that touched the program.
      const applied = await applySyncResponse(db, res, now());
      programChanged ||= applied.programChanged;
      pushed += res.acks.length;
      pulled += res.changes.length;
      // This half is clear: the culprit is among the suspects that follow it.
      suspects = Math.max(0, suspects - ops.length);
      const more = res.hasMore || (await db.outbox.count()) > 0;
      if (!more) return { status: 'synced', pushed, pulled, rounds: round, programChanged };
      // An op the server neither acked nor refused would loop forever: stop and retry later.
      if (ops.length > 0 && res.acks.length === 0 && !res.hasMore) {
        throw new SyncError('response', 'the server acknowledged none of the ops sent');
      }
    } catch (err) {
      const error = err instanceof SyncError ? err : new SyncError('response', String(err));
      const isolate = ops.length > 0 && isolates(error, { meta, rows, bisecting: suspects > 0 });
      if (isolate && ops.length > 1) {
        suspects = ops.length;
        continue;
      }
      suspects = 0;
      if (isolate && error.kind === 'request') {
        await rejectLocally(db, ops[0]!, error);
        continue;
      }
      // A lone op still failing with 5xx goes behind the others; the run ends with backoff,
      // so a server that is down costs one deferral and a few requests per run.
      const deferred = isolate ? ops[0]!.id : undefined;
      const retryAt = await recordFailure(db, error, now(), random(), deferred);
      return { status: 'failed', error, retryAt, pushed, pulled, programChanged };
    }
  }
  return { status: 'synced', pushed, pulled, rounds: maxRounds, programChanged };
}

/** The server refused this single op as malformed: show it rejected, with the server's words. */
async function rejectLocally(db: LedgerDb, op: Op, error: SyncError): Promise<void> {
  await db.transaction('rw', db.entries, db.outbox, db.balances, async () => {
    await db.outbox.delete(op.id);
    const entry = await db.entries.get(op.id);
    if (entry?.status !== 'pending') return;
    await db.entries.update(op.id, {
      status: 'rejected',
      reason: 'rejected-by-server',
      points: 0, // a refused claim earns nothing
      code: RejectCode.enum.invalid,
      detail: error.problem?.detail ?? error.problem?.title ?? RejectCode.enum.invalid,
    });
    const bal = await db.balances.get('me');
    // Only a claim's points were counted as unsent; the program's ops never moved the balances.
    if (bal && !isProgramOp(op.type)) {
      await db.balances.put({
        ...bal,
        pending: Math.max(0, bal.pending - entry.points),
        unsent: Math.max(0, (bal.unsent ?? 0) - entry.points),
      });
    }
  });
}

async function recordFailure(
  db: LedgerDb,
  error: SyncError,
  now: number,
  random: number,
  deferred?: string,
): Promise<number> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    if (deferred) await deferRow(db, deferred, error, now);
    const meta: SyncMeta = (await db.meta.get('sync')) ?? EMPTY_SYNC;
    const failures = meta.failures + 1;
    const retryAt = now + backoffDelay(failures, random);
    const kind = error.kind === 'request' ? 'server' : error.kind;
    await db.meta.put({
      ...meta,
      failures,
      nextAttemptAt: retryAt,
      lastError: { kind, message: error.message, at: now },
    });
    return retryAt;
  });
}
