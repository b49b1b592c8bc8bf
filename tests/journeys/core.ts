/**
 * The core journeys, run by both e2e suites (tests/e2e in Chromium,
 * tests/firefox in Firefox) on whatever browser they launched.
 */
import { expect } from '@playwright/test';
import { parseEur } from '../../demo/shop/catalogue';
import { placeOrder } from '../../demo/shop/journey';
import { type Backend, devCode } from '../e2e/backend';
import { partnerCli } from '../e2e/server-view';
import {
  attributeOf,
  entryFor,
  entryRows,
  localEntries,
  openPopup,
  optionsSel,
  popupSel,
  textOf,
  tokenIn,
} from './popup';
import type { ExtensionBrowser, UiPage } from './ui';

/** Demo Shop earns 2 points per €, floored. */
export const pointsFor = (totalMinor: number) => Math.floor((totalMinor * 2) / 100);
const NOTICE = '#pointpilot-notice';
const PROBE_MARK = () => Symbol.for('pointpilot.dataLayerProbe') in window;
const en = (n: number) => n.toLocaleString('en-US');

export interface Order {
  orderNo: string;
  totalMinor: number;
  url: string;
}

/** Orders at the demo shop (over HTTP, as its checkout form posts) and opens the confirmation in `page`. */
export async function buyAt(
  page: UiPage,
  shopUrl: string,
  items = 'bohnen.1',
  email = 'erika@example.de',
): Promise<Order> {
  const url = await placeOrder(shopUrl, items, email);
  await page.goto(url);
  await page.waitFor(NOTICE);
  const totalMinor = parseEur((await textOf(page, '#order-total')) ?? '');
  if (totalMinor === null) throw new Error(`no total on ${url}`);
  return { orderNo: /\/order\/([^/]+)\//.exec(url)![1]!, totalMinor, url };
}

const BANNER = '#pointpilot-banner';

/** Every tab's toolbar badge text (read from an extension page, whichever browser). */
function badgeTexts(extensionPage: UiPage): Promise<string[]> {
  return extensionPage.evaluate(async () => {
    type Api = {
      tabs: { query(q: object): Promise<{ id?: number }[]> };
      action: { getBadgeText(d: { tabId: number }): Promise<string> };
    };
    const g = globalThis as unknown as { browser?: Api; chrome: Api };
    const api = g.browser ?? g.chrome;
    const tabs = await api.tabs.query({});
    return Promise.all(
      tabs.filter((t) => t.id !== undefined).map((t) => api.action.getBadgeText({ tabId: t.id! })),
    );
  });
}

/** Waits until the background registered the partner scripts (it does so after install). */
export async function partnerScriptsReady(b: ExtensionBrowser): Promise<void> {
  await expect.poll(() => b.registeredScripts()).toEqual(['pp-partner', 'pp-probe']);
}

/**
 * A purchase shows up as pending points, once, across reload and revisit;
 * a second order adds a second entry; the same shop on a non-partner origin
 * (localhost) gets no notice and no main-world probe.
 */
export async function purchaseRecordedOnce(b: ExtensionBrowser, shopUrl: string): Promise<void> {
  await partnerScriptsReady(b);
  const popup = await openPopup(b);
  expect(await entryRows(popup)).toEqual([]);

  const page = await b.newPage();
  // On a product page first: one banner, and the tab's badge shows the rate.
  await page.goto(`${shopUrl}/product/bohnen`);
  await page.waitFor(BANNER);
  await new Promise((r) => setTimeout(r, 500));
  expect(await page.attributes(BANNER, 'id')).toHaveLength(1);
  await expect.poll(() => badgeTexts(popup)).toContain('2/€');
  const order = await buyAt(page, shopUrl);
  const points = pointsFor(order.totalMinor);
  // The notice took the banner's place.
  expect(await page.attributes(BANNER, 'id')).toEqual([]);
  // The popup, open all along, updates live.
  await expect.poll(() => entryFor(popup, order.orderNo)).toMatchObject({ status: 'pending' });
  expect((await entryFor(popup, order.orderNo))!.points).toContain(String(points));
  await expect.poll(() => textOf(popup, popupSel.pending)).toBe(en(points));
  expect(await textOf(popup, popupSel.available)).toBe('0');

  await page.reload();
  await page.waitFor(NOTICE);
  await page.goto(`${shopUrl}/`);
  await page.goto(order.url);
  await page.waitFor(NOTICE);
  expect(await page.evaluate(PROBE_MARK)).toBe(true);
  const second = await buyAt(page, shopUrl, 'bohnen.2');
  await popup.reload();
  await popup.waitFor(popupSel.entry);
  await expect
    .poll(async () => (await entryRows(popup)).map((r) => r.text.includes(second.orderNo)))
    .toEqual([true, false]);
  expect((await entryRows(popup))[1]!.text).toContain(order.orderNo);
  await expect
    .poll(() => textOf(popup, popupSel.pending))
    .toBe(en(points + pointsFor(second.totalMinor)));
  const claims = (await localEntries(popup)).filter((e) => e.kind === 'claim');
  expect(claims.map((e) => e.orderRef).sort()).toEqual([order.orderNo, second.orderNo].sort());

  // The same page on another origin: nothing of Pointpilot at all.
  const other = await b.newPage();
  await other.goto(order.url.replace('127.0.0.1', 'localhost'));
  // The content script runs at document idle, well within this on a loopback page.
  await new Promise((r) => setTimeout(r, 1500));
  expect(await other.texts(NOTICE)).toEqual([]);
  expect(await other.texts(BANNER)).toEqual([]);
  expect(await other.evaluate(PROBE_MARK)).toBe(false);
  expect(await entryRows(popup)).toHaveLength(2);
}

/** Signs in through the settings page as a shopper does (the server address under Advanced). */
export async function signInThroughSettings(
  b: ExtensionBrowser,
  backend: Backend,
  email: string,
): Promise<{ options: UiPage; token: string }> {
  const options = await b.extensionPage('options.html', optionsSel.ready);
  await options.click(optionsSel.advanced);
  await options.fill(optionsSel.backend, backend.url);
  await options.focus(optionsSel.backend);
  await options.press('Enter');
  await options.waitFor(optionsSel.saved);
  await options.fill(optionsSel.email, email);
  await options.focus(optionsSel.email);
  await options.press('Enter');
  await options.waitFor(optionsSel.code);
  await options.fill(optionsSel.code, await devCode(backend, email));
  await options.focus(optionsSel.code);
  await options.press('Enter');
  await options.waitFor(optionsSel.signedIn);
  return { options, token: await tokenIn(options) };
}

/** Sign in, buy, the partner confirms one order and cancels another: the popup follows on its own. */
export async function syncAndPartnerDecisions(
  b: ExtensionBrowser,
  backend: Backend,
  shopUrl: string,
): Promise<UiPage> {
  const email = `${b.name}-sync@example.de`;
  await signInThroughSettings(b, backend, email);
  const popup = await openPopup(b);
  const page = await b.newPage();
  const order = await buyAt(page, shopUrl, 'bohnen.1', email);
  await expect
    .poll(() => entryFor(popup, order.orderNo))
    .toMatchObject({
      status: 'pending',
      text: expect.stringContaining("Waiting for the partner's confirmation"),
    });
  await expect.poll(() => attributeOf(popup, popupSel.syncStatus, 'data-kind')).toBe('ok');

  partnerCli(backend, 'confirm', 'demo-shop', order.orderNo, '--buyer-email', email);
  // No click, no reload: the periodic sync brings the confirmation.
  await expect
    .poll(() => entryFor(popup, order.orderNo), { timeout: 30_000 })
    .toMatchObject({
      status: 'confirmed',
      text: expect.stringContaining('Confirmed by the partner'),
    });
  // The first confirmed purchase also releases the pending welcome bonus (500).
  await expect
    .poll(() => textOf(popup, popupSel.available))
    .toBe(en(pointsFor(order.totalMinor) + 500));
  expect(await textOf(popup, popupSel.pending)).toBe('0');

  const second = await buyAt(page, shopUrl, 'teekanne.1', email);
  await expect.poll(() => entryFor(popup, second.orderNo)).toMatchObject({ status: 'pending' });
  partnerCli(backend, 'cancel', 'demo-shop', second.orderNo, '--reason', 'Order cancelled');
  await expect
    .poll(() => entryFor(popup, second.orderNo), { timeout: 30_000 })
    .toMatchObject({
      status: 'rejected',
      text: expect.stringContaining('Cancelled by the partner'),
    });
  return popup;
}
