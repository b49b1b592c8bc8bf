import { browser } from 'wxt/browser';
import { currencySymbol, formatPoints, rateText, t } from '@/components/i18n';
import { BADGE_COLOURS, badgeText } from '@/utils/banner/badge';
import type { BannerInfo } from '@/utils/messaging';

/**
 * The badge lives per tab and is set only from an enabled partner's content
 * script (the one place that knows the tab is such a page), so no other
 * page's address is ever read. A navigation clears it; the next partner
 * page sets it again.
 */
export async function showPartnerBadge(tabId: number, info: BannerInfo): Promise<void> {
  const { partner } = info;
  const activate = partner.requiresActivation && info.activeUntil === null;
  const rate = rateText(partner.earn.pointsPerUnit, partner.earn.currency);
  const text = badgeText(
    partner.earn.pointsPerUnit,
    currencySymbol(partner.earn.currency),
    formatPoints,
    activate,
  );
  const colour = activate ? BADGE_COLOURS.activate : BADGE_COLOURS.collecting;
  await Promise.all([
    browser.action.setBadgeText({ tabId, text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: colour }),
    browser.action.setTitle({
      tabId,
      title: t(activate ? 'badgeTitleActivate' : 'badgeTitleCollects', rate, partner.name),
    }),
  ]).catch(() => undefined); // the tab may be gone already
}

export function clearBadgesOnNavigation(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void Promise.all([
      browser.action.setBadgeText({ tabId, text: '' }),
      browser.action.setTitle({ tabId, title: t('extName') }),
    ]).catch(() => undefined);
  });
}
