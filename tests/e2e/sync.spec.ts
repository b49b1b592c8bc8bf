import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { partnerCli, serverView, signedIn, tokenOf } from './server-view';

let shop: Shop;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await shop.close();
});

const pointsFor = (totalMinor: number) => Math.floor((totalMinor * 2) / 100);

test.describe('sync with the real backend', () => {
  let backend: Backend;
  test.afterEach(async () => {
    await backend?.stop();
  });

  test('sign in, buy, partner confirms: the popup follows on its own', async ({
    context,
    extensionId,
  }) => {
    backend = await startBackend();
    await signedIn(context, extensionId, backend, 'erika@example.de');
    const popup = await PopupPage.open(context, extensionId);
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', /ok|never/);

    const page = await context.newPage();
    const order = await buy(page, shop.url);
    const entry = popup.entryFor(order.orderNo);
    await expect(entry).toHaveAttribute('data-status', 'pending');
    await expect(entry).toContainText("Waiting for the partner's confirmation");
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'ok');

    const before = Number(await popup.available.textContent());
    partnerCli(backend, 'confirm', 'demo-shop', order.orderNo, '--buyer-email', order.email);
    // No click, no reload: the periodic sync brings the confirmation.
    await expect(entry).toHaveAttribute('data-status', 'confirmed');
    await expect(entry).toContainText('Confirmed by the partner');
    // The first confirmed purchase also releases the pending welcome bonus (500).
    await expect(popup.available).toHaveText(String(before + pointsFor(order.totalMinor) + 500));
    await expect(popup.pending).toHaveText('0');

    // A second order is cancelled by the partner: shown with its reason.
    const second = await buy(page, shop.url, ['teekanne']);
    await expect(popup.entryFor(second.orderNo)).toContainText(
      "Waiting for the partner's confirmation",
    );
    partnerCli(backend, 'cancel', 'demo-shop', second.orderNo, '--reason', 'Order cancelled');
    await expect(popup.entryFor(second.orderNo)).toHaveAttribute('data-status', 'rejected');
    await expect(popup.entryFor(second.orderNo)).toContainText('Cancelled by the partner');
  });

  test('offline purchases wait locally and sync once each when the server is back', async ({
    context,
    extensionId,
    worker,
  }) => {
    backend = await startBackend();
    await signedIn(context, extensionId, backend, 'offline@example.de');
    const popup = await PopupPage.open(context, extensionId);
    const token = await tokenOf(worker);
    await backend.kill(); // the server is down

    const page = await context.newPage();
    const a = await buy(page, shop.url);
    const b = await buy(page, shop.url, ['bohnen']);
    await expect(popup.entryFor(a.orderNo)).toContainText('Saved on this device, not yet sent');
    await expect(popup.entryFor(b.orderNo)).toContainText('Saved on this device, not yet sent');
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'offline');
    await expect(popup.page.getByTestId('unsent')).toContainText('2');

    await backend.restart();
    await expect(popup.entryFor(a.orderNo)).toContainText(
      "Waiting for the partner's confirmation",
      { timeout: 60_000 },
    );
    await expect(popup.entryFor(b.orderNo)).toContainText("Waiting for the partner's confirmation");
    await expect(popup.page.getByTestId('unsent')).toHaveCount(0);
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'ok');

    const view = await serverView(backend, token);
    expect(view.claims.map((c) => c.orderRef).sort()).toEqual([a.orderNo, b.orderNo].sort());
    await expect(popup.pending).toHaveText(String(view.balance.pending));
  });

  test('signed out, claims are kept locally; they sync after sign-in; sign-out deletes local data', async ({
    context,
    extensionId,
    worker,
  }) => {
    backend = await startBackend();
    const popup = await PopupPage.open(context, extensionId);
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'signed-out');
    await expect(popup.page.getByRole('button', { name: 'Sign in' })).toBeVisible();

    const page = await context.newPage();
    const order = await buy(page, shop.url);
    await expect(popup.entryFor(order.orderNo)).toContainText('Saved on this device, not yet sent');

    const options = await signedIn(context, extensionId, backend, 'later@example.de');
    await expect(popup.entryFor(order.orderNo)).toContainText(
      "Waiting for the partner's confirmation",
    );
    // A new member's welcome bonus arrives with the first sync, explained, and waits
    // for the first confirmed purchase.
    const bonus = popup.entries.filter({ hasText: 'Welcome bonus' });
    await expect(bonus).toContainText('500 points');
    await expect(bonus).toHaveAttribute('data-status', 'pending');
    await expect(popup.available).toHaveText('0');
    const view = await serverView(backend, await tokenOf(worker));
    expect(view.claims.map((c) => c.orderRef)).toEqual([order.orderNo]);

    // Sign-out asks first; cancelling keeps everything.
    await options.page.getByRole('button', { name: 'Sign out' }).click();
    await options.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(options.page.getByTestId('signed-in')).toBeVisible();
    await options.page.getByRole('button', { name: 'Sign out' }).click();
    await options.page.getByRole('button', { name: 'Sign out and delete local data' }).click();
    await expect(options.page.getByLabel('Email address')).toBeVisible();
    await expect(popup.entries).toHaveCount(0);
    await expect(popup.pending).toHaveText('0');
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'signed-out');
    // The server still has the member's points; the revoked token no longer works.
    const me = await fetch(`${backend.url}/v1/me`, {
      headers: { authorization: `Bearer ${view.token}` },
    });
    expect(me.status).toBe(401);
  });
});
