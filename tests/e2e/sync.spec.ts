import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { serverView, signedIn, tokenOf } from './server-view';

let shop: Shop;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await shop.close();
});

test.describe('sync with the real backend', () => {
  let backend: Backend;
  test.afterEach(async () => {
    await backend?.stop();
  });

  // Sign-in, confirmation and offline sync run on both browsers: tests/journeys/core.ts.

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
