import { readFileSync } from 'node:fs';
import type { Page, Worker } from '@playwright/test';
import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { expectNoAxeViolations } from './axe';
import { type Backend, startBackend } from './backend';
import { worldsOf } from './cdp';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { signedIn, tokenOf } from './server-view';

let shop: Shop;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await shop.close();
});

let backend: Backend | undefined;
test.afterEach(async () => {
  await backend?.stop();
  backend = undefined;
});

type Chrome = {
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  storage: { local: { get(k: null): Promise<Record<string, unknown>> } };
};

const registeredScripts = (worker: Worker) =>
  worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    return (await c.scripting.getRegisteredContentScripts()).map((s) => s.id).sort();
  });

const granted = (page: Page, origin: string) =>
  page.evaluate(
    (o) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.permissions.contains({ origins: [o] }),
    origin,
  );

const storageLocal = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null));

/** Every object store of the ledger database, read with plain IndexedDB (not the app's code). */
const ledgerStores = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('pointpilot-ledger');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const q = tx.objectStore(n).getAll();
            q.onsuccess = () => {
              out[n] = q.result;
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );

/** No content script of ours ran in the page: no isolated world named after the extension. */
async function ourWorlds(context: Parameters<typeof worldsOf>[0], page: Page) {
  return (await worldsOf(context, page)).filter((w) => w.name === 'Pointpilot');
}

test('disabling a partner in the settings stops its content script; enabling it brings it back', async ({
  context,
  extensionId,
  worker,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  const demo = page.getByRole('checkbox', { name: /Demo Shop/ });
  await expect(demo).toBeChecked();
  expect(await registeredScripts(worker)).toEqual(['pp-partner', 'pp-probe']);

  await demo.uncheck();
  await expect(demo).not.toBeChecked();
  await expect(page.locator('[data-partner-id="demo-shop"]')).toHaveAttribute('data-access', 'off');
  // Nothing registered for it any more.
  await expect.poll(() => registeredScripts(worker)).toEqual([]);
  // The e2e build pre-grants http://127.0.0.1/* in the manifest, and Chrome refuses
  // to give a manifest host permission back ("You cannot remove required
  // permissions"); the store build asks at runtime, so there it really goes.
  // Either way the choice is what counts: no script, no claim.
  expect(await granted(page, 'http://127.0.0.1/*')).toBe(true);
  expect(await granted(page, 'https://127.0.0.1/*')).toBe(false);

  // A purchase now: the confirmation page gets nothing injected and shows no notice.
  const shopPage = await context.newPage();
  const off = await buy(shopPage, shop.url);
  expect(await ourWorlds(context, shopPage)).toEqual([]);
  await expect(shopPage.locator('#pointpilot-notice')).toHaveCount(0);
  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.page.getByTestId('panel-home')).toBeVisible();
  await expect(popup.entryFor(off.orderNo)).toHaveCount(0);

  // The choice survives a reload of the settings.
  await page.reload();
  await expect(demo).not.toBeChecked();

  // On again: registered again, and the next purchase is recognised.
  await demo.check();
  await expect(demo).toBeChecked();
  await expect.poll(() => registeredScripts(worker)).toEqual(['pp-partner', 'pp-probe']);
  const on = await buy(shopPage, shop.url);
  await expect(shopPage.locator('#pointpilot-notice')).toBeAttached({ timeout: 20_000 });
  await popup.page.reload();
  await expect(popup.entryFor(on.orderNo)).toHaveCount(1);
  await expect(popup.entryFor(off.orderNo)).toHaveCount(0);
});

test('export writes a JSON file matching the local ledger; delete empties every store and signs out', async ({
  context,
  extensionId,
  worker,
}) => {
  backend = await startBackend();
  const options = await signedIn(context, extensionId, backend, 'export@example.de');
  const page = options.page;
  const token = await tokenOf(worker);
  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.syncStatus).toHaveAttribute('data-kind', 'ok');
  const shopPage = await context.newPage();
  const order = await buy(shopPage, shop.url);
  await expect(popup.entryFor(order.orderNo)).toHaveCount(1);

  // The background syncs every few seconds in this build: the file must equal a
  // state read both just before and just after it was written.
  await page.bringToFront();
  let exported:
    | {
        ledger: Record<string, unknown[]>;
        account: unknown;
        text: string;
        stores: Record<string, unknown[]>;
      }
    | undefined;
  for (let i = 0; i < 5 && !exported; i++) {
    const before = await ledgerStores(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export my data (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^pointpilot-export-\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    const after = await ledgerStores(page);
    if (JSON.stringify(before) === JSON.stringify(after))
      exported = {
        ...(JSON.parse(text) as { ledger: Record<string, unknown[]>; account: unknown }),
        text,
        stores: after,
      };
  }
  expect(exported, 'the ledger kept changing during every export').toBeDefined();
  const stores = exported!.stores;
  expect(exported!.ledger).toEqual(stores);
  expect((stores.entries as { orderRef: string | null }[]).map((e) => e.orderRef)).toContain(
    order.orderNo,
  );
  expect(exported!.account).toMatchObject({ member: { email: 'export@example.de' } });
  expect(exported!.text).not.toContain(token);
  await expect(page.getByTestId('privacy-status')).toContainText('Saved as pointpilot-export-');

  // Delete: a confirmation first; Cancel changes nothing.
  await page.getByRole('button', { name: 'Delete all local data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete all local data?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page, 'settings, delete confirmation');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('signed-in')).toBeVisible();

  await page.getByRole('button', { name: 'Delete all local data…' }).click();
  await dialog.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByTestId('privacy-status')).toHaveText(
    'All local data was deleted. You are signed out.',
  );
  await expect(page.getByLabel('Email address')).toBeVisible();
  for (const [name, rows] of Object.entries(await ledgerStores(page)))
    expect(rows, `store ${name}`).toEqual([]);
  // storage.local: nothing of the user's is left. The background writes back only
  // what the browser itself still grants (the pre-granted demo shop as "on").
  const left = await storageLocal(page);
  expect(Object.keys(left).filter((k) => k !== 'partnerAccess')).toEqual([]);
  // The session ended on the server too.
  await expect
    .poll(
      async () =>
        (await fetch(`${backend!.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } }))
          .status,
    )
    .toBe(401);

  // The popup: the signed-out empty state.
  await popup.page.reload();
  await expect(popup.syncStatus).toHaveAttribute('data-kind', 'signed-out');
  await expect(popup.page.getByText('No purchases yet.')).toBeVisible();
  await expect(popup.entries).toHaveCount(0);
  await expect(popup.available).toContainText('0');
});

test('the language can be set to Deutsch and back; the popup follows', async ({
  context,
  extensionId,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
  await page.getByLabel('Language of Pointpilot').selectOption('de');
  // The open page switches at once, keeping its place.
  await expect(page.getByRole('heading', { name: 'Sprache', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expectNoAxeViolations(page, 'settings in German');

  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(popup.syncStatus).toContainText('Du bist nicht angemeldet.');
  await expect(popup.page.getByText('Noch keine Einkäufe.')).toBeVisible();
  await expect(popup.page.getByText('No purchases yet.')).toHaveCount(0);

  // Back to the browser's language (English here).
  await page.bringToFront();
  await page.getByLabel('Sprache von Pointpilot').selectOption('browser');
  await expect(page.getByRole('heading', { name: 'Language', exact: true })).toBeVisible();
  await popup.page.reload();
  await expect(popup.syncStatus).toContainText('You are not signed in.');
});

test('the theme: dark chosen makes the popup dark on a light system; the settings pass axe in both', async ({
  context,
  extensionId,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  const background = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const LIGHT = 'rgb(246, 247, 249)';
  const DARK = 'rgb(21, 24, 28)';

  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page)).toBe(LIGHT); // the choice wins over the system's dark
  await expectNoAxeViolations(page, 'settings, light theme');

  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectNoAxeViolations(page, 'settings, dark theme');

  const popup = await PopupPage.open(context, extensionId);
  await popup.page.emulateMedia({ colorScheme: 'light' });
  await expect(popup.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(popup.page)).toBe(DARK);
  await expectNoAxeViolations(popup.page, 'popup, dark theme');

  // Back to the system: the popup follows the (light) system again.
  await page.bringToFront();
  await page.getByRole('radio', { name: 'Same as the system' }).check();
  await popup.page.reload();
  await expect(popup.page.getByTestId('sync-status')).toBeVisible();
  await expect(popup.page.locator('html')).not.toHaveAttribute('data-theme', /./);
  expect(await background(popup.page)).toBe(LIGHT);
});
