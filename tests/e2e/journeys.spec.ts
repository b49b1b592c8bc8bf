import { type Shop, startShop } from '../../demo/shop/server';
import { purchaseRecordedOnce, syncAndPartnerDecisions } from '../journeys/core';
import { popupByKeyboard } from '../journeys/keyboard-axe';
import { offlinePurchasesSyncOnce } from '../journeys/offline';
import { playwrightBrowser } from '../journeys/playwright-ui';
import { couponTierReward, welcomeSurvey } from '../journeys/program';
import { type Backend, startBackend } from './backend';
import { test } from './fixtures';

/**
 * The shared journeys (tests/journeys) in Chromium: the same steps the
 * Firefox suite runs (tests/firefox/journeys.spec.ts); only the launcher and
 * the driver differ. Chromium-only checks (service-worker kills, CDP worlds,
 * colour-scheme emulation, the clipboard) stay in the other specs here.
 */
let shop: Shop;
let backend: Backend;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
  backend = await startBackend();
});
test.afterAll(async () => {
  await shop?.close();
  await backend?.stop();
});

test('a purchase is recorded once across reload and revisit; a non-partner origin gets nothing', async ({
  context,
  extensionId,
}) => {
  await purchaseRecordedOnce(playwrightBrowser(context, extensionId), shop.url);
});

test('signed in through the settings: the partner confirms and cancels, the popup follows; keyboard and axe', async ({
  context,
  extensionId,
}) => {
  const popup = await syncAndPartnerDecisions(
    playwrightBrowser(context, extensionId),
    backend,
    shop.url,
  );
  await popupByKeyboard(popup);
});

test('offline purchases wait on the device and sync once each when the server is back', async ({
  context,
  extensionId,
}) => {
  await offlinePurchasesSyncOnce(playwrightBrowser(context, extensionId), backend, shop.url);
});

test('coupon, tier and reward: the 10× coupon multiplies, Silver is reached, a voucher lands in the wallet', async ({
  context,
  extensionId,
}) => {
  await couponTierReward(playwrightBrowser(context, extensionId), backend, shop.url);
});

test('the welcome survey is answered step by step and rewarded once', async ({
  context,
  extensionId,
}) => {
  await welcomeSurvey(playwrightBrowser(context, extensionId), backend);
});
