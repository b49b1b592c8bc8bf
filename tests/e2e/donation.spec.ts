import { donatePoints } from '../../demo/donation-step';
import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
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

const points = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

test('donate confirmed points to a cause: refused under the minimum and over the balance, then the balance drops, Activity shows the receipt and the total shows', async ({
  context,
  extensionId,
  worker,
}, testInfo) => {
  backend = await startBackend({ env: { WELCOME_BONUS_POINTS: '600' } });
  const email = 'donor@example.de';
  await signedIn(context, extensionId, backend, email);
  // Confirmed points: a purchase the partner confirms (it releases the welcome bonus too).
  const page = await context.newPage();
  const order = await buy(page, shop.url, ['teekanne'], email);
  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'pending');
  await partnerConfirm(backend, order.orderNo, order.email);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'confirmed');
  const before = points(await popup.available.textContent());
  expect(before).toBeGreaterThanOrEqual(600);

  await popup.openRewards();
  const donate = popup.page.getByTestId('donate');
  await expect(donate.getByRole('combobox', { name: 'Cause' })).toHaveValue('trees');
  await expect(donate.getByTestId('donate-range')).toHaveText(
    `At least 100 points, at most ${before.toLocaleString('en-US')} points (what you have).`,
  );
  const field = donate.getByRole('spinbutton', { name: 'Points to donate' });
  const submit = donate.getByRole('button', { name: 'Donate', exact: true });
  // Bad input is refused with its reason before anything is sent.
  await field.fill('50');
  await submit.click();
  await expect(donate.getByTestId('donate-error')).toHaveText(
    'This cause takes at least 100 points.',
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill(String(before + 1));
  await submit.click();
  await expect(donate.getByTestId('donate-error')).toHaveText(
    `You have ${before.toLocaleString('en-US')} points available.`,
  );
  await expect(popup.page.getByTestId('donate-confirm')).not.toBeVisible();
  await expectNoAxeViolations(popup.page, 'popup donate view with an error');

  // A confirmation before any point is spent; cancelling spends nothing.
  await field.fill('500');
  await submit.click();
  const confirm = popup.page.getByTestId('donate-confirm');
  await expect(confirm).toContainText('Donate 500 points to Plant trees?');
  const yes = confirm.getByRole('button', { name: 'Donate 500 points' });
  await expect(yes).toBeFocused();
  await expectNoAxeViolations(popup.page, 'popup donation confirmation');
  await yes.click();

  await expect(popup.page.getByTestId('donated')).toHaveText(
    'Thank you! Your donation is in your activity.',
  );
  await expect(popup.available).toHaveText((before - 500).toLocaleString('en-US'));
  await expect(donate.getByTestId('donated-total')).toHaveText('You donated 500 points');
  await expect(popup.page.getByTestId('donating')).toHaveCount(0);
  await expectNoAxeViolations(popup.page, 'popup donate view after a donation');

  await popup.openActivity();
  const receipt = popup.entries.filter({ hasText: 'Donated 500 points to Plant trees' });
  await expect(receipt).toHaveCount(1);
  await expect(receipt).toHaveAttribute('data-status', 'confirmed');
  await expect(receipt.getByTestId('entry-points')).toHaveText('-500 points');

  // The demo's step donates again: the total adds up, the receipt is the newest line.
  await donatePoints(popup, testInfo.outputPath(), () => undefined, 100);
  await expect(popup.entries.first()).toContainText('Donated 100 points to Plant trees');
  await popup.openRewards();
  await expect(donate.getByTestId('donated-total')).toHaveText('You donated 600 points');
  await expect(popup.available).toHaveText((before - 600).toLocaleString('en-US'));

  // The server agrees: each donation's points went once.
  const server = await serverView(backend, await tokenOf(worker));
  expect(server.balance.available).toBe(before - 600);
});
