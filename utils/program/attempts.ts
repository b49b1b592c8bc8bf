import type { EntryCode, RejectCode } from '../contract';
import type { LedgerEntry } from '../ledger';

/**
 * How long a refused activation or redemption is still shown next to its
 * coupon or reward (the activity keeps it for good). Long enough to read it
 * after reopening the popup, short enough not to haunt the list.
 */
export const REFUSAL_SHOWN_MS = 15 * 60_000;

/** The newest of each target's attempts (activations by coupon, redemptions by reward). */
export function latestAttempts(
  entries: readonly LedgerEntry[],
  target: (e: LedgerEntry) => string | undefined,
): Map<string, LedgerEntry> {
  const latest = new Map<string, LedgerEntry>();
  for (const e of entries) {
    const key = target(e);
    if (!key) continue;
    const seen = latest.get(key);
    if (!seen || e.createdAt > seen.createdAt) latest.set(key, e);
  }
  return latest;
}

/** The refusal code of an attempt refused within REFUSAL_SHOWN_MS, else undefined. */
export function recentRefusal(
  attempt: LedgerEntry | undefined,
  now: number,
): EntryCode | RejectCode | undefined {
  if (attempt?.status !== 'rejected') return undefined;
  if (now - attempt.createdAt > REFUSAL_SHOWN_MS) return undefined;
  return attempt.code ?? 'invalid';
}
