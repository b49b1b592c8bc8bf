import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@playwright/test';
import { worldsOf } from './cdp';
import { expect, test } from './fixtures';

/**
 * The fixture corpus (tests/fixtures/shops) through the real built extension:
 * every page whose partner needs no selector rules is served on the demo
 * partner's origin (127.0.0.1) under its own path, so the registered content
 * script and main-world probe judge it exactly as on the shop.
 */
interface Fixture {
  file: string;
  url: string;
  partner: { id: string; rules?: unknown[] };
  expected: { orderRef: string; total: { minor: number; currency: string } } | null;
}
const DIR = 'tests/fixtures/shops';
const all = JSON.parse(readFileSync(`${DIR}/index.json`, 'utf8')) as Fixture[];
const sample = all.filter((f) => !f.partner.rules?.length);
const positives = sample.filter((f) => f.expected);
const negatives = sample.filter((f) => !f.expected);

let server: Server;
let origin: string;
const pathOf = (f: Fixture) => {
  const u = new URL(f.url);
  return `/${f.file}${u.pathname}${u.search}`;
};

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const f = sample.find((x) => req.url?.startsWith(`/${x.file}/`));
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(`${DIR}/${f.file}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function ledger(
  worker: Worker,
): Promise<{ orderRef: string; amount: { minor: number; currency: string } }[]> {
  return worker.evaluate(async () => {
    // Nothing recorded yet: the ledger database does not exist (and must not be created here).
    if (!(await indexedDB.databases()).some((d) => d.name === 'pointpilot-ledger')) return [];
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('pointpilot-ledger');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const q = open.result.transaction('entries').objectStore('entries').getAll();
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      };
    });
  });
}

test(`${positives.length} confirmation pages of real shop systems are recorded with the right order and amount`, async ({
  context,
  worker,
}) => {
  test.setTimeout(240_000);
  // The pages reference trackers and CDNs: nothing leaves this machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  const page = await context.newPage();
  for (const f of positives) {
    await page.goto(origin + pathOf(f));
    await expect(page.locator('#pointpilot-notice'), f.file).toBeAttached({ timeout: 20_000 });
    const entry = (await ledger(worker)).find((e) => e.orderRef === f.expected!.orderRef);
    expect(entry?.amount, f.file).toEqual(f.expected!.total);
  }
  // An order-status page opened again (the Shopify revisit) is the same order: one entry.
  const orders = new Set(positives.map((f) => f.expected!.orderRef));
  expect(orders.size).toBeLessThan(positives.length);
  expect((await ledger(worker)).length).toBe(orders.size);
});

test(`${negatives.length} look-alike pages record nothing`, async ({ context, worker }) => {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  const tabs = await Promise.all(negatives.map(() => context.newPage()));
  await Promise.all(tabs.map((t, i) => t.goto(origin + pathOf(negatives[i]!))));
  // Their signals (and the late ones of the positives) all fire within 2 s of load;
  // give the detector well past that before looking.
  await tabs[0]!.waitForTimeout(5_000);
  for (const t of tabs) {
    // The content script did run there (so "nothing" is its verdict, not its absence)…
    expect((await worldsOf(context, t)).map((w) => w.name)).toContain('Pointpilot');
    // …and told the shopper nothing.
    await expect(t.locator('#pointpilot-notice')).toHaveCount(0);
  }
  expect(await ledger(worker)).toEqual([]);
});
