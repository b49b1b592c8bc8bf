import Dexie from 'dexie';
import type { Claim, Partner } from '../contract';
import { type EarnRules, earn } from '../loyalty/earn';
import { earnPoints } from '../loyalty/points';
import { claimKeyOf, EMPTY_BALANCE, type LedgerDb, type LedgerEntry, type OutboxRow } from './db';

export type RecordResult =
  | { status: 'recorded'; entry: LedgerEntry }
  | { status: 'duplicate'; entry: LedgerEntry };

/**
 * Writes a detected claim as a pending entry, its balance change and its
 * outbox op in one transaction. Exactly once per partner+order: a second
 * report (reload, revisit, a second tab racing the first) returns the
 * existing entry and changes nothing.
 */
export async function recordClaim(
  db: LedgerDb,
  claim: Claim,
  partner: Partner,
  opts: { id?: string; now?: number; rules?: EarnRules } = {},
): Promise<RecordResult> {
  const id = opts.id ?? crypto.randomUUID();
  const now = opts.now ?? Date.now();
  // With the tier and activated coupons where known (the server's figure replaces it
  // after sync). Another currency than the rate's: 0 until the partner's confirmation sets it.
  const points = opts.rules
    ? (earn(claim.total, opts.rules)?.points ?? 0)
    : (earnPoints(claim.total, partner.earn) ?? 0);
  const entry: LedgerEntry = {
    id,
    kind: 'claim',
    partnerId: claim.partnerId,
    orderRef: claim.orderRef,
    amount: claim.total,
    points,
    status: 'pending',
    reason: 'awaiting-sync',
    signals: claim.signals,
    createdAt: now,
    claimKey: claimKeyOf(claim.partnerId, claim.orderRef),
  };
  return writePendingClaim(db, entry, {
    id,
    type: 'claim',
    createdAt: new Date(now).toISOString(),
    claim,
  });
}

/**
 * The one write both kinds of claim make (detected here, reported in
 * record-missing-claim.ts): the pending entry, its balance change and its op,
 * in one transaction, once per partner+order key.
 */
export async function writePendingClaim(
  db: LedgerDb,
  entry: LedgerEntry,
  op: OutboxRow['op'],
): Promise<RecordResult> {
  const points = entry.points;
  try {
    return await db.transaction('rw', db.entries, db.balances, db.outbox, async () => {
      // Four requests, not five, and two waits (bench/idb-write.ts: each request costs in
      // Chromium): the unique claimKey index is the duplicate check, so there is no lookup
      // first; a second report fails the add, the whole transaction rolls back, and the
      // catch below answers with the entry already there.
      const [, , stored] = await Promise.all([
        db.entries.add(entry),
        db.outbox.add({ id: entry.id, op, createdAt: entry.createdAt, attempts: 0 }),
        db.balances.get('me'),
      ]);
      const bal = stored ?? EMPTY_BALANCE;
      await db.balances.put({
        ...bal,
        pending: bal.pending + points,
        unsent: (bal.unsent ?? 0) + points,
      });
      return { status: 'recorded', entry } as const;
    });
  } catch (err) {
    // A second report of the same partner+order: the unique index refused it.
    if (err instanceof Dexie.ConstraintError) {
      const existing = await db.entries.get({ claimKey: entry.claimKey });
      if (existing) return { status: 'duplicate', entry: existing };
    }
    throw err;
  }
}
