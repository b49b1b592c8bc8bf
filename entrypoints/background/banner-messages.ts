import { browser } from 'wxt/browser';
import { z } from 'zod';
import { type Partner, PartnerId } from '@/utils/contract';
import { ledgerDb } from '@/utils/ledger';
import { onMessage, type PageReply } from '@/utils/messaging';
import { loadCatalogue } from '@/utils/partners/stored';
import { clearBadgesOnNavigation, showPartnerBadge } from './badge';
import { activate, bannerInfo, dismiss } from './banner';
import type { ClaimSender } from './claims';

/**
 * The banner's messages. `partnerOf` answers only for a top-level frame of
 * an enabled partner's tab (claims.ts), so a page elsewhere gets nothing and
 * can change nothing; the badge is set for the sender's own tab alone.
 */
export function setupBanner(partnerOf: (sender: ClaimSender) => Promise<Partner | null>): void {
  const badge = (sender: ClaimSender, partner: Partner) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    void bannerInfo(partner, sender.url, ledgerDb())
      .then((info) => showPartnerBadge(tabId, info))
      .catch(() => undefined);
  };
  onMessage('bannerForTab', async ({ sender }) => {
    const partner = await partnerOf(sender);
    if (!partner) return null;
    // One read for both the banner and the badge: this runs on every partner page load.
    const info = await bannerInfo(partner, sender.url, ledgerDb());
    if (sender.tab?.id !== undefined)
      void showPartnerBadge(sender.tab.id, info).catch(() => undefined);
    return info;
  });
  onMessage('activatePartner', async ({ sender }) => {
    const partner = await partnerOf(sender);
    if (!partner?.requiresActivation) return null;
    const reply = await activate(partner);
    badge(sender, partner);
    return reply;
  });
  onMessage('dismissBanner', async ({ data, sender }) => {
    const partner = await partnerOf(sender);
    return partner ? dismiss(partner, sender.url, data) : { ok: false };
  });
  clearBadgesOnNavigation();
}

const FromPopup = z.object({ partnerId: PartnerId });

/** *Activate* pressed in the popup (an extension page: checked by the caller). */
export async function activateFromPopup(data: unknown): Promise<PageReply> {
  const parsed = FromPopup.safeParse(data);
  const { partners } = await loadCatalogue();
  const partner = parsed.success ? partners.find((p) => p.id === parsed.data.partnerId) : undefined;
  if (!partner?.requiresActivation) return { ok: false, error: 'errorNotAllowed' };
  await activate(partner);
  // The active tab is this partner's page (the popup was opened there): its badge follows.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  if (tab?.id !== undefined && tab.url)
    void bannerInfo(partner, tab.url, ledgerDb())
      .then((info) => showPartnerBadge(tab.id!, info))
      .catch(() => undefined);
  return { ok: true };
}
