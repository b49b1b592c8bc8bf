/**
 * A partner that requires per-visit activation: the shopper's *Activate* is
 * remembered for that partner for a limited time. Pure, so it is unit-tested.
 */

/**
 * Whether an activation made at `activatedAt` (epoch ms) still holds at
 * `now`, for `ttlMs`. An activation "in the future" means the clock was set
 * back since: it no longer counts, so the shopper is asked once more rather
 * than shopping unactivated without knowing it.
 */
export function activationValid(
  activatedAt: number | null | undefined,
  ttlMs: number,
  now: number,
): boolean {
  if (activatedAt == null || !Number.isFinite(activatedAt) || !Number.isFinite(now)) return false;
  if (!(ttlMs > 0)) return false;
  const age = now - activatedAt;
  return age >= 0 && age < ttlMs;
}

/** When an activation made at `activatedAt` runs out (epoch ms). */
export function activationExpiresAt(activatedAt: number, ttlMs: number): number {
  return activatedAt + Math.max(0, ttlMs);
}
