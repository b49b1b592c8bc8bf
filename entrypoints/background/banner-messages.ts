import type { Partner } from '@/utils/contract';
import { ledgerDb } from '@/utils/ledger';
import { onMessage } from '@/utils/messaging';
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
    badge(sender, partner);
    return bannerInfo(partner, sender.url, ledgerDb());
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
