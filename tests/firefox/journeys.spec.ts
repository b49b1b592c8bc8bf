import { expect, test } from '@playwright/test';
import { placeOrder } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, startBackend } from '../e2e/backend';
import { apiMember } from '../e2e/server-view';
import { type Firefox, inExtension, launchFirefox, openExtensionPage } from './launch';

/**
 * The core journeys in Firefox (MV3: the background is an event page, not a
 * service worker). The shop and the server are the same as in the Chromium
 * suite; only the browser and its driver differ.
 */
let shop: Shop;
let backend: Backend;
let firefox: Firefox;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
  backend = await startBackend();
});
test.afterAll(async () => {
  await shop?.close();
  await backend?.stop();
});
test.beforeEach(async () => {
  firefox = await launchFirefox();
});
test.afterEach(async () => {
  await firefox?.close();
});

type Entry = { orderRef: string | null; status: string; kind: string };

/** The local ledger's entries, read from an extension page (IndexedDB of the extension). */
async function localEntries(page: import('puppeteer-core').Page): Promise<Entry[]> {
  return page.evaluate(
    () =>
      new Promise<Entry[]>((ok, fail) => {
        const req = indexedDB.open('pointpilot-ledger');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('entries').objectStore('entries').getAll();
          all.onsuccess = () => ok(all.result as Entry[]);
          all.onerror = () => fail(all.error);
        };
      }),
  );
}

test('a purchase on the demo shop is recorded once across reload and revisit; a non-partner page gets nothing', async () => {
  const { browser } = firefox;
  const popup = await openExtensionPage(browser, 'popup.html', '[data-testid="available"]');
  // The background registers the partner scripts after install: wait for it.
  await expect
    .poll(() =>
      inExtension(popup, async () => {
        const b = (
          globalThis as unknown as {
            browser: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } };
          }
        ).browser;
        return (await b.scripting.getRegisteredContentScripts()).map((s) => s.id).sort();
      }),
    )
    .toEqual(['pp-partner', 'pp-probe']);

  const url = await placeOrder(shop.url, 'bohnen.1', 'firefox@example.de');
  const orderNo = /\/order\/([^/]+)\//.exec(url)![1]!;
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('#pointpilot-notice');
  await page.reload();
  await page.waitForSelector('#pointpilot-notice');
  await page.goto(`${shop.url}/`);
  await page.goto(url);
  await page.waitForSelector('#pointpilot-notice');

  await expect
    .poll(async () =>
      (await localEntries(popup)).filter((e) => e.kind === 'claim').map((e) => e.orderRef),
    )
    .toEqual([orderNo]);
  const reopened = await openExtensionPage(browser, 'popup.html', '[data-testid="entry"]');
  expect(
    await reopened.$$eval('[data-testid="entry"]', (els) => els.map((e) => e.textContent ?? '')),
  ).toEqual([expect.stringContaining(orderNo)]);

  // Another origin (the same shop under "localhost" is not a partner domain): no notice, no probe.
  const other = await browser.newPage();
  await other.goto(url.replace('127.0.0.1', 'localhost'));
  // The same page on 127.0.0.1 shows the notice and carries the main-world probe's mark; here neither.
  expect(await page.evaluate(() => Symbol.for('pointpilot.dataLayerProbe') in window)).toBe(true);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await other.$('#pointpilot-notice')).toBeNull();
  expect(await other.evaluate(() => Symbol.for('pointpilot.dataLayerProbe') in window)).toBe(false);
});

test('signed in, the purchase syncs and the partner’s confirmation reaches the popup', async () => {
  const { browser } = firefox;
  const member = await apiMember(backend, 'firefox-sync@example.de');
  const options = await openExtensionPage(browser, 'options.html', 'body');
  // The account as the settings page stores it after a sign-in (the sign-in form itself is tested in Chromium).
  await options.evaluate(
    (account) =>
      (
        globalThis as unknown as {
          browser: { storage: { local: { set(v: unknown): Promise<void> } } };
        }
      ).browser.storage.local.set({ account }),
    { backendUrl: backend.url, token: member.token, needsSignIn: false },
  );
  const url = await placeOrder(shop.url, 'bohnen.1', member.email);
  const orderNo = /\/order\/([^/]+)\//.exec(url)![1]!;
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('#pointpilot-notice');

  const claimOnServer = async () => {
    const res = await fetch(`${backend.url}/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: 0, ops: [] }),
    });
    const body = (await res.json()) as { changes: { kind: string; orderRef: string | null }[] };
    return body.changes.filter((c) => c.kind === 'claim').map((c) => c.orderRef);
  };
  await expect.poll(claimOnServer).toEqual([orderNo]);

  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [
    '--import',
    'tsx',
    'scripts/partner.ts',
    'confirm',
    'demo-shop',
    orderNo,
    '--buyer-email',
    member.email,
    '--server',
    backend.url,
  ]);
  const popup = await openExtensionPage(browser, 'popup.html', '[data-testid="available"]');
  await expect
    .poll(async () => (await localEntries(popup)).find((e) => e.orderRef === orderNo)?.status)
    .toBe('confirmed');
  await openExtensionPage(browser, 'popup.html', '[data-testid="entry"][data-status="confirmed"]');
});
