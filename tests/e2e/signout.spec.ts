import type { Worker } from '@playwright/test';
import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { expectNoAxeViolations } from './axe';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { signedIn } from './server-view';

let shop: Shop;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await shop.close();
});

const pointsFor = (totalMinor: number) => Math.floor((totalMinor * 2) / 100); // demo shop: 2 per €
const NOT_SENT = 'Saved on this device, not yet sent';

/** The member's token, read from the extension's storage, to ask the server directly. */
async function tokenOf(worker: Worker): Promise<string | undefined> {
  return worker.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: {
          storage: { local: { get(k: string): Promise<Record<string, { token?: string }>> } };
        };
      }
    ).chrome;
    return (await c.storage.local.get('account')).account?.token;
  });
}

/** Every claim on the server for this token's member, read through /v1/sync from cursor 0. */
async function serverClaims(backend: Backend, token: string): Promise<string[]> {
  const claims: string[] = [];
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${backend.url}/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor, ops: [] }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as {
      changes: { kind: string; orderRef: string | null }[];
      cursor: number;
      hasMore: boolean;
    };
    for (const c of body.changes) if (c.kind === 'claim' && c.orderRef) claims.push(c.orderRef);
    cursor = body.cursor;
    if (!body.hasMore) break;
  }
  return claims;
}

test.describe('sign-out loses nothing', () => {
  let backend: Backend;
  test.afterEach(async () => {
    await backend?.stop();
  });

  test('a purchase not yet sent is named, kept on request, and syncs once after the next sign-in', async ({
    context,
    extensionId,
    worker,
  }) => {
    backend = await startBackend();
    const options = await signedIn(context, extensionId, backend, 'keep@example.de');
    const firstToken = await tokenOf(worker);
    const popup = await PopupPage.open(context, extensionId);
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'ok');
    // What the first sync brought (the welcome bonus): deleted by the sign-out below.
    await expect.poll(() => popup.entries.count()).toBeGreaterThan(0);
    const synced = await popup.entries.count();

    await backend.kill(); // the server is down
    const shopPage = await context.newPage();
    const order = await buy(shopPage, shop.url);
    const points = pointsFor(order.totalMinor);
    await expect(popup.entryFor(order.orderNo)).toContainText(NOT_SENT);
    await expect(popup.page.getByTestId('unsent')).toContainText('1');
    await expect(popup.entries).toHaveCount(synced + 1);

    // The first confirmation promises nothing about points the server never got.
    const page = options.page;
    await page.bringToFront();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByText('Signing out deletes')).toContainText(
      'Points the Pointpilot server has received stay on your account',
    );
    await expect(page.getByText('Signing out deletes')).not.toContainText('stay safe');
    await page.getByRole('button', { name: 'Sign out and delete local data' }).click();

    // The background tried to send it and could not: nothing deleted, the purchase named.
    const warning = page.getByTestId('sign-out-unsent');
    await expect(warning.getByRole('alert')).toContainText(
      '1 purchase has not reached the server yet:',
    );
    await expect(warning.getByTestId('unsent-purchase')).toHaveCount(1);
    await expect(warning.getByTestId('unsent-purchase')).toContainText(
      `Order ${order.orderNo} at `,
    );
    await expect(warning.getByTestId('unsent-purchase')).toContainText(`, ${points} points`);
    await expect(warning).toContainText('its points go to the account you then sign in with');
    // Keyboard: focus lands on the safe choice.
    await expect(page.getByRole('button', { name: 'Wait' })).toBeFocused();
    await expectNoAxeViolations(page, 'options, sign-out warning');

    // "Wait" changes nothing.
    await page.keyboard.press('Enter');
    await expect(warning).toHaveCount(0);
    await expect(page.getByTestId('signed-in')).toContainText('keep@example.de');
    await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeFocused();
    expect(await tokenOf(worker)).toBe(firstToken);
    await expect(popup.entryFor(order.orderNo)).toContainText(NOT_SENT);
    await expect(popup.entries).toHaveCount(synced + 1);
    await expect(popup.page.getByTestId('unsent')).toContainText('1');

    // Again, by keyboard alone: Sign out → (focus on Cancel) → the sign-out button → the warning.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(
      page.getByRole('button', { name: 'Sign out and delete local data' }),
    ).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Wait' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(
      page.getByRole('button', { name: 'Keep on this device and sign out' }),
    ).toBeFocused();
    await page.keyboard.press('Enter');

    // Signed out; the purchase is still here, still not sent; everything else is gone.
    await expect(page.getByLabel('Email address')).toBeVisible();
    expect(await tokenOf(worker)).toBeUndefined();
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'signed-out');
    await expect(popup.entries).toHaveCount(1);
    await expect(popup.entryFor(order.orderNo)).toContainText(NOT_SENT);
    await expect(popup.page.getByTestId('unsent')).toContainText('1');
    await expect(popup.pending).toHaveText(String(points));
    await expect(popup.available).toHaveText('0');

    // The server is back; another account signs in on this device: the purchase goes up once.
    await backend.restart();
    await options.signIn(backend, 'next@example.de');
    await expect(popup.entryFor(order.orderNo)).toContainText(
      "Waiting for the partner's confirmation",
      { timeout: 60_000 },
    );
    await expect(popup.page.getByTestId('unsent')).toHaveCount(0);
    await expect(popup.entryFor(order.orderNo)).toHaveCount(1);
    const secondToken = await tokenOf(worker);
    expect(secondToken).toBeTruthy();
    expect(secondToken).not.toBe(firstToken);
    expect(await serverClaims(backend, secondToken!)).toEqual([order.orderNo]);
    // Not also on the first account (its token could not be revoked while the server was down).
    expect(await serverClaims(backend, firstToken!)).toEqual([]);
  });

  test('with the server up and nothing unsent, one confirmation signs out as before', async ({
    context,
    extensionId,
    worker,
  }) => {
    backend = await startBackend();
    const options = await signedIn(context, extensionId, backend, 'plain@example.de');
    const popup = await PopupPage.open(context, extensionId);
    const shopPage = await context.newPage();
    const order = await buy(shopPage, shop.url);
    await expect(popup.entryFor(order.orderNo)).toContainText(
      "Waiting for the partner's confirmation",
    );
    const token = await tokenOf(worker);

    const page = options.page;
    await page.bringToFront();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out and delete local data' }).click();
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expect(page.getByTestId('sign-out-unsent')).toHaveCount(0);
    await expect(popup.entries).toHaveCount(0);
    await expect(popup.pending).toHaveText('0');
    await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'signed-out');
    // The token is revoked on the server.
    const me = await fetch(`${backend.url}/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
  });

  test('a purchase that waited is sent during sign-out when the server is back', async ({
    context,
    extensionId,
    worker,
  }) => {
    backend = await startBackend();
    const options = await signedIn(context, extensionId, backend, 'resend@example.de');
    const token = await tokenOf(worker);
    const popup = await PopupPage.open(context, extensionId);
    await backend.kill();
    const shopPage = await context.newPage();
    const order = await buy(shopPage, shop.url);
    await expect(popup.entryFor(order.orderNo)).toContainText(NOT_SENT);

    await backend.restart();
    const page = options.page;
    await page.bringToFront();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    // Whether the retry timer or the sign-out itself sent it: no warning, signed out.
    await page.getByRole('button', { name: 'Sign out and delete local data' }).click();
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expect(page.getByTestId('sign-out-unsent')).toHaveCount(0);
    await expect(popup.entries).toHaveCount(0);
    // The purchase is on the account: sign in again and it comes back from the server.
    await options.signIn(backend, 'resend@example.de');
    await expect(popup.entryFor(order.orderNo)).toContainText(
      "Waiting for the partner's confirmation",
    );
    const again = await tokenOf(worker);
    expect(again).not.toBe(token);
    expect(await serverClaims(backend, again!)).toEqual([order.orderNo]);
  });
});
