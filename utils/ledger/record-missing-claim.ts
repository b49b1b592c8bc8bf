import type { MissingPurchase, Partner } from '../contract';
import { earnPoints } from '../loyalty/points';
import { claimKeyOf, type LedgerDb, type LedgerEntry } from './db';
import { writePendingClaim } from './record-claim';

export type MissingRecordResult =
  | { status: 'recorded'; entry: LedgerEntry }
  /** The ledger already has a claim of this order (detected or reported): nothing was written. */
  | { status: 'duplicate'; entry: LedgerEntry };

/**
 * Writes a purchase the member reports as missing, already checked with
 * checkMissingPurchase: a pending claim entry marked `reported`, its pending
 * points and its 'missing-claim' op, in one transaction, under the same
 * unique partner+order key as a detected claim. So an order is claimed once
 * on this device however it was found, and a double submit makes one op.
 */
export async function recordMissingClaim(
  db: LedgerDb,
  purchase: MissingPurchase,
  partner: Partner,
  opts: { id?: string; now?: number } = {},
): Promise<MissingRecordResult> {
  const id = opts.id ?? crypto.randomUUID();
  const now = opts.now ?? Date.now();
  const points = earnPoints(purchase.amount, partner.earn) ?? 0;
  const claimKey = claimKeyOf(purchase.partnerId, purchase.orderRef);
  const entry: LedgerEntry = {
    id,
    kind: 'claim',
    partnerId: purchase.partnerId,
    orderRef: purchase.orderRef,
    amount: purchase.amount,
    points,
    status: 'pending',
    reason: 'awaiting-sync',
    signals: [],
    createdAt: now,
    claimKey,
    reported: { purchasedOn: purchase.purchasedOn },
  };
  return writePendingClaim(db, entry, {
    id,
    type: 'missing-claim',
    createdAt: new Date(now).toISOString(),
    purchase,
  });
}
