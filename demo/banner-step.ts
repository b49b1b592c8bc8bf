import type { BrowserContext, Page, Worker } from '@playwright/test';
import { bannerLook, exposeClosedShadow } from '../tests/e2e/closed-shadow';
import { badgeOf } from '../tests/e2e/toolbar';

/**
 * The demo's look at the shop itself: the banner on a product page (rate
 * and the points preview with the activated coupon) and the toolbar badge.
 */
export async function showBanner(
  context: BrowserContext,
  worker: Worker,
  page: Page,
  shopUrl: string,
  out: string,
  step: (text: string) => void,
): Promise<void> {
  step('Shopper looks at the grinder in the shop: the banner and the toolbar badge…');
  await page.goto(`${shopUrl}/product/handmuehle`);
  await page.locator('#pointpilot-banner').waitFor({ state: 'attached' });
  if (await exposeClosedShadow(context, page, 'pointpilot-banner')) {
    const { texts } = await bannerLook(page, 'pointpilot-banner');
    console.log(`  banner: "${texts.slice(0, 2).join(' ')}"`);
  }
  const badge = await badgeOf(worker, `${shopUrl}/*`);
  console.log(`  badge: "${badge?.text}" (${badge?.title})`);
  await page.screenshot({ path: `${out}/shop-banner.png` });
}

/** The in-page notice after a purchase, as the shopper reads it. */
export async function noticeText(context: BrowserContext, page: Page): Promise<string> {
  await page.locator('#pointpilot-notice').waitFor({ state: 'attached' });
  if (!(await exposeClosedShadow(context, page, 'pointpilot-notice'))) return '';
  return (await bannerLook(page, 'pointpilot-notice')).texts[0] ?? '';
}
