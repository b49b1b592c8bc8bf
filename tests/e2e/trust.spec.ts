import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import {
  apiMember,
  claimOverApi,
  partnerConfirm,
  serverView,
  signedIn,
  tokenOf,
} from './server-view';

/**
 * Issue 9 end to end: an attacker who claims a shopper's order first gets
 * nothing; an op the server refuses never blocks the member's other ops.
 */
let shop: Shop;
let backend: Backend;
test.beforeAll(async () => {
  shop = await startShop({ port: 0, firstOrderNo: 700_000 });
  backend = await startBackend();
});
test.afterAll(async () => {
  await backend?.stop();
  await shop?.close();
});

test("an impostor who claims the shopper's order first does not get its points", async ({
  context,
  extensionId,
  worker,
}) => {
  const email = 'buyer@example.de';
  await signedIn(context, extensionId, backend, email);
  const popup = await PopupPage.open(context, extensionId);

  // The attacker knows order numbers count up and claims the next one, inflated.
  const attacker = await apiMember(backend);
  const guessed = await claimOverApi(backend, attacker.token, {
    orderRef: 'PP-700000',
    minor: 999_999,
  });
  expect(guessed.status).toBe('accepted');

  const page = await context.newPage();
  const order = await buy(page, shop.url, ['handmuehle'], email);
  expect(order.orderNo).toBe('PP-700000');
  const entry = popup.entryFor(order.orderNo);
  // Not refused as "already claimed": it waits for the partner like any claim.
  await expect(entry).toHaveAttribute('data-status', 'pending');
  await expect
    .poll(async () => (await serverView(backend, await tokenOf(worker))).claims.length)
    .toBe(1);

  // The shop confirms for the buyer it knows (the email given at checkout).
  await partnerConfirm(backend, order.orderNo, order.email);
  await expect(entry).toHaveAttribute('data-status', 'confirmed');
  const points = Math.floor((order.totalMinor * 2) / 100);
  await expect(popup.available).toHaveText(String(points + 500)); // + the released welcome bonus

  const stolen = await serverView(backend, attacker.token);
  expect(stolen.balance).toEqual({ available: 0, pending: 500 });
});

test('an op the server refuses is shown rejected; every other op still syncs', async ({
  context,
  extensionId,
  worker,
}) => {
  await signedIn(context, extensionId, backend, 'blocked@example.de');
  const popup = await PopupPage.open(context, extensionId);
  // An op an older build could write: a lone surrogate in the order reference
  // (its note cut with slice()). It waits first in the outbox.
  await worker.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const req = indexedDB.open('pointpilot-ledger');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const id = crypto.randomUUID();
    const at = Date.now() - 60_000;
    const orderRef = 'PP-OLD\uD83D';
    const claim = {
      partnerId: 'demo-shop',
      orderRef,
      total: { minor: 1000, currency: 'EUR' },
      detectedAt: new Date(at).toISOString(),
      signals: ['jsonld'],
      conflicts: [],
    };
    const tx = db.transaction(['entries', 'outbox'], 'readwrite');
    tx.objectStore('entries').put({
      id,
      kind: 'claim',
      partnerId: 'demo-shop',
      orderRef,
      amount: claim.total,
      points: 0,
      status: 'pending',
      reason: 'awaiting-sync',
      signals: ['jsonld'],
      createdAt: at,
      claimKey: `demo-shop\u0000${orderRef}`,
    });
    tx.objectStore('outbox').put({
      id,
      op: { id, type: 'claim', createdAt: new Date(at).toISOString(), claim },
      createdAt: at,
      attempts: 0,
    });
    await new Promise((ok) => {
      tx.oncomplete = ok;
    });
  });

  const page = await context.newPage();
  const a = await buy(page, shop.url, ['teekanne']);
  const b = await buy(page, shop.url, ['bohnen']);
  for (const o of [a, b]) {
    await expect(popup.entryFor(o.orderNo)).toContainText("Waiting for the partner's confirmation");
  }
  const poisoned = popup.entryFor('PP-OLD');
  await expect(poisoned).toHaveAttribute('data-status', 'rejected');
  await expect(popup.page.getByTestId('unsent')).toHaveCount(0);
  const view = await serverView(backend, await tokenOf(worker));
  expect(view.claims.map((c) => c.orderRef).sort()).toEqual([a.orderNo, b.orderNo].sort());
});

test('"sign out on all other devices" shuts out a session opened elsewhere', async ({
  context,
  extensionId,
}) => {
  const email = 'everywhere@example.de';
  const options = await signedIn(context, extensionId, backend, email);
  // Someone else (another device, or whoever got the code) holds a second token.
  const elsewhere = await apiMember(backend, email);
  const me = () =>
    fetch(`${backend.url}/v1/me`, { headers: { authorization: `Bearer ${elsewhere.token}` } });
  expect((await me()).status).toBe(200);

  await options.page.getByRole('button', { name: 'Sign out' }).click();
  await options.page.getByLabel('Also sign out on all other devices and browsers').check();
  await options.page.getByRole('button', { name: 'Sign out and delete local data' }).click();
  await expect(options.page.getByLabel('Email address')).toBeVisible();
  expect((await me()).status).toBe(401);
});
