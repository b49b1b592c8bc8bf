import type { Locator, Page, Worker } from '@playwright/test';
import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { expectNoAxeViolations } from './axe';
import { type Backend, startBackend } from './backend';
import { decodeCode128, decodeQr, pngPixels } from './card-decode';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { partnerConfirm, signedIn } from './server-view';

let shop: Shop;
let backend: Backend | undefined;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await backend?.stop();
  await shop.close();
});

/** The member number the extension stored at sign-in. */
const storedNumber = (worker: Worker) =>
  worker.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome;
    const { account } = (await c.storage.local.get('account')) as {
      account: { member: { memberNumber: string } };
    };
    return account.member.memberNumber;
  });

/** The tabs sit in one row, and the row does not scroll sideways. */
async function tabsInOneRow(page: Page): Promise<void> {
  const tabs = page.getByRole('tab');
  // Five sections at least (the member card is the fifth); each one's label counts.
  expect(await tabs.count()).toBeGreaterThanOrEqual(5);
  const tops = new Set<number>();
  for (const tab of await tabs.all()) tops.add(Math.round((await tab.boundingBox())!.y));
  expect([...tops], 'all tab labels on one row').toHaveLength(1);
  const list = page.getByRole('tablist');
  expect(await list.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
}

/** What a phone's scanner app reads from the screenshot of each code. */
async function scanned(card: { qr: Locator; barcode: Locator }) {
  return {
    qr: decodeQr(pngPixels(await card.qr.screenshot())),
    barcode: decodeCode128(pngPixels(await card.barcode.screenshot())),
  };
}

const step = (popup: PopupPage, id: string) =>
  popup.page.locator(`[data-testid="first-step"][data-step="${id}"]`);

test('first steps tick off from real events and go; the member card scans to the member number in both themes, offline too', async ({
  context,
  extensionId,
  worker,
}) => {
  // The whole welcome journey in one browser and one backend: longer than one spec's default.
  test.setTimeout(180_000);
  // Signed out: a clear message where the card would be.
  const popup = await PopupPage.open(context, extensionId);
  await popup.page.setViewportSize({ width: 360, height: 720 });
  await popup.page.getByTestId('tab-card').click();
  await expect(popup.page.getByTestId('card-signed-out')).toContainText('Sign in');
  await expect(popup.page.getByTestId('card-qr')).toHaveCount(0);

  backend = await startBackend({ env: { WELCOME_BONUS_POINTS: '500' } });
  const email = 'card@example.de';
  const options = await signedIn(context, extensionId, backend, email);

  // The demo shop turned off: the first step is open.
  const demo = options.page.getByRole('checkbox', { name: /Demo Shop/ });
  await demo.uncheck();
  await expect(demo).not.toBeChecked();
  await popup.openHome();
  const checklist = popup.page.getByTestId('first-steps');
  await expect(step(popup, 'partner')).toHaveAttribute('data-done', 'false');
  await expect(checklist.getByTestId('first-steps-progress')).toHaveText('0 of 4 done');
  // Turned on in the settings: the popup ticks it, live.
  await demo.check();
  await expect(step(popup, 'partner')).toHaveAttribute('data-done', 'true');
  await expect(step(popup, 'partner')).toContainText('Turn on a partner shop: done');

  // The welcome survey, answered in the popup.
  await popup.page.locator('[data-testid="survey-card"][data-survey-id="welcome"]').waitFor();
  await popup.startSurvey();
  const answers: (string | string[] | number)[] = [
    'Every month',
    ['Books', 'Travel'],
    4,
    'More partner shops, please',
  ];
  for (const [i, answer] of answers.entries()) {
    const { number } = await popup.surveyStep();
    await popup.answerSurvey(answer);
    if (i === answers.length - 1) break;
    await popup.surveyNext.click();
    await expect(popup.surveyProgressBar).toHaveAttribute('value', String(number + 1));
  }
  await popup.surveySubmit.click();
  await expect(step(popup, 'survey')).toHaveAttribute('data-done', 'true');
  await popup.surveyDone.click();

  // A purchase at the demo shop: recorded (pending) is enough.
  const order = await buy(await context.newPage(), shop.url, undefined, email);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'pending');
  await expect(step(popup, 'purchase')).toHaveAttribute('data-done', 'true');
  await expect(step(popup, 'redemption')).toHaveAttribute('data-done', 'false');
  await expect(checklist.getByTestId('first-steps-progress')).toHaveText('3 of 4 done');
  await expectNoAxeViolations(popup.page, 'popup home with first steps');

  // Confirmed, the welcome bonus is available: a voucher redeemed is the last step.
  await partnerConfirm(backend, order.orderNo, order.email);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'confirmed');
  await popup.openRewards();
  await popup.reward('demo-shop-5').getByRole('button', { name: 'Redeem' }).click();
  await popup.page.getByRole('button', { name: 'Redeem for 500 points' }).click();
  await expect(popup.vouchers).toHaveCount(1);
  await popup.openHome();
  await expect(popup.page.getByTestId('panel-home')).toBeVisible();
  await expect(checklist).toHaveCount(0);

  // The card, by keyboard: End moves to the last tab, Enter opens it.
  await popup.tab('home').focus();
  await popup.page.keyboard.press('End');
  await expect(popup.page.getByTestId('tab-card')).toBeFocused();
  await popup.page.keyboard.press('Enter');
  const number = await storedNumber(worker);
  const card = {
    qr: popup.page.getByRole('img', { name: /^QR code of member number/ }),
    barcode: popup.page.getByRole('img', { name: /^Barcode of member number/ }),
  };
  await expect(card.qr).toBeVisible();
  await expect(popup.page.getByTestId('card-number')).toHaveText(
    number.replace(/(\d{4})(?=\d)/g, '$1 '),
  );
  await tabsInOneRow(popup.page);
  for (const scheme of ['light', 'dark'] as const) {
    await popup.page.emulateMedia({ colorScheme: scheme });
    expect(await scanned(card), scheme).toEqual({ qr: number, barcode: number });
  }
  await expectNoAxeViolations(popup.page, 'popup member card');

  // Without the server, from local data only; and in German, five tabs still fit 360 px.
  await backend.kill();
  await worker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { local: { set(v: object): Promise<void> } } };
      }
    ).chrome.storage.local.set({ uiLanguage: 'de', uiTheme: 'dark' }),
  );
  await popup.page.reload();
  await popup.page.getByTestId('tab-card').click();
  await expect(popup.page.getByTestId('tab-card')).toHaveText('Karte');
  await tabsInOneRow(popup.page);
  const offline = {
    qr: popup.page.getByRole('img', { name: /^QR-Code der Mitgliedsnummer/ }),
    barcode: popup.page.getByRole('img', { name: /^Barcode der Mitgliedsnummer/ }),
  };
  expect(await scanned(offline)).toEqual({ qr: number, barcode: number });
});
