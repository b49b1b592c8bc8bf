import type { Ack, Op, ServerEntry } from '../contract';
import type { LedgerDb, LedgerEntry } from '../ledger';
import { fromServer } from './from-server';

/**
 * The loyalty program's side of applying a sync answer: coupon activations,
 * redemptions and tier changes. Called inside applySyncResponse's transaction.
 */

/**
 * Changes after which the tier, the coupons, the rewards or the surveys may
 * look different: a survey credited or a badge earned changes the list and
 * the streak; a confirmed purchase may open an after-purchase survey.
 */
const PROGRAM_KINDS: ReadonlySet<ServerEntry['kind']> = new Set([
  'activate',
  'tier',
  'confirm',
  'reject',
  'adjust',
  'spend',
  'survey',
  'badge',
  // Lots change: the expiry warning (Program.expiring) follows.
  'expire',
  'bonus',
]);
/** Ops of the program (not claims): their entries are never counted as unsent points. */
const PROGRAM_OPS: ReadonlySet<Op['type']> = new Set([
  'activate-coupon',
  'redeem',
  'survey-answer',
  'donate',
]);

export const affectsProgram = (e: ServerEntry) => PROGRAM_KINDS.has(e.kind);
export const isProgramOp = (type: Op['type'] | undefined) =>
  type !== undefined && PROGRAM_OPS.has(type);

/**
 * The update the accepted ack of a local activation, redemption or survey. An
 * activation is done with it; a redemption stays pending (0 points) until
 * its 'spend' entry brings the price and the voucher, a survey until its
 * 'survey' entry credits the reward (neither comes with the ack).
 */
export function acceptedProgramOp(
  entry: LedgerEntry,
  ack: Extract<Ack, { status: 'accepted' }>,
): Partial<LedgerEntry> {
  const update: Partial<LedgerEntry> = { serverSeq: ack.seq };
  if (entry.kind === 'activate' && entry.status === 'pending') {
    update.status = 'confirmed';
    update.reason = 'coupon-activated';
  }
  return update;
}

/** Applies an 'activate', 'tier' or 'spend' change; false for other kinds. */
export async function applyProgramChange(db: LedgerDb, e: ServerEntry): Promise<boolean> {
  if (e.kind !== 'activate' && e.kind !== 'tier' && e.kind !== 'spend') return false;
  const mine = await db.entries.get(e.id);
  if (mine) {
    // The server's entry for an op of this device: it replaces the pending one.
    if (e.kind === 'tier') return true; // no local op makes tier entries: a repeat
    const { createdAt: _keepLocalTime, ...server } = fromServer(e);
    await db.entries.update(e.id, {
      ...server,
      status: 'confirmed',
      reason: e.kind === 'activate' ? 'coupon-activated' : 'spent',
    });
    return true;
  }
  // From another device, or this one's history pulled again after signing in.
  await db.entries.add({
    ...fromServer(e),
    status: 'confirmed',
    reason:
      e.kind === 'activate' ? 'coupon-activated' : e.kind === 'tier' ? 'tier-changed' : 'spent',
    claimId: e.claimId ?? undefined,
  });
  return true;
}
