import type { Page, Worker } from '@playwright/test';
import { placeOrder } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { type Backend, startBackend } from './backend';
import { stopServiceWorker } from './cdp';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';

const OPS = 300;

let shop: Shop;
let backend: Backend;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
  backend = await startBackend({
    args: ['--fault-mode'],
    env: { FAULTS: JSON.stringify({ fail: 0.2, drop: 0.1, maxDelayMs: 400 }) },
  });
});
test.afterAll(async () => {
  await backend?.stop();
  await shop?.close();
});

async function token(worker: Worker): Promise<string> {
  return worker.evaluate(async () => {
    type Store = { get(k: string): Promise<Record<string, { token: string }>> };
    const c = (globalThis as unknown as { chrome: { storage: { local: Store } } }).chrome;
    return (await c.storage.local.get('account')).account!.token;
  });
}

async function serverClaims(tok: string): Promise<{ orderRefs: string[]; pending: number }> {
  const auth = { authorization: `Bearer ${tok}`, 'content-type': 'application/json' };
  // Faults are on: retry the test's own reads too.
  const post = async (body: unknown) => {
    for (;;) {
      const res = await fetch(`${backend.url}/v1/sync`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(body),
      }).catch(() => null);
      if (res?.ok)
        return (await res.json()) as {
          changes: { kind: string; orderRef: string }[];
          cursor: number;
          hasMore: boolean;
          balance: { pending: number };
        };
    }
  };
  const orderRefs: string[] = [];
  let cursor = 0;
  let pending = 0;
  for (;;) {
    const page = await post({ cursor, ops: [] });
    orderRefs.push(...page.changes.filter((c) => c.kind === 'claim').map((c) => c.orderRef));
    cursor = page.cursor;
    pending = page.balance.pending;
    if (!page.hasMore) break;
  }
  return { orderRefs, pending };
}

test(`${OPS} ops through 500s, dropped responses, delays and service-worker kills: exactly once`, async ({
  context,
  extensionId,
  worker,
}) => {
  test.setTimeout(600_000);
  const options = await OptionsPage.open(context, extensionId);
  await options.setBackend(backend.url);
  // Sign-in itself is not behind the faults (they apply to /v1/sync only).
  await options.signIn(backend, 'faults@example.de');

  const urls = await Promise.all(
    Array.from({ length: OPS }, () => placeOrder(shop.url, 'bohnen.1', 'erika@example.de')),
  );
  const expected = new Set(urls.map((u) => /\/order\/([^/]+)\//.exec(u)![1]!));
  expect(expected.size).toBe(OPS);

  // The popup stays open to show how many ops wait: a kill while some wait is a kill mid-sync.
  const popup = await PopupPage.open(context, extensionId);
  const unsent = popup.page.getByTestId('unsent');
  let kills = 0;
  let killsWhileOpsWaited = 0;
  const kill = async (page: Page) => {
    if ((await unsent.count()) > 0) killsWhileOpsWaited++;
    await stopServiceWorker(context, page);
    kills++;
  };

  // Four shopper tabs visit the confirmation pages; each waits for the "recorded" notice.
  const tabs = await Promise.all(Array.from({ length: 4 }, () => context.newPage()));
  let next = 0;
  const visit = async (tab: Page) => {
    while (next < urls.length) {
      const i = next++;
      await tab.goto(urls[i]!);
      await tab.locator('#pointpilot-notice').waitFor({ state: 'attached', timeout: 30_000 });
      // Stop the worker now and then while claims are still flowing and syncing.
      if (i > 0 && i % 50 === 0) await kill(tab);
    }
  };
  await Promise.all(tabs.map(visit));

  // And a few more times while the outbox drains.
  for (let k = 0; k < 3; k++) {
    await popup.page.waitForTimeout(1000);
    await kill(popup.page);
  }
  expect(kills).toBeGreaterThanOrEqual(3);
  expect(killsWhileOpsWaited).toBeGreaterThanOrEqual(3);

  await expect(unsent).toHaveCount(0, { timeout: 240_000 });
  const tok = await token(worker);
  const server = await serverClaims(tok);
  // Exactly one server entry per op: nothing lost, nothing doubled.
  expect(server.orderRefs.length).toBe(OPS);
  expect(new Set(server.orderRefs)).toEqual(expected);
  // The popup agrees with the server.
  await popup.page.reload();
  await expect(popup.pending).toHaveText(new Intl.NumberFormat('en').format(server.pending), {
    timeout: 30_000,
  });
  await expect(popup.page.getByTestId('sync-status')).toHaveAttribute('data-kind', 'ok', {
    timeout: 60_000,
  });
});
