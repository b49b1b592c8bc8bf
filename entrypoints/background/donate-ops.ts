import { z } from 'zod';
import {
  type Cause,
  CauseId,
  checkDonation,
  type DonationProblem,
} from '@/utils/contract/donation';
import { type LedgerDb, type LedgerEntry, ledgerDb } from '@/utils/ledger';
import { type ErrorKey, type OpReply, onMessage } from '@/utils/messaging';
import { signedIn } from './program-ops';
import { isOwnPage } from './sender';
import { syncSoon } from './sync';

const DonateRequest = z.strictObject({ causeId: CauseId, points: z.unknown() });

const PROBLEM_ERROR: Record<DonationProblem, ErrorKey> = {
  invalid: 'errorDonationPoints',
  'donation-below-minimum': 'errorDonationBelowMinimum',
  'insufficient-points': 'errorDonationTooMany',
};

/** A donation made on this device that the server has not answered yet. */
export const isPendingDonation = (e: LedgerEntry) =>
  e.kind === 'spend' && e.status === 'pending' && e.causeId !== undefined;

/** The causes last fetched (program part 'causes'), or none. */
export async function storedCauses(db: LedgerDb): Promise<Cause[]> {
  const row = await db.program.get('causes');
  return row?.id === 'causes' ? row.data.causes : [];
}

/**
 * The popup asks to donate (the shopper confirmed): checked with the rule the
 * server applies (utils/contract/donation.ts) against the available points,
 * then a pending 'spend' entry (id = op id, the points it will cost, its
 * causeId) and its op in one transaction, and a sync soon. The balances do not move until the server's
 * own 'spend' entry, as for a redemption; the popup shows "Donating…" until
 * then. While a donation waits, that one is answered again (a double click
 * makes one op).
 */
export async function donatePoints(
  data: unknown,
  db: LedgerDb = ledgerDb(),
  now = Date.now(),
): Promise<OpReply> {
  const req = DonateRequest.safeParse(data);
  if (!req.success) return { ok: false, error: 'errorGeneric' };
  if (!(await signedIn())) return { ok: false, error: 'errorSignInForProgram' };
  const cause = (await storedCauses(db)).find((c) => c.id === req.data.causeId);
  if (!cause) return { ok: false, error: 'errorDonationCauseGone' };
  return db.transaction('rw', db.entries, db.outbox, db.balances, async (): Promise<OpReply> => {
    const pending = await db.entries.where('status').equals('pending').toArray();
    const waiting = pending.find(isPendingDonation);
    if (waiting) return { ok: true, opId: waiting.id };
    const available = (await db.balances.get('me'))?.available ?? 0;
    const check = checkDonation(req.data.points, cause, available);
    if (!check.ok) return { ok: false, error: PROBLEM_ERROR[check.code] };
    const id = crypto.randomUUID();
    const createdAt = new Date(now).toISOString();
    await db.entries.add({
      id,
      kind: 'spend',
      partnerId: null,
      orderRef: null,
      amount: null,
      // What it will cost; the balances only move with the server's entry.
      points: -check.points,
      status: 'pending',
      reason: 'donating',
      signals: [],
      createdAt: now,
      causeId: cause.id,
    });
    await db.outbox.add({
      id,
      op: { id, type: 'donate', createdAt, causeId: cause.id, points: check.points },
      createdAt: now,
      attempts: 0,
    });
    return { ok: true, opId: id };
  });
}

/** Registers the popup's donation request (from our own pages only). */
export function setupDonations(): void {
  onMessage('donatePoints', async ({ data, sender }) => {
    if (!isOwnPage(sender)) return { ok: false, error: 'errorNotAllowed' };
    const reply = await donatePoints(data);
    if (reply.ok) syncSoon();
    return reply;
  });
}
