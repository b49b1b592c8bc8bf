import type { LedgerDb, OutboxRow, SyncMeta } from '../ledger';
import type { SyncError } from './errors';

/**
 * Isolating an op the server cannot take, so that it never blocks the ops
 * behind it. A refused batch (4xx) is halved at once. A 5xx is usually a
 * server that is down, so it is halved only once it looks like the batch's
 * fault: the third consecutive failure, a batch already under suspicion, or a
 * batch carrying an op deferred before. 429 and 408 are rate limits and
 * timeouts, never a batch's fault. A single op that still gets a 5xx is
 * deferred (see deferRow), never dropped: the server may take it later.
 */
export function isolates(
  error: SyncError,
  ctx: { meta: SyncMeta; rows: OutboxRow[]; bisecting: boolean },
): boolean {
  if (error.kind === 'request') return true;
  if (error.kind !== 'server' || (error.status ?? 0) < 500) return false;
  return ctx.bisecting || ctx.meta.failures >= 2 || ctx.rows.some((r) => r.attempts > 0);
}

/**
 * Moves an op behind every other waiting op (the outbox is read by
 * createdAt), so the next batches carry the others. The op itself, and its
 * own createdAt, stay as they are: the server's idempotency relies on them.
 * Runs inside the caller's transaction on the outbox.
 */
export async function deferRow(
  db: LedgerDb,
  id: string,
  error: SyncError,
  now: number,
): Promise<void> {
  const row = await db.outbox.get(id);
  if (!row) return; // settled meanwhile
  const last = await db.outbox.orderBy('createdAt').last();
  await db.outbox.put({
    ...row,
    createdAt: Math.max(now, (last?.createdAt ?? 0) + 1),
    attempts: row.attempts + 1,
    lastError: error.message,
  });
}
