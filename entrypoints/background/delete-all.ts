import { browser } from 'wxt/browser';
import { backendUrlOf, loadAccount, saveAccount } from '@/utils/account/storage';
import { apiClient } from '@/utils/api/client';
import { ledgerDb } from '@/utils/ledger';
import type { PageReply } from '@/utils/messaging';
import { programRefreshSettled } from './program-refresh';
import { whenSyncIdle } from './sync';

/**
 * "Delete all local data" (the settings asked the user to confirm): every
 * IndexedDB table and all of storage.local are emptied, which signs out.
 * Unlike a sign-out nothing is sent or kept first: the user asked for it
 * all to go. The session is ended on the server too, best effort.
 */
export async function deleteAllData(): Promise<PageReply> {
  const account = await loadAccount();
  // Without a token no new sync or refresh starts; a running one ends first,
  // so nothing writes the old data back after the wipe.
  await saveAccount({ token: undefined, member: undefined, needsSignIn: false });
  await whenSyncIdle();
  await programRefreshSettled();
  const db = ledgerDb();
  await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear())));
  await browser.storage.local.clear();
  if (account.token)
    void apiClient(backendUrlOf(account))
      .signOut(account.token)
      .catch(() => undefined);
  return { ok: true };
}
