/** Retry delays: exponential from 2 s, capped at 5 min, with "equal jitter" so clients spread out. */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** Delay before the next attempt after `failures` consecutive failures (≥ 1). `random` ∈ [0, 1). */
export function backoffDelay(failures: number, random: number): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + (exp / 2) * Math.min(Math.max(random, 0), 1));
}
