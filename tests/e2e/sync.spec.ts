import { execFileSync } from 'node:child_process';
import type { BrowserContext, Worker } from '@playwright/test';
import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';

let shop: Shop;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await shop.close();
});

const pointsFor = (totalMinor: number) => Math.floor((totalMinor * 2) / 100);

async function signedIn(
  context: BrowserContext,
  extensionId: string,
  backend: Backend,
  email: string,
) {
  const options = await OptionsPage.open(context, extensionId);
  await options.setBackend(backend.url);
  await options.signIn(backend, email);
  return options;
}

/** The member's token, read from the extension's storage, to ask the server directly. */
async function tokenOf(worker: Worker): Promise<string> {
  return worker.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: {
          storage: { local: { get(k: string): Promise<Record<string, { token: string }>> } };
        };
      }
    ).chrome;
    return (await c.storage.local.get('account')).account!.token;
  });
}

async function serverView(backend: Backend, token: string) {
  const me = (await (
    await fetch(`${backend.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as {
    balance: { available: number; pending: number };
  };
  const claims: { id: string; orderRef: string }[] = [];
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${backend.url}/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor, ops: [] }),
    });
    const body = (await res.json()) as {
      changes: { kind: string; id: string; orderRef: string }[];
      cursor: number;
      hasMore: boolean;
    };
    claims.push(...body.changes.filter((c) => c.kind === 'claim'));
    cursor = body.cursor;
    if (!body.hasMore) break;
  }
  return { balance: me.balance, claims, token };
}

function partnerCli(backend: Backend, ...args: string[]): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/partner.ts', ...args, '--server', backend.url],
    {
      encoding: 'utf8',
    },
  );
}

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
    partnerCli(backend, 'confirm', 'demo-shop', order.orderNo);
    // No click, no reload: the periodic sync brings the confirmation.
    await expect(entry).toHaveAttribute('data-status', 'confirmed');
    await expect(entry).toContainText('Confirmed by the partner');
    await expect(popup.available).toHaveText(String(before + pointsFor(order.totalMinor)));
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
    // A new member's welcome bonus arrives with the first sync, explained.
    await expect(popup.entries.filter({ hasText: 'Welcome bonus' })).toContainText('500 points');
    await expect(popup.available).toHaveText('500');
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
