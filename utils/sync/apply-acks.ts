import type { Ack } from '../contract';
import type { LedgerDb, LedgerEntry } from '../ledger';
import { acceptedProgramOp, isProgramOp } from './apply-program';

/**
 * Settles the acked ops: reads, deletes and updates in three batches rather
 * than four awaited calls per op (a batch of 100 acks was most of a sync
 * run's client time). Returns the points the ops had counted as unsent (0 for
 * repeated acks, and always for the program's ops, which are never counted:
 * see recordProgramOp and recordSurveyOp) and whether a program op was among them.
 */
export async function applyAcks(
  db: LedgerDb,
  acks: readonly Ack[],
): Promise<{ settled: number; programChanged: boolean }> {
  const ids = acks.map((a) => a.opId);
  const [queued, entries] = await Promise.all([db.outbox.bulkGet(ids), db.entries.bulkGet(ids)]);
  const done = new Set<string>();
  const updates: { key: string; changes: Partial<LedgerEntry> }[] = [];
  let settled = 0;
  let programChanged = false;
  acks.forEach((ack, i) => {
    // Not queued (or acked twice in one answer): a repeated ack, settled before.
    if (!queued[i] || done.has(ack.opId)) return;
    done.add(ack.opId);
    const programOp = isProgramOp(queued[i].op.type);
    programChanged ||= programOp;
    const entry = entries[i];
    if (!entry) return;
    updates.push({ key: entry.id, changes: ackUpdate(entry, ack, programOp) });
    if (!programOp) settled += entry.points;
  });
  await db.outbox.bulkDelete([...done]);
  await db.entries.bulkUpdate(updates);
  return { settled, programChanged };
}

function ackUpdate(entry: LedgerEntry, ack: Ack, programOp: boolean): Partial<LedgerEntry> {
  if (ack.status === 'accepted' && programOp) return acceptedProgramOp(entry, ack);
  if (ack.status === 'accepted') {
    const update: Partial<LedgerEntry> = { serverSeq: ack.seq };
    if (entry.status === 'pending' && entry.reason === 'awaiting-sync')
      update.reason = 'awaiting-partner';
    return update;
  }
  // A refused op earns and costs nothing: 0 points, as its refusal entry on the server says.
  return {
    status: 'rejected',
    reason: 'rejected-by-server',
    code: ack.code,
    detail: ack.reason,
    points: 0,
  };
}
