import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { setUiLanguage, t } from '@/components/i18n';
import { NOT_ACTIVATED } from '@/utils/banner/reasons';
import type { Partner } from '@/utils/contract';
import { type Observation, observePurchase } from '@/utils/detect';
import { PROBE_SOURCE, type ProbeMessage, parseProbeMessage } from '@/utils/detect/probe-channel';
import { LEDGER_UNAVAILABLE } from '@/utils/ledger/unavailable';
import { type ClaimReply, sendMessage } from '@/utils/messaging';
import { hideBanner, showBanner } from './banner';
import { NOTICE_ID, type NoticeKind, recordedText, showNotice } from './notice';

/**
 * Runs only on partner sites the user enabled (registered at runtime by the
 * background). Watches the page for an order confirmation for a bounded
 * time, then reports the claim; the background decides whether it counts.
 */
export default defineContentScript({
  registration: 'runtime',
  async main(ctx) {
    const partner = await retrying(() => sendMessage('partnerForTab', undefined));
    if (!partner || !ctx.isValid) return;
    watch(ctx, partner);
    // The banner (and the settings' language for every text here); detection never waits for it.
    const banner = await retrying(() => sendMessage('bannerForTab', undefined));
    if (!banner || !ctx.isValid) return;
    if (banner.language) setUiLanguage(banner.language);
    if (!document.getElementById(NOTICE_ID)) showBanner(ctx, banner);
  },
});

/**
 * The service worker may be starting up or be stopped mid-call (the message
 * then fails); a few spaced retries ride that out. Safe for claims too: the
 * background records each order once, so a retry never doubles it.
 */
async function retrying<T>(send: () => Promise<T>): Promise<T | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await send();
    } catch {
      await new Promise((r) => setTimeout(r, 300 * 2 ** attempt));
    }
  }
  return null;
}

const report = (claim: unknown): Promise<ClaimReply | null> =>
  retrying(() => sendMessage('reportClaim', claim));

function watch(ctx: ContentScriptContext, partner: Partner): void {
  // Entries the main-world probe saw pushed to window.dataLayer / gtag.
  const dataLayer: unknown[] = [];
  const observe = (): Observation =>
    observePurchase({
      partner,
      getSnapshot: () => ({ url: location.href, document, dataLayer }),
      signal: ctx.signal,
      setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id),
      onClaim: async ({ claim }) => {
        const reply = await report(claim);
        // The notice takes the banner's place: one thing from Pointpilot on the page at a time.
        const say = (text: string, kind: NoticeKind) => {
          hideBanner();
          showNotice(ctx, text, kind);
        };
        if (reply?.status === 'recorded')
          say(recordedText(reply.points, partner.name, partner.confirmationDays), 'recorded');
        else if (reply?.status === 'duplicate') say(t('noticeDuplicate'), 'duplicate');
        // Not stored (no IndexedDB on this profile): say so rather than let it vanish.
        else if (reply?.status === 'refused' && reply.reason === LEDGER_UNAVAILABLE)
          say(t('noticeNotSaved', partner.name), 'not-saved');
        else if (reply?.status === 'refused' && reply.reason === NOT_ACTIVATED)
          say(t('noticeNotActivated', partner.name), 'not-activated');
      },
    });
  let observation = observe();

  ctx.addEventListener(window, 'message', (event) => {
    if (event.source !== window) return;
    const msg = parseProbeMessage(event.data);
    if (msg?.kind !== 'entries') return;
    dataLayer.push(...msg.entries);
    observation.notify('datalayer');
  });
  // Single-page shops: a confirmation can appear without a page load.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    if (observation.active) observation.notify('navigation');
    else observation = observe();
  });
  // A claim still settling is reported before the page goes away (tab closed, link followed).
  ctx.addEventListener(window, 'pagehide', () => observation.flush());
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'hidden') observation.flush();
  });
  // The probe started earlier (document_start); ask it for what it saw so far.
  window.postMessage(
    { source: PROBE_SOURCE, kind: 'hello' } satisfies ProbeMessage,
    location.origin,
  );
}
