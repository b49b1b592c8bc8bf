import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { placeOrder } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, startBackend } from '../e2e/backend';
import { partnerScriptsReady, signInThroughSettings } from '../journeys/core';
import { expectNoViolations } from '../journeys/keyboard-axe';
import { puppeteerBrowser, puppeteerPage } from '../journeys/puppeteer-ui';
import { holdingProxy } from './holding-proxy';
import { type Firefox, inExtension, launchFirefox, openExtensionPage } from './launch';

/**
 * Issue 15's bad input, in Firefox ESR: site access taken away in the
 * browser, an extension update (reload) while a sync is in flight, and a
 * profile without IndexedDB (permanent private browsing). One server and one
 * shop for the file; each test its own Firefox profile.
 */
let shop: Shop;
let backend: Backend;
let firefox: Firefox | undefined;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
  backend = await startBackend();
});
test.afterAll(async () => {
  await shop?.close();
  await backend?.stop();
});
test.afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
});

const NOTICE = '#pointpilot-notice';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const orderNoOf = (url: string) => /\/order\/([^/]+)\//.exec(url)![1]!;

/** The extension's API, inside a function run in an extension page (it must be self-contained). */
type Ext = {
  permissions: { remove(p: { origins: string[] }): Promise<boolean> };
  runtime: { reload(): void };
  storage: {
    local: { get(k: string): Promise<Record<string, unknown>> };
    session: {
      get(k: string): Promise<Record<string, unknown>>;
      set(v: Record<string, unknown>): Promise<void>;
    };
  };
};

/** All rows of one store of the extension's ledger (IndexedDB), read from an extension page. */
function ledgerRows<T>(page: Page, store: 'entries' | 'outbox'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((ok, fail) => {
        const req = indexedDB.open('pointpilot-ledger');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            ok(all.result as T[]);
            req.result.close();
          };
          all.onerror = () => fail(all.error);
        };
      }),
    store,
  );
}
type Entry = { id: string; kind: string; orderRef: string | null; status: string; reason: string };
const claimRefs = async (page: Page) =>
  (await ledgerRows<Entry>(page, 'entries'))
    .filter((e) => e.kind === 'claim')
    .map((e) => e.orderRef);

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

test('site access removed in the browser: nothing collected, the popup and the settings say so, "Allow again" brings it back once', async () => {
  firefox = await launchFirefox();
  const b = puppeteerBrowser(firefox);
  await partnerScriptsReady(b);
  const popup = await openExtensionPage(firefox.browser, 'popup.html', '[data-testid="available"]');
  expect(await popup.$('[data-testid="access-removed"]')).toBeNull();

  // What about:addons' "Permissions" switch (or origin controls) does; Firefox allows it for a
  // manifest host permission in MV3, and the background hears permissions.onRemoved.
  expect(
    await inExtension(popup, () =>
      (globalThis as unknown as { browser: Ext }).browser.permissions.remove({
        origins: ['http://127.0.0.1/*'],
      }),
    ),
  ).toBe(true);
  await expect.poll(() => b.registeredScripts()).toEqual([]);

  const url = await placeOrder(shop.url, 'bohnen.1', 'revoked@example.de');
  const orderNo = orderNoOf(url);
  const page = await firefox.browser.newPage();
  await page.goto(url);
  // A content script would have run by document idle, well within this on a loopback page.
  await sleep(1500);
  expect(await page.$(NOTICE)).toBeNull();
  expect(await claimRefs(popup)).toEqual([]);

  const again = await openExtensionPage(
    firefox.browser,
    'popup.html',
    '[data-testid="access-removed"] [data-testid="access-problem"]',
  );
  expect(await again.$eval('[data-testid="access-removed"]', (e) => e.textContent)).toContain(
    'Access removed: Firefox no longer allows Pointpilot on Demo Shop, so purchases there are not collected.',
  );
  const options = await openExtensionPage(
    firefox.browser,
    'options.html',
    '[data-testid="partner"][data-partner-id="demo-shop"][data-access="removed"]',
  );
  expect(
    await options.$eval('[data-partner-id="demo-shop"] [data-testid="access-problem"]', (e) =>
      e.textContent?.trim(),
    ),
  ).toContain('Access removed');
  await expectNoViolations(puppeteerPage(again, true), 'popup, access removed');
  await expectNoViolations(puppeteerPage(options, true), 'settings, access removed');

  // A real click: permissions.request needs the user's gesture (prompts are off in this profile).
  await again.click('[data-testid="access-removed"] [data-testid="allow-again"]');
  await again.waitForFunction(() => !document.querySelector('[data-testid="access-removed"]'));
  await options.waitForSelector('[data-partner-id="demo-shop"][data-access="on"]');
  await partnerScriptsReady(b);

  await page.goto(url);
  await page.waitForSelector(`${NOTICE}[data-kind="recorded"]`);
  await page.reload();
  await page.waitForSelector(`${NOTICE}[data-kind="duplicate"]`);
  await expect.poll(() => claimRefs(popup)).toEqual([orderNo]);
});

/** Opens an extension page once the extension is back after a reload (it is briefly gone). */
async function openWhenBack(f: Firefox, path: string, ready: string): Promise<Page> {
  for (let i = 0; ; i++) {
    try {
      return await openExtensionPage(f.browser, path, ready);
    } catch (err) {
      if (i >= 5) throw err;
      await sleep(500);
    }
  }
}

test('an extension update (reload) while a sync waits for its answer: the op stays in the outbox and syncs once', async () => {
  const proxy = await holdingProxy(backend.url);
  try {
    firefox = await launchFirefox();
    const b = puppeteerBrowser(firefox);
    await partnerScriptsReady(b);
    const email = 'update-mid-sync@example.de';
    const { token } = await signInThroughSettings(b, { ...backend, url: proxy.url }, email);

    proxy.holdSyncs();
    const url = await placeOrder(shop.url, 'bohnen.1', email);
    const orderNo = orderNoOf(url);
    const page = await firefox.browser.newPage();
    await page.goto(url);
    await page.waitForSelector(`${NOTICE}[data-kind="recorded"]`);
    // The server has the claim; its answer has not reached the extension.
    await expect.poll(() => proxy.heldCount()).toBeGreaterThan(0);
    await expect.poll(() => serverClaims(token)).toEqual([orderNo]);
    const before = await openExtensionPage(
      firefox.browser,
      'popup.html',
      '[data-testid="available"]',
    );
    const outbox = await ledgerRows<{ id: string }>(before, 'outbox');
    expect(outbox).toHaveLength(1);

    // What an update does to the running extension: the background and its pages go away.
    // storage.session lives as long as this run of the extension: gone after the reload.
    await inExtension(before, () =>
      (globalThis as unknown as { browser: Ext }).browser.storage.session.set({ run: 'before' }),
    );
    void inExtension(before, async () =>
      (globalThis as unknown as { browser: Ext }).browser.runtime.reload(),
    ).catch(() => undefined);
    await expect
      .poll(() => before.evaluate(() => location.protocol).catch(() => 'gone'))
      .not.toBe('moz-extension:');
    const after = await openWhenBack(firefox, 'popup.html', '[data-testid="available"]');
    expect(
      await inExtension(after, () =>
        (globalThis as unknown as { browser: Ext }).browser.storage.session.get('run'),
      ),
    ).toEqual({});
    // Still there after the reload, the same op (the server's answer never arrived).
    expect((await ledgerRows<{ id: string }>(after, 'outbox')).map((r) => r.id)).toEqual(
      outbox.map((r) => r.id),
    );

    proxy.release();
    await expect.poll(() => ledgerRows(after, 'outbox'), { timeout: 60_000 }).toEqual([]);
    expect(await claimRefs(after)).toEqual([orderNo]);
    expect(await serverClaims(token)).toEqual([orderNo]);
    await after.waitForSelector('[data-testid="sync-status"][data-kind="ok"]', { timeout: 30_000 });
    // A while later, still once.
    await sleep(3000);
    expect(await serverClaims(token)).toEqual([orderNo]);
  } finally {
    await proxy.close();
  }
});

test('permanent private browsing (no IndexedDB for the extension): the popup says so, the purchase is never marked recorded', async () => {
  // Firefox ESR 153 refuses IndexedDB to an extension's pages and background in permanent
  // private browsing ("never remember history"), whatever dom.indexedDB.privateBrowsing.enabled says.
  firefox = await launchFirefox({
    prefs: { 'browser.privatebrowsing.autostart': true },
    allowPrivateBrowsing: true,
  });
  const b = puppeteerBrowser(firefox);
  await partnerScriptsReady(b);
  const popup = await openExtensionPage(
    firefox.browser,
    'popup.html',
    '[data-testid="storage-unavailable"]',
  );
  expect(await popup.$eval('[data-testid="storage-unavailable"]', (e) => e.textContent)).toContain(
    "Pointpilot can't save on this browser profile — private browsing or storage turned off. Points can't be collected here.",
  );
  // No balance pretending to be zero, no spinner.
  expect(await popup.$('[data-testid="available"]')).toBeNull();
  await expectNoViolations(puppeteerPage(popup, true), 'popup, storage unavailable');

  // The background tried a few times and stored its verdict.
  await expect
    .poll(() =>
      inExtension(
        popup,
        async () =>
          (
            await (globalThis as unknown as { browser: Ext }).browser.storage.local.get(
              'ledgerHealth',
            )
          ).ledgerHealth,
      ),
    )
    .toMatchObject({ ok: false, error: expect.stringContaining('InvalidStateError') });

  const url = await placeOrder(shop.url, 'bohnen.1', 'private@example.de');
  const page = await firefox.browser.newPage();
  await page.goto(url);
  // Never "recorded": the notice says it could not be saved.
  await page.waitForSelector(`${NOTICE}[data-kind="not-saved"]`);

  const options = await openExtensionPage(
    firefox.browser,
    'options.html',
    '[data-testid="storage-unavailable"]',
  );
  expect(await options.$('[data-testid="partners"]')).not.toBeNull();
  await expectNoViolations(puppeteerPage(options, true), 'settings, storage unavailable');
});
