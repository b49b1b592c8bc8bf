import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { placeOrder } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, devCode, startBackend } from '../e2e/backend';
import { partnerCli } from '../e2e/server-view';
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

/** Signs in through the settings page, as a shopper does (the server address under Advanced). */
async function signInThroughSettings(browser: import('puppeteer-core').Browser, email: string) {
  const options = await openExtensionPage(browser, 'options.html', 'input[name="email"]');
  await options.click('[data-testid="advanced"] summary');
  await options.click('input[name="backend"]', { count: 3 });
  await options.type('input[name="backend"]', backend.url);
  await options.keyboard.press('Enter');
  await options.waitForSelector('form p[role="status"]');
  await options.type('input[name="email"]', email);
  await options.keyboard.press('Enter');
  await options.waitForSelector('input[name="code"]');
  await options.type('input[name="code"]', await devCode(backend, email));
  await options.keyboard.press('Enter');
  await options.waitForSelector('[data-testid="signed-in"]');
  return options;
}

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** axe on an extension page (axe-core injected as a script source): its violations, and how many rules passed. */
async function axeOn(page: import('puppeteer-core').Page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { id: string; nodes: unknown[] };
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: Result[]; passes: Result[] }> };
      }
    ).axe;
    const r = await axe.run();
    return {
      violations: r.violations.map((v) => `${v.id} (${v.nodes.length})`),
      passed: r.passes.length,
    };
  });
}

/** The server's claims of a member (a fresh pull from cursor 0). */
async function serverClaims(token: string): Promise<(string | null)[]> {
  const res = await fetch(`${backend.url}/v1/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cursor: 0, ops: [] }),
  });
  const body = (await res.json()) as { changes: { kind: string; orderRef: string | null }[] };
  return body.changes.filter((c) => c.kind === 'claim').map((c) => c.orderRef);
}

async function tokenIn(page: import('puppeteer-core').Page): Promise<string> {
  return page.evaluate(async () => {
    const b = (
      globalThis as unknown as {
        browser: {
          storage: { local: { get(k: string): Promise<Record<string, { token: string }>> } };
        };
      }
    ).browser;
    return (await b.storage.local.get('account')).account!.token;
  });
}

test('signed in through the settings: the purchase syncs, the partner confirms, the popup follows; keyboard and axe', async () => {
  const { browser } = firefox;
  const email = 'firefox-sync@example.de';
  const options = await signInThroughSettings(browser, email);
  const token = await tokenIn(options);
  const url = await placeOrder(shop.url, 'bohnen.1', email);
  const orderNo = /\/order\/([^/]+)\//.exec(url)![1]!;
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('#pointpilot-notice');
  await expect.poll(() => serverClaims(token)).toEqual([orderNo]);

  partnerCli(backend, 'confirm', 'demo-shop', orderNo, '--buyer-email', email);
  const popup = await openExtensionPage(browser, 'popup.html', '[data-testid="available"]');
  await popup.waitForSelector('[data-testid="entry"][data-status="confirmed"]', {
    timeout: 30_000,
  });

  // Keyboard: Tab reaches the section tabs, the arrow moves between them, Enter opens one.
  const focused = () => popup.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  for (let i = 0; i < 20 && (await focused()) !== 'tab-home'; i++)
    await popup.keyboard.press('Tab');
  expect(await focused()).toBe('tab-home');
  await popup.keyboard.press('ArrowRight');
  expect(await focused()).toBe('tab-activity');
  await popup.keyboard.press('Enter');
  await popup.waitForSelector('[data-testid="panel-activity"]');
  const axe = await axeOn(popup);
  expect(axe.violations).toEqual([]);
  expect(axe.passed).toBeGreaterThan(10);
});

test('offline purchases wait on the device and sync once each when the server is back', async () => {
  const { browser } = firefox;
  const email = 'firefox-offline@example.de';
  const options = await signInThroughSettings(browser, email);
  const token = await tokenIn(options);
  await backend.kill();
  const orders: string[] = [];
  const page = await browser.newPage();
  for (const items of ['bohnen.1', 'handmuehle.1']) {
    const url = await placeOrder(shop.url, items, email);
    orders.push(/\/order\/([^/]+)\//.exec(url)![1]!);
    await page.goto(url);
    await page.waitForSelector('#pointpilot-notice');
  }
  const popup = await openExtensionPage(browser, 'popup.html', '[data-testid="available"]');
  await expect
    .poll(async () => (await localEntries(popup)).filter((e) => e.kind === 'claim').length)
    .toBe(2);
  await backend.restart();
  await expect
    .poll(async () => (await serverClaims(token)).sort(), { timeout: 60_000 })
    .toEqual([...orders].sort());
  // A while later, still exactly once each.
  await new Promise((r) => setTimeout(r, 4000));
  expect((await serverClaims(token)).sort()).toEqual([...orders].sort());
});

test('in the dark colour scheme the popup and the settings pass axe too', async () => {
  await firefox.close();
  firefox = await launchFirefox({ dark: true });
  for (const [path, ready] of [
    ['popup.html', '[data-testid="available"]'],
    ['options.html', 'input[name="email"]'],
  ] as const) {
    const page = await openExtensionPage(firefox.browser, path, ready);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
      true,
    );
    const axe = await axeOn(page);
    expect(axe.violations, path).toEqual([]);
    expect(axe.passed).toBeGreaterThan(10);
  }
});
