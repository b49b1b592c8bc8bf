/** Whether the ledger's database can be opened on this browser profile. */
export type LedgerHealth = { ok: true } | { ok: false; error: string };

/**
 * Opens the database, trying a few times with a growing pause, then gives up
 * for good. Private browsing (Firefox's "never remember history") refuses
 * IndexedDB at once and for the whole session: retrying beyond a few
 * attempts would only loop. A slow start-up (disk busy) gets its chance.
 */
export async function openWithRetries(
  open: () => Promise<unknown>,
  opts: { attempts?: number; delayMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<LedgerHealth> {
  const attempts = opts.attempts ?? 3;
  const delayMs = opts.delayMs ?? 300;
  const sleep = opts.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  let error = 'unknown';
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(delayMs * 2 ** (i - 1));
    try {
      await open();
      return { ok: true };
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
  }
  return { ok: false, error };
}
