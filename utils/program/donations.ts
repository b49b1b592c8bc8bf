import type { EntryCode, RejectCode } from '../contract';
import { type Cause, checkDonation, type DonationProblem } from '../contract/donation';
import type { LedgerEntry } from '../ledger';
import { recentRefusal } from './attempts';

/** A donation entry: a 'spend' with a cause (local while pending, the server's once confirmed). */
export const isDonation = (e: LedgerEntry) =>
  e.kind === 'spend' && (e.causeId !== undefined || e.code === 'donation');

export interface DonationsView {
  /** A donation made here that the server has not answered yet. */
  pending?: LedgerEntry;
  /** Points donated in all, from the confirmed donation entries. */
  total: number;
  /** Why the newest donation was refused, while that is recent. */
  refusal?: EntryCode | RejectCode;
}

/** What the donate view shows from the ledger's spend entries. */
export function donationsView(spends: readonly LedgerEntry[], now: number): DonationsView {
  let total = 0;
  let pending: LedgerEntry | undefined;
  let newest: LedgerEntry | undefined;
  for (const e of spends) {
    if (!isDonation(e)) continue;
    if (e.status === 'confirmed') total += -e.points;
    if (e.status === 'pending') pending = e;
    if (!newest || e.createdAt > newest.createdAt) newest = e;
  }
  const refusal = pending ? undefined : recentRefusal(newest, now);
  return { total, ...(pending ? { pending } : {}), ...(refusal ? { refusal } : {}) };
}

export type PointsInput =
  | { ok: true; points: number }
  | { ok: false; code: DonationProblem | 'empty' };

/**
 * The points typed in the form, checked by the rule the server applies
 * (checkDonation): digits only (no "1e3", "1.5", "-1"), then the cause's
 * minimum and what is available.
 */
export function parseDonationPoints(
  text: string,
  cause: Pick<Cause, 'minPoints'>,
  available: number,
): PointsInput {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, code: 'empty' };
  if (!/^\d{1,9}$/.test(trimmed)) return { ok: false, code: 'invalid' };
  return checkDonation(Number(trimmed), cause, available);
}
