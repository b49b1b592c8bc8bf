/** Offline purchases, run by both e2e suites on whatever browser they launched. */
import { expect } from '@playwright/test';
import type { Backend } from '../e2e/backend';
import { serverView } from '../e2e/server-view';
import { buyAt, signInThroughSettings } from './core';
import { attributeOf, entryFor, openPopup, popupSel, textOf } from './popup';
import type { ExtensionBrowser } from './ui';

const en = (n: number) => n.toLocaleString('en-US');

/** Purchases made while the server is down wait on the device and sync once each when it is back. */
export async function offlinePurchasesSyncOnce(
  b: ExtensionBrowser,
  backend: Backend,
  shopUrl: string,
): Promise<void> {
  const email = `${b.name}-offline@example.de`;
  const { token } = await signInThroughSettings(b, backend, email);
  const popup = await openPopup(b);
  await backend.kill();
  const page = await b.newPage();
  const orders = [
    await buyAt(page, shopUrl, 'bohnen.1', email),
    await buyAt(page, shopUrl, 'handmuehle.1', email),
  ];
  for (const o of orders)
    await expect
      .poll(async () => (await entryFor(popup, o.orderNo))?.text)
      .toContain('Saved on this device, not yet sent');
  await expect.poll(() => attributeOf(popup, popupSel.syncStatus, 'data-kind')).toBe('offline');
  await expect.poll(() => textOf(popup, popupSel.unsent)).toContain('2');

  await backend.restart();
  for (const o of orders)
    await expect
      .poll(async () => (await entryFor(popup, o.orderNo))?.text, { timeout: 60_000 })
      .toContain("Waiting for the partner's confirmation");
  await expect.poll(() => popup.texts(popupSel.unsent)).toEqual([]);
  await expect.poll(() => attributeOf(popup, popupSel.syncStatus, 'data-kind')).toBe('ok');
  const refs = orders.map((o) => o.orderNo).sort();
  const view = await serverView(backend, token);
  expect(view.claims.map((c) => c.orderRef).sort()).toEqual(refs);
  // A while later (several poll intervals), still exactly once each.
  await new Promise((r) => setTimeout(r, 4000));
  expect((await serverView(backend, token)).claims.map((c) => c.orderRef).sort()).toEqual(refs);
  expect(await textOf(popup, popupSel.pending)).toBe(en(view.balance.pending));
}
