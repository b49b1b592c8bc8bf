import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { placeOrder } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { bundledPartners } from '../../utils/partners/catalogue';
import { signInThroughSettings } from '../journeys/core';
import { playwrightBrowser } from '../journeys/playwright-ui';
import { attributeOf, localEntries, openPopup, openSection, popupSel } from '../journeys/popup';
import { type Backend, startBackend } from './backend';
import { bannerLook, exposeClosedShadow, focusedInShadow } from './closed-shadow';
import { expect, test } from './fixtures';
import { putPartner } from './operator';
import { serverView } from './server-view';
import { badgeOf } from './toolbar';

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

  // By keyboard: from the page's start, Shift+Tab reaches the banner's buttons; "Never on this site".
  await page.bringToFront();
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInShadow(page, BANNER)).toBe('Close for now');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInShadow(page, BANNER)).toBe('Never on this site');
  await page.keyboard.press('Enter');
  await expect.poll(() => bannerCount(page)).toBe(0);
  await page.goto(`${shop.url}/product/teekanne`);
  await page.waitForTimeout(1000);
  expect(await bannerCount(page)).toBe(0);
  // Purchases there still count: the badge still shows the rate.
  expect((await badgeOf(worker, `${shop.url}/*`))?.text).toBe('2/€');

  // The settings list the site and give it back; in German, the banner follows the choice.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const settings = options.getByTestId('banner-settings');
  await expect(settings.getByTestId('banner-never-sites')).toHaveText('Show again on 127.0.0.1');
  await expect(settings.getByLabel('After closing, hide it for')).toHaveValue('7');
  await settings.getByRole('button', { name: 'Show again on 127.0.0.1' }).click();
  await expect(settings.getByText('No sites.')).toBeVisible();
  await options.getByTestId('language').getByRole('combobox').selectOption('de');
  await page.reload();
  expect((await banner(page)).texts).toEqual([
    'Pointpilot sammelt hier 2 Punkte pro €.',
    'Dafür gibt es etwa 590 Punkte.',
    'Auf dieser Website nie mehr',
    '×',
  ]);

  // "Close for now" by keyboard: gone for this partner for the chosen days, on every page.
  await page.bringToFront();
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInShadow(page, BANNER)).toBe('Vorerst schließen');
  await page.keyboard.press('Enter');
  await expect.poll(() => bannerCount(page)).toBe(0);
  await page.goto(`${shop.url}/product/handmuehle`);
  await page.waitForTimeout(1000);
  expect(await bannerCount(page)).toBe(0);
  await options.getByTestId('language').getByRole('combobox').selectOption('browser');
});

/** Which notice the page shows (its kind sits on the host; the text is in the closed root). */
const noticeKind = (page: Page) =>
  page.locator('#pointpilot-notice').getAttribute('data-kind', { timeout: 15_000 });

test('a partner that requires activation: a purchase before Activate earns nothing (also after it), one after it is credited; the page cannot activate it', async ({
  context,
  extensionId,
  worker,
}) => {
  // The operator turns on per-visit activation for the demo shop (as the console will).
  const demo = bundledPartners.find((p) => p.id === 'demo-shop')!;
  const { id: _id, ...entry } = demo;
  await putPartner(backend.url, 'demo-shop', {
    ...entry,
    requiresActivation: true,
    activationHours: 2,
  });
  const b = playwrightBrowser(context, extensionId);
  const email = 'activation@example.de';
  const { token } = await signInThroughSettings(b, backend, email);
  await expect
    .poll(() =>
      worker.evaluate(async () => {
        type Storage = { local: { get(k: string): Promise<Record<string, unknown>> } };
        const c = (globalThis as unknown as { chrome: { storage: Storage } }).chrome;
        const cat = (await c.storage.local.get('catalogue')).catalogue as {
          partners: { id: string; requiresActivation: boolean }[];
        };
        return cat?.partners.find((p) => p.id === 'demo-shop')?.requiresActivation;
      }),
    )
    .toBe(true);

  // On the hostile shop: the banner asks for activation; the page's own clicks do not give it.
  const page = await context.newPage();
  await page.goto(`${hostile.url}/product/handmuehle`);
  expect((await banner(page)).texts).toEqual([
    'Activate Pointpilot before you buy to collect 2 points per € here.',
    'About 99 points for this.',
    'Activate',
    'Never on this site',
    '×',
  ]);
  await expect
    .poll(() => badgeOf(worker, `${hostile.url}/*`))
    .toEqual({
      text: '!',
      title: 'Pointpilot: activate on Demo Shop to collect 2 points per €',
    });
  await expect
    .poll(() =>
      page.evaluate(
        () => (window as unknown as { __hostile: { clicked?: boolean } }).__hostile.clicked,
      ),
    )
    .toBe(true);
  expect((await bannerLook(page, BANNER)).texts).toContain('Activate');

  // Bought without activating: refused in the page, nothing in the ledger.
  const before = await placeOrder(hostile.url, 'handmuehle.1', email);
  const beforeRef = new URL(before).pathname.split('/')[2]!;
  await page.goto(before);
  expect(await noticeKind(page)).toBe('not-activated');
  const popup = await openPopup(b);
  expect((await localEntries(popup)).map((e) => e.orderRef)).not.toContain(beforeRef);

  // The popup offers the same activation; here it is made on the page, by keyboard.
  await popup.reload();
  await popup.waitFor('[data-testid="activation"][data-state="needed"]');
  await page.goto(`${hostile.url}/product/teekanne`);
  await banner(page);
  await page.bringToFront();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInShadow(page, BANNER)).toBe('Activate');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await bannerLook(page, BANNER)).texts[0])
    .toMatch(/^Activated: purchases here collect 2 points per € until \d{1,2}:\d\d\s?[AP]M\.$/);
  await expect.poll(async () => (await badgeOf(worker, `${hostile.url}/*`))?.text).toBe('2/€');
  await popup.waitFor('[data-testid="activation"][data-state="active"]');

  // Bought now: recorded. The earlier order stays uncredited, also on a revisit.
  const after = await placeOrder(hostile.url, 'bohnen.1', email);
  const afterRef = new URL(after).pathname.split('/')[2]!;
  await page.goto(after);
  expect(await noticeKind(page)).toBe('recorded');
  await page.goto(before);
  expect(await noticeKind(page)).toBe('not-activated');
  const refs = (await localEntries(popup)).map((e) => e.orderRef);
  expect(refs).toContain(afterRef);
  expect(refs).not.toContain(beforeRef);
  // And the server agrees once synced: exactly the order made while activated.
  await expect
    .poll(async () => (await serverView(backend, token)).claims.map((c) => c.orderRef), {
      timeout: 30_000,
    })
    .toEqual([afterRef]);
});
