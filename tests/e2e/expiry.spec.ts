import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { DEV_OPERATOR_TOKEN } from '../../server/settings';
import { expiryOf, utcDay } from '../../utils/loyalty/expiry';
import { expectNoAxeViolations } from './axe';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { partnerConfirm, serverView, signedIn, tokenOf } from './server-view';

let shop: Shop;
let backend: Backend;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await shop.close();
  await backend?.stop();
});

/** The operator's expiry run (POST /v1/operator/expiry/run), as of `now` if given. */
async function expiryRun(now?: Date) {
  const res = await fetch(`${backend.url}/v1/operator/expiry/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEV_OPERATOR_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(now ? { now: now.toISOString() } : {}),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { lots: number; points: number };
}

const en = (n: number) => n.toLocaleString('en-US');

test('the popup warns "N points expire on DATE"; after the run the balance drops and Activity says so', async ({
  context,
  extensionId,
  worker,
}) => {
  // A one-month program, so points earned today are inside the 45-day warning.
  const policy = { mode: 'period', months: 1, monthDay: '09-30' } as const;
  backend = await startBackend({
    env: { EXPIRY_MODE: 'period', EXPIRY_MONTHS: '1', EXPIRY_WARNING_DAYS: '45' },
  });
  // The operator's scheduled run (nothing due yet) also declares the policy lots are dated by.
  expect(await expiryRun()).toMatchObject({ lots: 0, points: 0 });
  const email = 'expiry@example.de';
  await signedIn(context, extensionId, backend, email);
  const page = await context.newPage();
  const order = await buy(page, shop.url, undefined, email);
  await partnerConfirm(backend, order.orderNo, order.email);

  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'confirmed');
  const server = await serverView(backend, await tokenOf(worker));
  // The purchase and the welcome bonus it released: both earned today, both expire in a month.
  const points = server.balance.available;
  expect(points).toBeGreaterThan(500);
  await expect(popup.available).toHaveText(en(points));

  const expires = expiryOf(policy, new Date())!;
  const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    expires,
  );
  const warning = popup.page.getByTestId('expiry-warning');
  await expect(warning.getByTestId('expiry-line')).toHaveText([
    `${en(points)} points expire on ${date}`,
  ]);
  await expect(warning.getByTestId('expiry-line')).toHaveAttribute('data-date', utcDay(expires));
  await expectNoAxeViolations(popup.page, 'popup home with the expiry warning');

  // The run on that day expires them; the extension's next sync brings the entry.
  expect(await expiryRun(new Date(expires.getTime() + 60_000))).toMatchObject({ lots: 2, points });
  expect(await expiryRun(new Date(expires.getTime() + 60_000))).toMatchObject({ lots: 0 });
  await expect(popup.available).toHaveText('0');
  await popup.openActivity();
  await expect(popup.entries.filter({ hasText: 'points expired' })).toHaveCount(2);
  const texts = await popup.entries.filter({ hasText: 'points expired' }).allTextContents();
  const expired = texts.map((t) =>
    Number(/([\d,]+) points? expired/.exec(t)![1]!.replace(/,/g, '')),
  );
  expect(expired.reduce((s, n) => s + n, 0)).toBe(points);
  expect(expired).toContain(500);
});
