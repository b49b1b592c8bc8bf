import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ledgerDb } from '@/utils/ledger';
import { onMessage } from '@/utils/messaging';
import { sitePattern } from '@/utils/partners';
import { loadCatalogue } from '@/utils/partners/stored';
import { handleClaimReport, partnerOfSender } from './claims';
import { syncContentScripts } from './registration';

export default defineBackground(() => {
  // Every listener is registered synchronously, first thing, so a message or
  // event that wakes the worker is never missed. Slow work runs behind `ready`.
  let ready: Promise<unknown> = Promise.resolve();
  const resync = () => {
    ready = loadCatalogue().then(({ partners }) => syncContentScripts(partners));
    ready.catch((err) => console.error('[pointpilot] content-script sync failed', err));
    return ready;
  };

  const deps = async () => ({
    extensionId: browser.runtime.id,
    index: (await loadCatalogue()).index,
    db: ledgerDb(),
    // Enabled = the user granted this very site (scheme + host) to us.
    isEnabled: (_partner: unknown, url: string) =>
      browser.permissions.contains({ origins: [sitePattern(url)] }),
  });

  onMessage('reportClaim', async ({ data, sender }) => {
    await ready.catch(() => undefined);
    return handleClaimReport(data, sender, await deps());
  });

  onMessage('partnerForTab', async ({ sender }) => {
    const partner = await partnerOfSender(sender, await deps());
    return 'refused' in partner ? null : partner;
  });

  onMessage('permissionsChanged', async ({ sender }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return;
    await resync();
  });

  browser.permissions.onAdded.addListener(() => void resync());
  browser.permissions.onRemoved.addListener(() => void resync());
  browser.runtime.onStartup.addListener(() => void resync());
  browser.runtime.onInstalled.addListener(() => void resync());
});
