/**
 * What to do when the browser has an update of the extension ready
 * (runtime.onUpdateAvailable; with a listener, the browser waits for us to
 * reload). A sync in flight is let finish first, so its answer is applied
 * rather than thrown away, but only for `maxWaitMs`: a server that holds the
 * request must not keep the old version running. Reloading mid-sync loses
 * and doubles nothing: an op leaves the outbox only in the same transaction
 * that applies the server's ack, and a resent op is deduplicated by its id.
 */
export async function reloadWhenIdle(deps: {
  /** Resolves when no sync runs (at once if none does). */
  idle: () => Promise<void>;
  reload: () => void;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}): Promise<'idle' | 'timeout'> {
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const waited = await Promise.race([
    deps.idle().then(
      () => 'idle' as const,
      () => 'idle' as const,
    ),
    sleep(deps.maxWaitMs ?? 30_000).then(() => 'timeout' as const),
  ]);
  deps.reload();
  return waited;
}
