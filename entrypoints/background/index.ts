import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { enabledPartnerIds, noteGranted, offIds } from '@/components/partner-access';
import type { Partner } from '@/utils/contract';
import { ledgerDb } from '@/utils/ledger';
import { checkLedger } from '@/utils/ledger/health';
import { LEDGER_UNAVAILABLE } from '@/utils/ledger/unavailable';
import { type OpReply, onMessage, type PageReply } from '@/utils/messaging';
import { sitePattern } from '@/utils/partners';
import { loadCatalogue } from '@/utils/partners/stored';
import { setBackendUrl, signOut, startSignIn, verifySignIn } from './account';
import { activationAllows } from './banner';
import { activateFromPopup, setupBanner } from './banner-messages';
import { CATALOGUE_ALARM, ensureCatalogueAlarm, refreshCatalogue } from './catalogue-refresh';
import { handleClaimReport, partnerOfSender } from './claims';
import { deleteAllData } from './delete-all';
import { setupDonations } from './donate-ops';
import { reportMissingPurchase } from './missing-claim-ops';
import { setupNotifications } from './notifications';
import { updatePartnerHints } from './partner-hint';
import { activateCoupon, redeemReward } from './program-ops';
import { refreshProgram } from './program-refresh';
import { syncContentScripts } from './registration';
import { isOwnPage } from './sender';
import { saveSurveyDraft, submitSurvey } from './survey-ops';
import {
  ensurePollAlarm,
  POLL_ALARM,
  RETRY_ALARM,
  requestSync,
  syncSoon,
  whenSyncIdle,
} from './sync';
import { reloadWhenIdle } from './update';

export default defineBackground(() => {
  // Every listener is registered synchronously, first thing, so an event that
  // wakes the worker is never missed. Slow work runs behind `ready`.
  let ready: Promise<unknown> = Promise.resolve();
  const resync = () => {
    ready = loadCatalogue().then(async ({ partners }) => {
      await syncContentScripts(partners);
      // Granted = turned on, wherever it was granted; tells "access removed" from "never on".
      await noteGranted(partners);
      // Chrome's toolbar hint on partner shops that are not on (partner-hint.ts; never throws).
      await updatePartnerHints(partners, await enabledPartnerIds(partners));
    });
    ready.catch((err) => console.error('[pointpilot] content-script sync failed', err));
    return ready;
  };

  const claimDeps = async () => ({
    extensionId: browser.runtime.id,
    index: (await loadCatalogue()).index,
    db: ledgerDb(),
    // Enabled = the user granted this very site (scheme + host) to us.
    // …and did not turn the partner off in the settings (a grant the browser keeps).
    isEnabled: async (partner: { id: string }, url: string) =>
      !(await offIds()).has(partner.id) &&
      browser.permissions.contains({ origins: [sitePattern(url)] }),
    activationAllows: (partner: Partner, claimKey: string) => activationAllows(partner, claimKey),
  });

  // Opened (a few tries) once per life of the background; the verdict is stored for the pages.
  const ledgerOk = () => checkLedger().then((h) => h.ok);
  void ledgerOk();
  const notSaved = { status: 'refused', reason: LEDGER_UNAVAILABLE } as const;

  onMessage('reportClaim', async ({ data, sender }) => {
    await ready.catch(() => undefined);
    // Never "recorded" unless it is stored: the page then says it could not be saved.
    if (!(await ledgerOk())) return notSaved;
    const reply = await handleClaimReport(data, sender, await claimDeps()).catch((err) => {
      console.error('[pointpilot] could not store a claim', err);
      return notSaved;
    });
    if (reply.status === 'recorded') syncSoon();
    return reply;
  });

  onMessage('partnerForTab', async ({ sender }) => {
    const partner = await partnerOfSender(sender, await claimDeps());
    return 'refused' in partner ? null : partner;
  });

  // The on-site banner and the badge: only ever for the sender's own tab, on an enabled partner.
  setupBanner(async (sender) => {
    const partner = await partnerOfSender(sender, await claimDeps());
    return 'refused' in partner ? null : partner;
  });

  // Requests from our own pages only; anything else gets a refusal and no effect.
  const notAllowed = { ok: false, error: 'errorNotAllowed' } as const;
  const fromPage =
    <T, R extends PageReply | OpReply>(handler: (data: T) => Promise<R>) =>
    ({
      data,
      sender,
    }: {
      data: T;
      sender: { id?: string; url?: string };
    }): Promise<R | typeof notAllowed> =>
      isOwnPage(sender) ? handler(data) : Promise.resolve(notAllowed);

  onMessage(
    'permissionsChanged',
    fromPage(async () => {
      await resync();
      return { ok: true };
    }),
  );
  onMessage('startSignIn', fromPage(startSignIn));
  onMessage('verifySignIn', fromPage(verifySignIn));
  onMessage('signOut', fromPage(signOut));
  onMessage('setBackendUrl', fromPage(setBackendUrl));
  onMessage(
    'deleteAllData',
    fromPage(async () => {
      const reply = await deleteAllData();
      await resync(); // the partner choices went too: registrations follow the grants again
      return reply;
    }),
  );
  onMessage(
    'activateCoupon',
    fromPage((data: unknown) => activateCoupon(data)),
  );
  onMessage(
    'redeemReward',
    fromPage((data: unknown) => redeemReward(data)),
  );
  onMessage('activatePartnerFromPopup', fromPage(activateFromPopup));
  setupDonations();
  onMessage(
    'reportMissingPurchase',
    fromPage((data: unknown) => reportMissingPurchase(data)),
  );
  // These check the sender themselves (sender.ts), as fromPage does.
  onMessage('saveSurveyDraft', ({ data, sender }) => saveSurveyDraft(data, sender));
  onMessage('submitSurvey', ({ data, sender }) => submitSurvey(data, sender));
  onMessage(
    'syncNow',
    fromPage(async () => {
      const out = await requestSync({ force: true });
      if (out?.status !== 'failed') return { ok: true };
      return {
        ok: false,
        error: out.error.kind === 'offline' ? 'errorOffline' : 'errorServer',
        detail: out.error.message,
      };
    }),
  );

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === CATALOGUE_ALARM) void refreshCatalogue();
    // Without a ledger there is nothing to sync into: no retries against IndexedDB.
    if (!(await ledgerOk())) return;
    if (alarm.name === POLL_ALARM || alarm.name === RETRY_ALARM) void requestSync();
    // Throttled inside: mostly a no-op, a few 304s every quarter hour.
    if (alarm.name === POLL_ALARM || alarm.name === CATALOGUE_ALARM) void refreshProgram();
  });
  browser.permissions.onAdded.addListener(() => void resync());
  browser.permissions.onRemoved.addListener(() => void resync());
  browser.runtime.onStartup.addListener(() => {
    void resync();
    void requestSync();
    void refreshCatalogue();
    void refreshProgram();
  });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void resync();
    // After an update (or a reload) pick up at once what an interrupted sync left in the outbox.
    if (reason === 'update') void requestSync();
    void refreshCatalogue();
    void refreshProgram({ force: true });
    if (reason === 'install')
      void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
  });
  // An update waits for a running sync (bounded; see update.ts), then applies.
  browser.runtime.onUpdateAvailable.addListener(() => {
    void reloadWhenIdle({ idle: whenSyncIdle, reload: () => browser.runtime.reload() });
  });
  // Back online: push what waited.
  globalThis.addEventListener('online', () => void requestSync({ force: true }));

  // The periodic alarm also resumes a sync the worker died in the middle of.
  ensurePollAlarm();
  ensureCatalogueAlarm();
  // Browser notifications about the user's own ledger (see notifications.ts).
  setupNotifications({ ready: ledgerOk });
});
