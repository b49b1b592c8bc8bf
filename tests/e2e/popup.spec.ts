import type { BrowserContext, Page, Worker } from '@playwright/test';
import { type Shop, startShop } from '../../demo/shop/server';
import { expectNoAxeViolations } from './axe';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { signedIn } from './server-view';

const HOUR = 3_600_000;

async function expectNoSidewaysScroll(page: Page, what: string) {
  for (const width of [360, 380, 420]) {
    await page.setViewportSize({ width, height: 600 });
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll, `${what} at ${width} px`).toBeLessThanOrEqual(client);
  }
}

/**
 * Writes `n` claims straight into the extension's ledger (raw IndexedDB from
 * the worker, as an older build or a sync would have left them): one every
 * five hours back from now, so they span several days. Order refs PP-T00
 * (newest) … PP-T29; one refused, one cancelled by the shopper.
 */
async function writeEntries(worker: Worker, n: number): Promise<void> {
  await worker.evaluate(
    async ({ n, HOUR }) => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const req = indexedDB.open('pointpilot-ledger');
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      const tx = db.transaction(['entries'], 'readwrite');
      const now = Date.now();
      for (let i = 0; i < n; i++) {
        const orderRef = `PP-T${String(i).padStart(2, '0')}`;
        const rejected = i === 3 || i === 7;
        tx.objectStore('entries').put({
          id: crypto.randomUUID(),
          kind: 'claim',
          partnerId: 'demo-shop',
          orderRef,
          amount: { minor: 1000 + i * 137, currency: 'EUR' },
          points: 20 + i,
          status: rejected ? 'rejected' : i % 2 ? 'confirmed' : 'pending',
          reason: rejected
            ? i === 3
              ? 'rejected-by-server'
              : 'cancelled-by-partner'
            : i % 2
              ? 'confirmed-by-partner'
              : 'awaiting-partner',
          ...(i === 7 ? { code: 'cancelled-by-shopper' } : {}),
          signals: ['jsonld'],
          createdAt: now - i * 5 * HOUR - 60_000,
          serverSeq: n - i,
          claimKey: `demo-shop\u0000${orderRef}`,
        });
      }
      await new Promise((ok, fail) => {
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
    },
    { n, HOUR },
  );
}

/** The popup over a ledger holding `n` entries (the popup opens first: Dexie creates the database). */
async function openWithEntries(
  context: BrowserContext,
  extensionId: string,
  worker: Worker,
  n: number,
): Promise<PopupPage> {
  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.available).toBeVisible();
  await writeEntries(worker, n);
  await popup.page.reload(); // raw IndexedDB writes do not wake Dexie's live queries
  return popup;
}

test('activity: 30 entries with their dates, grouped by day, newest first; fits 360–420 px; axe', async ({
  context,
  extensionId,
  worker,
}) => {
  const popup = await openWithEntries(context, extensionId, worker, 30);

  // Home: the balance header, what is on the way and what it means, the latest few.
  await expect(popup.available).toBeVisible();
  await expect(popup.page.getByTestId('pending-explained')).toContainText(
    'Pending points become available when the partner shop confirms',
  );
  await expect(popup.entries).toHaveCount(5);
  await expect(popup.entries.first()).toContainText('PP-T00');
  // When it arrives: the oldest pending purchase (PP-T28) plus Demo Shop's 14 days.
  const medium = (at: number) => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(at);
  const t28 = Number(await popup.entryFor('PP-T00').getAttribute('data-at')) - 28 * 5 * HOUR;
  await expect(popup.page.getByTestId('next-arrival')).toHaveText(
    new RegExp(`^Next: \\d+ points by about ${medium(t28 + 14 * 24 * HOUR)}$`),
  );
  await expect(popup.entryFor('PP-T00').getByTestId('entry-expected')).toHaveText(
    `Usually confirmed by ${medium(Number(await popup.entryFor('PP-T00').getAttribute('data-at')) + 14 * 24 * HOUR)}`,
  );
  // Confirmed ones say nothing about it.
  await expect(popup.entryFor('PP-T01').getByTestId('entry-expected')).toHaveCount(0);
  await expect(popup.syncStatus).toHaveAttribute('data-kind', 'signed-out');
  await expect(popup.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoSidewaysScroll(popup.page, 'home');
  await expectNoAxeViolations(popup.page, 'popup home');

  await popup.page.getByTestId('all-activity').click();
  await expect(popup.tab('activity')).toHaveAttribute('aria-selected', 'true');
  await expect(popup.tab('activity')).toBeFocused();
  await expect(popup.entries).toHaveCount(30);
  const refs = await popup.entries.evaluateAll((els) =>
    els.map((el) => el.textContent?.match(/PP-T\d\d/)?.[0]),
  );
  expect(refs).toEqual(Array.from({ length: 30 }, (_, i) => `PP-T${String(i).padStart(2, '0')}`));

  // Every entry has its time; entries sit under one heading per local day, in order.
  const expected = await popup.page.evaluate((hour) => {
    const at = [...document.querySelectorAll<HTMLElement>('[data-testid="entry"]')].map((e) =>
      Number(e.dataset.at),
    );
    const key = (t: number) => new Date(t).toDateString();
    const days = [...new Set(at.map(key))];
    const fmt = new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long' });
    return {
      sorted: at.every((t, i) => i === 0 || at[i - 1]! >= t),
      days: days.length,
      firstOlder: fmt.format(at.find((t) => Date.now() - t > 3 * 24 * hour)!),
    };
  }, HOUR);
  expect(expected.sorted).toBe(true);
  await expect(popup.days).toHaveCount(expected.days);
  expect(expected.days).toBeGreaterThanOrEqual(6);
  await expect(popup.days.first().getByTestId('day-title')).toContainText('Today');
  await expect(
    popup.page.getByTestId('day-title').filter({ hasText: expected.firstOlder }),
  ).toHaveCount(1);
  for (const time of await popup.page.getByTestId('entry-time').all())
    await expect(time).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

  // Tones: a refusal reads negative; the shopper's own cancellation is not shown as an error.
  await expect(popup.entryFor('PP-T03')).toHaveAttribute('data-tone', 'negative');
  await expect(popup.entryFor('PP-T07')).not.toHaveAttribute('data-tone', 'negative');

  await expectNoSidewaysScroll(popup.page, 'activity');
  await expectNoAxeViolations(popup.page, 'popup activity');
});

test('activity pages through many entries with "Show more"', async ({
  context,
  extensionId,
  worker,
}) => {
  const popup = await openWithEntries(context, extensionId, worker, 30);
  await worker.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => {
      const req = indexedDB.open('pointpilot-ledger');
      req.onsuccess = () => ok(req.result);
    });
    const tx = db.transaction(['entries'], 'readwrite');
    const old = Date.now() - 400 * 24 * 3_600_000;
    for (let i = 0; i < 100; i++)
      tx.objectStore('entries').put({
        id: crypto.randomUUID(),
        kind: 'claim',
        partnerId: 'demo-shop',
        orderRef: `PP-OLD${i}`,
        amount: null,
        points: 1,
        status: 'confirmed',
        reason: 'confirmed-by-partner',
        signals: [],
        createdAt: old - i * 60_000,
      });
    await new Promise((ok) => {
      tx.oncomplete = ok;
    });
  });
  await popup.page.reload();
  await popup.openActivity();
  await expect(popup.entries).toHaveCount(50);
  await expect(popup.page.getByTestId('activity-showing')).toContainText('50 of 130');
  await popup.page.getByTestId('show-more').click();
  await expect(popup.entries).toHaveCount(100);
  // Focus continues at the first entry added, also when the button goes away
  // with the last page (by keyboard: Enter on the button).
  await expect(popup.entries.nth(50)).toBeFocused();
  await popup.page.getByTestId('show-more').focus();
  await popup.page.keyboard.press('Enter');
  await expect(popup.entries).toHaveCount(130);
  await expect(popup.page.getByTestId('show-more')).toHaveCount(0);
  await expect(popup.entries.nth(100)).toBeFocused();
  await expect(popup.entries.nth(100)).toContainText('PP-OLD70');
  // Last year's entries name their year.
  await expect(popup.days.last()).toContainText(String(new Date().getFullYear() - 1));
});

test('keyboard: Tab and the arrow keys reach the sections, Enter opens Activity', async ({
  context,
  extensionId,
  worker,
}) => {
  const popup = await openWithEntries(context, extensionId, worker, 3);
  await expect(popup.entries).toHaveCount(3);
  const page = popup.page;
  // Header: Settings, then each tab.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('open-settings')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(popup.tab('home')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(popup.tab('activity')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(popup.tab('home')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(popup.tab('activity')).toBeFocused();
  await expect(popup.tab('home')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(popup.tab('activity')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-activity');
  await expect(popup.days).not.toHaveCount(0);
  // Arrows go on through Coupons, Rewards and Card and wrap around; End and Home jump.
  await page.keyboard.press('ArrowRight');
  await expect(popup.tab('coupons')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(popup.tab('rewards')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(popup.tab('home')).toBeFocused();
  await page.keyboard.press('End');
  await expect(popup.tab('card')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(popup.tab('home')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(popup.tab('home')).toHaveAttribute('aria-selected', 'true');
  // After the tabs, Tab goes on to the first control below.
  for (const tab of ['activity', 'coupons', 'rewards', 'card'] as const) {
    await page.keyboard.press('Tab');
    await expect(popup.tab(tab)).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeFocused();
});

test.describe('with the real server', () => {
  let shop: Shop;
  let backend: Backend | undefined;
  test.beforeAll(async () => {
    shop = await startShop({ port: 0 });
  });
  test.afterAll(async () => {
    await shop?.close();
  });
  test.afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  test('server down, session expired and online each look and read differently', async ({
    context,
    extensionId,
    worker,
  }) => {
    backend = await startBackend();
    await signedIn(context, extensionId, backend, 'states@example.de');
    const popup = await PopupPage.open(context, extensionId);
    const status = popup.syncStatus;
    await expect(status).toHaveAttribute('data-kind', 'ok');
    const icon = status.locator('[data-icon]');
    await expect(icon).toHaveAttribute('data-icon', 'ok');
    const onlineText = await status.getByTestId('sync-text').textContent();
    const onlineLook = await status.evaluate((el) => getComputedStyle(el).borderLeftColor);

    await backend.kill();
    // The test build polls every 3 s: the next attempt finds no server.
    await expect(status).toHaveAttribute('data-kind', 'offline', { timeout: 30_000 });
    await expect(icon).toHaveAttribute('data-icon', 'offline');
    const downText = await status.getByTestId('sync-text').textContent();
    expect(downText).not.toBe(onlineText);
    expect(downText).toContain('server is not answering');
    // The shopper's connection is fine: do not blame it.
    expect(downText).not.toMatch(/offline/i);
    expect(await status.evaluate((el) => getComputedStyle(el).borderLeftColor)).not.toBe(
      onlineLook,
    );
    await expectNoAxeViolations(popup.page, 'popup, server down');

    // Retry once it is back: online again.
    await backend.restart();
    await status.getByRole('button', { name: 'Try again' }).click();
    await expect(status).toHaveAttribute('data-kind', 'ok', { timeout: 30_000 });

    // Session expired: its own look and a way to sign in again.
    await worker.evaluate(async () => {
      type Store = {
        get(k: string): Promise<Record<string, Record<string, unknown>>>;
        set(v: object): Promise<void>;
      };
      const c = (globalThis as unknown as { chrome: { storage: { local: Store } } }).chrome;
      const { account } = await c.storage.local.get('account');
      await c.storage.local.set({ account: { ...account, needsSignIn: true } });
    });
    await expect(status).toHaveAttribute('data-kind', 'needs-sign-in');
    await expect(icon).toHaveAttribute('data-icon', 'needs-sign-in');
    await expect(status.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(await status.getByTestId('sync-text').textContent()).not.toBe(downText);
  });

  test('after sign-out and sign-in the same entries come back in the same order, refused ones included', async ({
    context,
    extensionId,
  }) => {
    // 26 claims an hour per member: of 30 purchases the server refuses the last 4.
    backend = await startBackend({ env: { CLAIMS_PER_MEMBER_HOUR: '26' } });
    const options = await signedIn(context, extensionId, backend, 'history@example.de');
    const shopPage = await context.newPage();
    for (let i = 0; i < 30; i++) {
      await shopPage.goto(await placeOrder(shop.url, i));
      await shopPage.locator('#pointpilot-notice').waitFor({ state: 'attached' });
    }
    const popup = await PopupPage.open(context, extensionId);
    await popup.openActivity();
    await expect(popup.syncStatus).toHaveAttribute('data-kind', 'ok', { timeout: 60_000 });
    await expect(popup.entries.filter({ hasText: /Order / })).toHaveCount(30);
    await expect(popup.entries.and(popup.page.locator('[data-status="rejected"]'))).toHaveCount(4, {
      timeout: 30_000,
    });
    const read = () =>
      popup.entries.evaluateAll((els) =>
        els.map((el) => ({
          partner: el.querySelector('.partner')?.textContent,
          points: el.querySelector('[data-testid="entry-points"]')?.textContent,
          ref: el.textContent?.match(/Order (\S+)/)?.[1] ?? null,
          status: (el as HTMLElement).dataset.status,
          at: (el as HTMLElement).dataset.at,
          reason: el.querySelector('.reason')?.textContent,
        })),
      );
    const before = await read();

    await options.page.bringToFront();
    await options.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await options.page.getByRole('button', { name: 'Sign out and delete local data' }).click();
    await expect(popup.entries).toHaveCount(0);
    await options.signIn(backend, 'history@example.de');

    await expect(popup.entries).toHaveCount(before.length, { timeout: 60_000 });
    // Same entries, same order, same times, points, statuses and reasons (refused ones included).
    await expect.poll(read, { timeout: 30_000 }).toEqual(before);
  });
});

/** Places an order over HTTP (as the checkout form does) and returns its confirmation URL. */
async function placeOrder(shopUrl: string, i: number): Promise<string> {
  const res = await fetch(`${shopUrl}/checkout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      items: `bohnen.${1 + (i % 3)}`,
      name: 'Erika Mustermann',
      email: 'history@example.de',
    }),
  });
  return new URL(res.headers.get('location')!, shopUrl).href;
}
