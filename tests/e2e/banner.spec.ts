import AxeBuilder from '@axe-core/playwright';
import type { Page, Worker } from '@playwright/test';
import { type Shop, startShop } from '../../demo/shop/server';
import { signInThroughSettings } from '../journeys/core';
import { playwrightBrowser } from '../journeys/playwright-ui';
import { attributeOf, openPopup, openSection, popupSel } from '../journeys/popup';
import { type Backend, startBackend } from './backend';
import { bannerLook, exposeClosedShadow, focusedInShadow } from './closed-shadow';
import { expect, test } from './fixtures';

const BANNER = 'pointpilot-banner';

let shop: Shop;
let hostile: Shop;
let backend: Backend;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
  hostile = await startShop({ port: 0, hostile: true });
  backend = await startBackend();
});
test.afterAll(async () => {
  await shop?.close();
  await hostile?.close();
  await backend?.stop();
});

/** The toolbar badge and title of the tab showing `url`, as the browser holds them. */
function badgeOf(worker: Worker, url: string) {
  return worker.evaluate(async (url) => {
    type Tabs = { query(q: { url: string }): Promise<{ id: number }[]> };
    type Action = {
      getBadgeText(d: { tabId: number }): Promise<string>;
      getTitle(d: { tabId: number }): Promise<string>;
    };
    const c = (globalThis as unknown as { chrome: { tabs: Tabs; action: Action } }).chrome;
    const [tab] = await c.tabs.query({ url });
    if (!tab) return null;
    return {
      text: await c.action.getBadgeText({ tabId: tab.id }),
      title: await c.action.getTitle({ tabId: tab.id }),
    };
  }, url);
}

/** The banner as rendered, once it is there (its root handed to the test through CDP). */
async function banner(page: Page) {
  const context = page.context();
  await expect.poll(() => exposeClosedShadow(context, page, BANNER)).toBe(true);
  return bannerLook(page, BANNER);
}

const bannerCount = (page: Page) => page.locator(`#${BANNER}`).count();

test('on the demo shop: the badge shows the rate, one banner with a points preview (tier and coupon), keyboard and axe, a hostile page changes nothing', async ({
  context,
  extensionId,
  worker,
}) => {
  const page = await context.newPage();
  const productUrl = `${shop.url}/product/handmuehle`; // 49,90 €: 99 points at 2 per €
  await page.goto(productUrl);
  const look = await banner(page);
  expect(look.texts).toEqual([
    'Pointpilot collects 2 points per € here.',
    'About 99 points for this.',
    'Never on this site',
    '×',
  ]);
  await expect
    .poll(() => badgeOf(worker, `${shop.url}/*`))
    .toEqual({
      text: '2/€',
      title: 'Pointpilot collects 2 points per € on Demo Shop',
    });
  // Once: a client-side navigation and a second look add no second banner.
  await page.evaluate(() => history.pushState({}, '', '/product/handmuehle?variant=2'));
  await page.waitForTimeout(500);
  expect(await bannerCount(page)).toBe(1);

  // axe on the banner itself (the shop is not ours), light and dark.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).include(`#${BANNER}`).analyze();
    expect(violations, `banner, ${scheme}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });

  // The same banner on a page whose stylesheet and script attack it.
  const attacked = await context.newPage();
  await attacked.goto(`${hostile.url}/product/handmuehle`);
  const hostileLook = await banner(attacked);
  expect(hostileLook).toEqual(await bannerLook(page, BANNER));
  expect(hostileLook.host.display).toBe('block');
  expect(hostileLook.host.visibility).toBe('visible');
  const seen = await attacked.evaluate(
    () => (window as unknown as { __hostile: Record<string, unknown> }).__hostile,
  );
  expect(seen).toMatchObject({
    found: true,
    shadowRoot: 'null',
    text: '',
    reopened: false,
    clicked: true,
  });
  // Its synthetic clicks on the close button did nothing: the banner is still there.
  expect(await bannerCount(attacked)).toBe(1);
  await attacked.close();

  // Signed in with the 10× coupon activated: the preview counts it (and the tier's 1×).
  const b = playwrightBrowser(context, extensionId);
  await signInThroughSettings(b, backend, 'banner@example.de');
  const popup = await openPopup(b);
  await openSection(popup, 'coupons');
  const coupon = popupSel.coupon('demo-shop-10x');
  await popup.waitFor(coupon);
  await popup.click(`${coupon} button`);
  await expect.poll(() => attributeOf(popup, coupon, 'data-state')).toBe('activated');
  await page.reload();
  expect((await banner(page)).texts).toContain('About 990 points for this.');

  // By keyboard: from the page's start, Shift+Tab reaches the banner's close button; Enter closes it.
  await page.bringToFront();
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInShadow(page, BANNER)).toBe('Close for now');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInShadow(page, BANNER)).toBe('Never on this site');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => bannerCount(page)).toBe(0);
  // Closed for that partner for a while: not on the next page either; purchases still count.
  await page.goto(`${shop.url}/product/teekanne`);
  await page.waitForTimeout(1000);
  expect(await bannerCount(page)).toBe(0);
  expect((await badgeOf(worker, `${shop.url}/*`))?.text).toBe('2/€');
});
