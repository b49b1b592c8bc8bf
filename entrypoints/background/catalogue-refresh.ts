import { browser } from 'wxt/browser';
import { enabledPartnerIds } from '@/components/partner-access';
import { backendUrlOf, loadAccount } from '@/utils/account/storage';
import { apiClient } from '@/utils/api/client';
import { CATALOGUE_KEY, forgetCachedCatalogue, loadCatalogue } from '@/utils/partners/stored';
import { STORAGE_KEYS } from '@/utils/storage-keys';
import { updatePartnerHints } from './partner-hint';
import { revokeOrphanOrigins, syncContentScripts } from './registration';

export const CATALOGUE_ALARM = 'catalogue-refresh';
const ETAG_KEY = STORAGE_KEYS.catalogueEtag;

/**
 * Fetches the partner catalogue when it changed (ETag), gives back access to
 * partners that left, and re-registers content scripts, so partners that
 * appear or vanish take effect at once (new ones wait for the user to enable).
 * On any failure the stored (or bundled) catalogue stays in use.
 */
export async function refreshCatalogue(): Promise<'updated' | 'unchanged' | 'failed'> {
  const account = await loadAccount();
  const etag = (await browser.storage.local.get(ETAG_KEY))[ETAG_KEY];
  try {
    const res = await apiClient(backendUrlOf(account)).catalogue(
      typeof etag === 'string' ? etag : undefined,
    );
    if (!res) return 'unchanged';
    await browser.storage.local.set({
      [CATALOGUE_KEY]: res.catalogue,
      [ETAG_KEY]: res.etag ?? null,
    });
    forgetCachedCatalogue();
    const { partners } = await loadCatalogue();
    await revokeOrphanOrigins(partners);
    await syncContentScripts(partners);
    // The toolbar hint is a nicety: its failure never fails the refresh.
    await enabledPartnerIds(partners)
      .then((ids) => updatePartnerHints(partners, ids))
      .catch((err) => console.warn('[pointpilot] partner hints not updated', err));
    return 'updated';
  } catch (err) {
    console.warn('[pointpilot] catalogue refresh failed; keeping the current one', err);
    return 'failed';
  }
}

export function ensureCatalogueAlarm(): void {
  void browser.alarms.get(CATALOGUE_ALARM).then((a) => {
    if (!a)
      void browser.alarms.create(CATALOGUE_ALARM, { periodInMinutes: 6 * 60, delayInMinutes: 1 });
  });
}
