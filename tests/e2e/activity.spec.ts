import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { localDay } from '../../utils/contract/missing-claim';
import { ACTIVITY_COLUMNS } from '../../utils/ledger/activity-export';
import { parseCsv } from '../support/csv-reader';
import { expectNoAxeViolations } from './axe';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import {
  opOverApi,
  partnerCli,
  partnerConfirm,
  serverView,
  signedIn,
  tokenOf,
} from './server-view';

let shop: Shop;
let backend: Backend | undefined;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await backend?.stop();
  await shop.close();
});

interface LocalEntry {
  id: string;
  kind: string;
  status: string;
  points: number;
  partnerId: string | null;
  orderRef: string | null;
  createdAt: number;
  category?: string;
}

/** The extension's own ledger (IndexedDB), newest first, read in one of its pages. */
const localEntries = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<LocalEntry[]>((resolve, reject) => {
        const open = indexedDB.open('pointpilot-ledger');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('entries').objectStore('entries').getAll();
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as LocalEntry[]).sort((a, b) => b.createdAt - a.createdAt));
          };
        };
      }),
  );

async function downloaded(page: Page, button: string): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { file, text: readFileSync((await file.path())!, 'utf8') };
}

test('activity filtered by kind and partner, and exported as CSV and JSON matching the ledger', async ({
  context,
  extensionId,
  worker,
}) => {
  backend = await startBackend({ env: { WELCOME_BONUS_POINTS: '500' } });
  const email = 'activity@example.de';
  const options = await signedIn(context, extensionId, backend, email);

  // Two purchases at the demo shop: the partner confirms one and cancels the other.
  const shopPage = await context.newPage();
  const kept = await buy(shopPage, shop.url, undefined, email);
  await shopPage.locator('#pointpilot-notice').waitFor({ state: 'attached' });
  const cancelled = await buy(shopPage, shop.url, undefined, email);
  await shopPage.locator('#pointpilot-notice').waitFor({ state: 'attached' });
  // A purchase at Book Corner reported from another device: it reaches this one by sync.
  const token = await tokenOf(worker);
  const bookRef = `BC-${Date.now() % 1_000_000}`;
  const day = new Date();
  day.setDate(day.getDate() - 2);
  const ack = await opOverApi(backend, token, {
    type: 'missing-claim',
    purchase: {
      partnerId: 'book-corner',
      orderRef: bookRef,
      purchasedOn: localDay(day),
      amount: { minor: 2500, currency: 'EUR' },
    },
  });
  expect(ack.status).toBe('accepted');

  const popup = await PopupPage.open(context, extensionId);
  const page = popup.page;
  await page.setViewportSize({ width: 360, height: 720 });
  await popup.openActivity();
  await expect(popup.entryFor(cancelled.orderNo)).toHaveAttribute('data-status', 'pending');
  await expect(popup.entryFor(bookRef)).toHaveCount(1);
  await partnerConfirm(backend, kept.orderNo, email);
  partnerCli(backend, 'cancel', 'demo-shop', cancelled.orderNo, '--cause', 'partner');
  await expect(popup.entryFor(kept.orderNo)).toHaveAttribute('data-status', 'confirmed');
  await expect(popup.entryFor(cancelled.orderNo)).toHaveAttribute('data-status', 'rejected');
  // The welcome bonus (released by the confirmation) and the three purchases.
  await expect(popup.entries).toHaveCount(4);

  const kind = page.getByLabel('Kind', { exact: true });
  const partner = page.getByLabel('Partner', { exact: true });
  // The partners in the ledger, by name; the bonus has none.
  await expect(partner.locator('option')).toHaveText(['All partners', 'Book Corner', 'Demo Shop']);

  // By keyboard: the first kind below "All kinds" is purchases.
  await kind.focus();
  await page.keyboard.press('ArrowDown');
  await expect(kind).toHaveValue('purchase');
  await expect(popup.entries).toHaveCount(2);
  await expect(popup.entryFor(kept.orderNo)).toHaveCount(1);
  await expect(popup.entryFor(bookRef)).toHaveCount(1);
  await expect(page.getByTestId('activity-count')).toHaveText('2 matching entries');

  await kind.selectOption({ label: 'Refused or cancelled' });
  await expect(popup.entries).toHaveCount(1);
  await expect(popup.entryFor(cancelled.orderNo)).toContainText('Cancelled');
  await expectNoAxeViolations(page, 'activity filtered by kind');

  await kind.selectOption({ label: 'Bonuses and surveys' });
  await expect(popup.entries).toHaveCount(1);
  await expect(popup.entries).not.toContainText('Order');

  // By partner, and both at once.
  await kind.selectOption({ label: 'All kinds' });
  await partner.selectOption({ label: 'Book Corner' });
  await expect(popup.entries).toHaveCount(1);
  await expect(popup.entryFor(bookRef)).toHaveCount(1);
  await partner.selectOption({ label: 'Demo Shop' });
  await expect(popup.entries).toHaveCount(2);
  await kind.selectOption({ label: 'Refused or cancelled' });
  await expect(popup.entries).toHaveCount(1);
  await expect(popup.entryFor(cancelled.orderNo)).toHaveCount(1);
  await partner.selectOption({ label: 'Book Corner' });
  await expect(popup.entries).toHaveCount(0);
  await expect(page.getByTestId('activity-empty')).toHaveText('No entries match these filters.');
  await expectNoAxeViolations(page, 'activity filtered to nothing');

  // The export on the options page: one row per local entry, newest first, matching the server.
  await options.page.bringToFront();
  const local = await localEntries(options.page);
  expect(local).toHaveLength(4);
  const csv = await downloaded(options.page, 'Export activity (CSV)');
  expect(csv.file.suggestedFilename()).toMatch(/^pointpilot-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.startsWith('\ufeff')).toBe(true);
  const [header, ...rows] = parseCsv(csv.text.slice(1));
  expect(header).toEqual([...ACTIVITY_COLUMNS]);
  const col = (name: (typeof ACTIVITY_COLUMNS)[number]) => ACTIVITY_COLUMNS.indexOf(name);
  expect(
    rows.map((r) => ({
      id: r[col('id')],
      kind: r[col('kind')],
      status: r[col('status')],
      points: Number(r[col('points')]),
      partnerId: r[col('partner_id')] || null,
      orderRef: r[col('order_ref')] || null,
      date: r[col('date')],
      category: r[col('category')],
    })),
  ).toEqual(
    local.map((e) => ({
      id: e.id,
      kind: e.kind,
      status: e.status,
      points: e.points,
      partnerId: e.partnerId,
      orderRef: e.orderRef,
      date: new Date(e.createdAt).toISOString(),
      category: e.category,
    })),
  );
  const byRef = (ref: string) => rows.find((r) => r[col('order_ref')] === ref)!;
  expect(byRef(cancelled.orderNo)[col('category')]).toBe('refused');
  expect(byRef(cancelled.orderNo)[col('reason')]).toBe('Cancelled by the partner');
  expect(byRef(kept.orderNo)[col('partner')]).toBe('Demo Shop');
  expect(byRef(kept.orderNo)[col('amount')]).toBe((kept.totalMinor / 100).toFixed(2));
  expect(byRef(bookRef)[col('partner')]).toBe('Book Corner');
  const server = await serverView(backend, token);
  expect(
    rows
      .filter((r) => r[col('kind')] === 'claim')
      .map((r) => r[col('id')])
      .sort(),
  ).toEqual(server.claims.map((c) => c.id).sort());
  await expect(options.page.getByTestId('activity-export-status')).toContainText(
    csv.file.suggestedFilename(),
  );

  const json = await downloaded(options.page, 'Export activity (JSON)');
  expect(json.file.suggestedFilename()).toMatch(/^pointpilot-activity-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(json.text) as {
    format: string;
    language: string;
    entries: Record<string, string | number | null>[];
  };
  expect(doc.format).toBe('pointpilot-activity');
  expect(doc.language).toMatch(/^en\b/);
  // The same rows as the CSV, with numbers as numbers and empty cells as null.
  expect(
    doc.entries.map((e) => ACTIVITY_COLUMNS.map((c) => (e[c] === null ? '' : String(e[c])))),
  ).toEqual(rows);

  // In German, the reason column is German: the language chosen in the settings.
  await options.page.getByLabel('Language of Pointpilot').selectOption('de');
  const de = await downloaded(options.page, 'Aktivität exportieren (CSV)');
  const deRows = parseCsv(de.text.slice(1));
  expect(deRows[0]).toEqual([...ACTIVITY_COLUMNS]);
  const deCancelled = deRows.find((r) => r[col('order_ref')] === cancelled.orderNo)!;
  expect(deCancelled[col('reason')]).toBe('Vom Partnershop storniert');
  expect(deCancelled[col('category')]).toBe('refused');
});
