import AxeBuilder from '@axe-core/playwright';
import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { evaluateInWorld, worldsOf } from './cdp';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';

let shop: Shop;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await shop.close();
});

// The purchase-once journey runs on both browsers: tests/journeys/core.ts (journeys.spec.ts).

test('a non-partner origin gets no Pointpilot script at all', async ({ context, extensionId }) => {
  const page = await context.newPage();
  // Same shop, but reached as "localhost": not a partner, not granted.
  const nonPartner = shop.url.replace('127.0.0.1', 'localhost');
  await buy(page, nonPartner);
  const worlds = await worldsOf(context, page);
  expect(worlds.some((w) => w.type === 'default')).toBe(true);
  // Playwright's own utility world aside, no isolated world (= no content script).
  expect(worlds.filter((w) => w.type === 'isolated' && !w.name.startsWith('__playwright'))).toEqual(
    [],
  );
  await expect(page.locator('#pointpilot-notice')).toHaveCount(0);
  // The probe never ran in the page's world either: dataLayer.push is the page's own.
  expect(
    await page.evaluate(() =>
      String((window as { dataLayer?: { push: unknown } }).dataLayer?.push),
    ),
  ).toContain('[native code]');

  // …while the partner origin does get it.
  const partnerPage = await context.newPage();
  await partnerPage.goto(`${shop.url}/`);
  await expect
    .poll(async () => (await worldsOf(context, partnerPage)).map((w) => w.name))
    .toContain('Pointpilot');

  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.page.getByTestId('current-site')).toBeVisible();
  await expect(popup.entries).toHaveCount(0);
});

test('forged and malformed claim messages change nothing', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`${shop.url}/`);
  await expect
    .poll(async () => (await worldsOf(context, page)).map((w) => w.name))
    .toContain('Pointpilot');

  const envelope = (data: unknown) =>
    `chrome.runtime.sendMessage(${JSON.stringify({ id: 1, type: 'reportClaim', data, timestamp: 1 })})`;
  const valid = {
    partnerId: 'demo-shop',
    orderRef: 'FORGED-1',
    total: { minor: 100000, currency: 'EUR' },
    detectedAt: new Date().toISOString(),
    signals: ['jsonld'],
  };
  const hostile = [
    { ...valid, total: { minor: -100, currency: 'EUR' } },
    { ...valid, total: { minor: 1e20, currency: 'EUR' } },
    { ...valid, partnerId: 'someone-else' },
    { ...valid, orderRef: '' },
    { ...valid, signals: ['telepathy'] },
    'not even an object',
    null,
  ];
  // From inside the partner content script's own world (as a compromised page script could not even do).
  for (const data of hostile) {
    const reply = (await evaluateInWorld(context, page, 'Pointpilot', envelope(data))) as {
      res?: { status: string };
    };
    expect(reply.res?.status).toBe('refused');
  }
  // A message in a foreign format is ignored.
  expect(
    await evaluateInWorld(context, page, 'Pointpilot', 'chrome.runtime.sendMessage({type: 42})'),
  ).toBeUndefined();

  // From an extension page (not a tab on a partner site), even a well-formed claim is refused.
  const popup = await PopupPage.open(context, extensionId);
  const fromPage = await popup.page.evaluate(
    (msg) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage(msg),
    { id: 2, type: 'reportClaim', data: valid, timestamp: 2 },
  );
  expect((fromPage as { res: { status: string } }).res.status).toBe('refused');

  // The web page itself has no channel to the extension at all.
  expect(
    await page.evaluate(
      () =>
        typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
          ?.sendMessage,
    ),
  ).toBe('undefined');

  await popup.page.reload();
  await expect(popup.page.getByTestId('available')).toBeVisible();
  await expect(popup.entries).toHaveCount(0);
  await expect(popup.pending).toHaveText('0');
});

test('the popup is keyboard-usable and has no axe violations', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await buy(page, shop.url);
  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.entries).toHaveCount(1);

  for (const scheme of ['light', 'dark'] as const) {
    await popup.page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page: popup.page }).analyze();
    expect(results.violations, `${scheme}: ${JSON.stringify(results.violations, null, 1)}`).toEqual(
      [],
    );
  }

  // Every control can be reached with Tab, in order, with a visible focus.
  const controls = await popup.page.locator('button, a[href], input, select, textarea').count();
  const reached = new Set<string>();
  for (let i = 0; i < controls + 1; i++) {
    await popup.page.keyboard.press('Tab');
    reached.add(await popup.page.evaluate(() => document.activeElement?.outerHTML ?? ''));
  }
  expect(
    [...reached].filter(
      (h) => h.startsWith('<button') || h.startsWith('<a') || h.startsWith('<input'),
    ),
  ).toHaveLength(controls);
});
