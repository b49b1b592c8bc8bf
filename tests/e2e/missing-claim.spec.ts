import { signHeader } from '../../server/services/signature';
import { DEFAULT_SETTINGS } from '../../server/settings';
import { feedSigningText, localDay } from '../../utils/contract/missing-claim';
import { expectNoAxeViolations } from './axe';
import { type Backend, startBackend } from './backend';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { opOverApi, partnerConfirm, serverView, signedIn, tokenOf } from './server-view';

let backend: Backend;
test.afterEach(async () => {
  await backend?.stop();
});

/** The partner's signed feed of pending missing-purchase reports. */
async function partnerFeed(b: Backend): Promise<{ orderRef: string; purchasedOn: string }[]> {
  const path = '/v1/partners/demo-shop/reported-claims';
  const res = await fetch(`${b.url}${path}`, {
    headers: {
      'pointpilot-signature': signHeader(DEFAULT_SETTINGS.demoPartnerSecret, feedSigningText(path)),
    },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { claims: { orderRef: string; purchasedOn: string }[] }).claims;
}

test('a missing purchase reported in the popup, confirmed by the partner, shown confirmed; the same order again is refused', async ({
  context,
  extensionId,
  worker,
}) => {
  backend = await startBackend();
  const email = 'missing@example.de';
  await signedIn(context, extensionId, backend, email);
  const popup = await PopupPage.open(context, extensionId);
  const page = popup.page;
  await popup.openActivity();
  const orderRef = `PP-MISS-${Date.now() % 1_000_000}`;
  const day = new Date();
  day.setDate(day.getDate() - 3);
  const purchasedOn = localDay(day);

  // Opened and filled by keyboard: Enter on the button, focus in the first field, Tab onwards.
  await page.getByRole('button', { name: 'A purchase is missing' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByTestId('missing-form');
  const shop = form.getByLabel('Shop', { exact: true });
  await expect(shop).toBeFocused();
  await expectNoAxeViolations(page, 'missing-purchase form');
  await page.keyboard.type('Demo');
  await expect(shop).toHaveValue('demo-shop');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Order reference', { exact: true })).toBeFocused();
  await page.keyboard.type(orderRef);
  await page.keyboard.press('Tab');
  const date = form.getByLabel('Date of purchase', { exact: true });
  await expect(date).toBeFocused();
  await date.fill(purchasedOn);
  await form.getByLabel('Amount in EUR', { exact: true }).focus();
  // A zero amount is named at its field, and nothing is sent.
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('missing-error')).toHaveText(
    'Enter the amount in EUR, more than 0.',
  );
  await expect(form.getByLabel('Amount in EUR', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expectNoAxeViolations(page, 'missing-purchase form with an error');
  await form.getByLabel('Amount in EUR', { exact: true }).fill('59.80');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('missing-done')).toHaveText(
    `Reported. Demo Shop will check order ${orderRef}; you will see the answer in your activity.`,
  );
  await expect(page.getByRole('button', { name: 'A purchase is missing' })).toBeFocused();
  const entry = popup.entryFor(orderRef);
  await expect(entry).toContainText('Reported by you · waiting for Demo Shop');
  await expect(entry).toHaveAttribute('data-status', 'pending');
  await expect(entry.getByTestId('entry-points')).toHaveText('about 119 points');
  await expectNoAxeViolations(page, 'activity with a reported purchase');

  // The partner sees it in its feed, and confirms it through the signed webhook on the order ref.
  await expect
    .poll(async () => (await partnerFeed(backend)).map((c) => c.orderRef))
    .toContain(orderRef);
  expect((await partnerFeed(backend)).find((c) => c.orderRef === orderRef)?.purchasedOn).toBe(
    purchasedOn,
  );
  await partnerConfirm(backend, orderRef, email);
  await expect(entry).toHaveAttribute('data-status', 'confirmed');
  await expect(entry).toContainText('Reported by you · confirmed by Demo Shop');
  await expect(entry.getByTestId('entry-points')).toHaveText('119 points');

  // The same order again: refused in the form with a clear message, and no second entry.
  await page.getByRole('button', { name: 'A purchase is missing' }).click();
  await form.getByLabel('Shop', { exact: true }).selectOption('demo-shop');
  await form.getByLabel('Order reference', { exact: true }).fill(orderRef);
  await form.getByLabel('Date of purchase', { exact: true }).fill(purchasedOn);
  await form.getByLabel('Amount in EUR', { exact: true }).fill('59.80');
  await form.getByRole('button', { name: 'Report purchase' }).click();
  await expect(page.getByTestId('missing-error')).toHaveText(
    `Order ${orderRef} at Demo Shop is already in your activity. It cannot be claimed a second time.`,
  );
  await expect(form.getByLabel('Order reference', { exact: true })).toBeFocused();
  await expect(popup.entryFor(orderRef)).toHaveCount(1);

  // A client that sends it anyway gets the server's refusal; the server still has one claim.
  const token = await tokenOf(worker);
  const ack = await opOverApi(backend, token, {
    type: 'missing-claim',
    purchase: {
      partnerId: 'demo-shop',
      orderRef,
      purchasedOn,
      amount: { minor: 5980, currency: 'EUR' },
    },
  });
  expect(ack).toMatchObject({ status: 'rejected', code: 'duplicate-order' });
  const view = await serverView(backend, token);
  expect(view.claims.filter((c) => c.orderRef === orderRef)).toHaveLength(1);
  expect(view.balance.available).toBeGreaterThanOrEqual(119);
});
