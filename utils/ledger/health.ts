// Browser-side adapter: the ledger's health, stored so every page can show it.
import { browser } from 'wxt/browser';
import { STORAGE_KEYS } from '../storage-keys';
import { ledgerDb } from './db';
import { type LedgerHealth, openWithRetries } from './open';

export const LEDGER_HEALTH_KEY = STORAGE_KEYS.ledgerHealth;

/** What the background found at its last start (undefined: not checked yet). */
export async function storedLedgerHealth(): Promise<LedgerHealth | undefined> {
  const raw = (await browser.storage.local.get(LEDGER_HEALTH_KEY))[LEDGER_HEALTH_KEY] as
    | { ok?: unknown; error?: unknown }
    | undefined;
  if (raw?.ok === true) return { ok: true };
  if (raw?.ok === false) return { ok: false, error: String(raw.error ?? '') };
  return undefined;
}

let checked: Promise<LedgerHealth> | undefined;

/**
 * The background's check, once per life of the worker / event page: a few
 * attempts, then the answer is stored (storage.local works where IndexedDB
 * does not, e.g. Firefox's permanent private browsing) and kept.
 */
export function checkLedger(
  open: () => Promise<unknown> = () => ledgerDb().open(),
): Promise<LedgerHealth> {
  checked ??= openWithRetries(open).then(async (health) => {
    await browser.storage.local.set({ [LEDGER_HEALTH_KEY]: health }).catch(() => undefined);
    return health;
  });
  return checked;
}

/** For tests: forget the check of this worker's life. */
export function resetLedgerCheck(): void {
  checked = undefined;
}

/**
 * A page's view: its own single try (the popup must not wait for the
 * background's pauses; the stored verdict may be from an earlier session).
 */
export function pageLedgerHealth(): Promise<LedgerHealth> {
  return openWithRetries(() => ledgerDb().open(), { attempts: 1 });
}
