import { expect, test } from '@playwright/test';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, startBackend } from '../e2e/backend';
import { purchaseRecordedOnce, syncAndPartnerDecisions } from '../journeys/core';
import { expectNoViolations, popupByKeyboard } from '../journeys/keyboard-axe';
import { offlinePurchasesSyncOnce } from '../journeys/offline';
import { optionsSel, popupSel } from '../journeys/popup';
import { couponTierReward, welcomeSurvey } from '../journeys/program';
import { firefoxBrowser } from '../journeys/puppeteer-ui';
import type { ExtensionBrowser } from '../journeys/ui';

/**
 * The shared journeys (tests/journeys) in Firefox ESR (MV3: the background is
 * an event page, not a service worker). The shop and the server are the same
 * as in the Chromium suite (tests/e2e/journeys.spec.ts); only the launcher
 * and its driver differ.
 */
let shop: Shop;
let backend: Backend;
let firefox: ExtensionBrowser;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
  backend = await startBackend();
});
test.afterAll(async () => {
  await shop?.close();
  await backend?.stop();
});
test.beforeEach(async () => {
  firefox = await firefoxBrowser();
});
test.afterEach(async () => {
  await firefox?.close();
});

test('a purchase is recorded once across reload and revisit; a non-partner origin gets nothing', async () => {
  await purchaseRecordedOnce(firefox, shop.url);
});

test('signed in through the settings: the partner confirms and cancels, the popup follows; keyboard and axe', async () => {
  const popup = await syncAndPartnerDecisions(firefox, backend, shop.url);
  await popupByKeyboard(popup);
});

test('offline purchases wait on the device and sync once each when the server is back', async () => {
  await offlinePurchasesSyncOnce(firefox, backend, shop.url);
});

test('coupon, tier and reward: the 10× coupon multiplies, Silver is reached, a voucher lands in the wallet', async () => {
  await couponTierReward(firefox, backend, shop.url);
});

test('the welcome survey is answered step by step and rewarded once', async () => {
  await welcomeSurvey(firefox, backend);
});

// Firefox only: BiDi has no media emulation, so the dark scheme is a launch pref.
test('in the dark colour scheme the popup and the settings pass axe too', async () => {
  await firefox.close();
  firefox = await firefoxBrowser({ dark: true });
  for (const [path, ready] of [
    ['popup.html', popupSel.ready],
    ['options.html', optionsSel.ready],
  ] as const) {
    const page = await firefox.extensionPage(path, ready);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
      true,
    );
    await expectNoViolations(page, `${path}, dark`);
  }
});
