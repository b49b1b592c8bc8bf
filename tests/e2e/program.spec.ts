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
});
test.afterEach(async () => {
  await backend?.stop();
});

/** Demo Shop's base rate (2 per €), floored, as the shared earn rules compute it. */
const base = (minor: number) => Math.floor((minor * 2) / 100);

test('activate the 10× coupon, buy, confirmed: multiplied points, Silver reached, a reward redeemed into the wallet and copied', async ({
  context,
  extensionId,
  worker,
}) => {
  backend = await startBackend();
  const email = 'program@example.de';
  await signedIn(context, extensionId, backend, email);
  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.tierCard).toContainText('Blue');

  // Coupons: activate "10× points at Demo Shop" before buying.
  await popup.openCoupons();
  const coupon = popup.coupon('demo-shop-10x');
  await expect(coupon).toContainText('10× points at Demo Shop');
  // By keyboard: focus follows the coupon into the Activated group.
  await coupon.getByRole('button', { name: /Activate/ }).focus();
  await popup.page.keyboard.press('Enter');
  await expect(coupon).toHaveAttribute('data-state', 'activated');
  await expect(coupon).toBeFocused();
  await expectNoAxeViolations(popup.page, 'popup coupons');

  const page = await context.newPage();
  const order = await buy(page, shop.url, undefined, email);
  const points = base(order.totalMinor) * 10;
  expect(points).toBeGreaterThanOrEqual(1000); // enough for Silver
  // While pending: an estimate, already with the coupon, the same figure the server will credit.
  await popup.openHome();
  await expect(popup.entryFor(order.orderNo).getByTestId('entry-points')).toHaveText(
    `about ${points.toLocaleString('en-US')} points`,
  );
  await partnerConfirm(backend, order.orderNo, order.email);

  const entry = popup.entryFor(order.orderNo);
  await expect(entry).toHaveAttribute('data-status', 'confirmed');
  await expect(entry.getByTestId('entry-points')).toHaveText(
    `${points.toLocaleString('en-US')} points`,
  );
  // The first confirmation releases the 500-point welcome bonus too.
  await expect(popup.available).toHaveText((points + 500).toLocaleString('en-US'));
  // The confirmed points lift the member to Silver, and the tier card says so.
  await expect(popup.tierCard.getByTestId('tier-name')).toHaveText('Silver');
  await expect(popup.tierCard.getByTestId('tier-next')).toContainText('Gold');
  await expectNoAxeViolations(popup.page, 'popup home with tier card');

  // Rewards: a €5.00 voucher for 500 points, confirmed before any point is spent.
  await popup.openRewards();
  const reward = popup.reward('demo-shop-5');
  await reward.getByRole('button', { name: 'Redeem' }).click();
  await expect(popup.page.getByRole('button', { name: 'Redeem for 500 points' })).toBeFocused();
  await expectNoAxeViolations(popup.page, 'popup reward confirmation');
  await popup.page.getByRole('button', { name: 'Redeem for 500 points' }).click();
  await expect(popup.vouchers).toHaveCount(1);
  const code = (await popup.vouchers.first().getByTestId('voucher-code').textContent())!.trim();
  expect(code).toMatch(/\S{4,}/);
  await expect(popup.available).toHaveText(points.toLocaleString('en-US'));

  await popup.vouchers.first().getByRole('button', { name: 'Copy' }).click();
  await expect(popup.vouchers.first()).toContainText('Copied');
  // Read back where a shopper would paste it: a web page (extension origins
  // cannot be granted clipboard-read; the browser's clipboard is shared).
  await context.grantPermissions(['clipboard-read'], { origin: shop.url });
  await page.goto(shop.url);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await expectNoAxeViolations(popup.page, 'popup rewards and wallet');
  // The activity names the redemption and where its code is.
  await popup.openActivity();
  await expect(
    popup.entries.filter({ hasText: 'Redeemed: €5.00 voucher at Demo Shop' }),
  ).toContainText('The code is in your wallet under Rewards');

  // The server agrees: the points went once, the code is the member's.
  const server = await serverView(backend, await tokenOf(worker));
  expect(server.balance.available).toBe(points);
});

test('redeeming while the server is down shows "Redeeming…" and completes exactly once when it is back', async ({
  context,
  extensionId,
  worker,
}) => {
  backend = await startBackend({ env: { WELCOME_BONUS_POINTS: '600' } });
  const email = 'offline-redeem@example.de';
  await signedIn(context, extensionId, backend, email);
  // The welcome bonus becomes available with a first confirmed purchase.
  const page = await context.newPage();
  const order = await buy(page, shop.url, ['teekanne'], email);
  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'pending');
  await partnerConfirm(backend, order.orderNo, order.email);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'confirmed');
  const before = Number((await popup.available.textContent())!.replace(/\D/g, ''));
  expect(before).toBeGreaterThanOrEqual(500);
  await popup.openRewards();
  const token = await tokenOf(worker);

  await backend.kill();
  await popup.reward('demo-shop-5').getByRole('button', { name: 'Redeem' }).click();
  await popup.page.getByRole('button', { name: 'Redeem for 500 points' }).click();
  await expect(popup.page.getByTestId('redeeming')).toBeVisible();
  await expect(popup.vouchers).toHaveCount(0);

  await backend.restart();
  await expect(popup.vouchers).toHaveCount(1, { timeout: 30_000 });
  await expect(popup.page.getByTestId('redeeming')).toHaveCount(0);
  await expect(popup.available).toHaveText((before - 500).toLocaleString('en-US'));
  const server = await serverView(backend, token);
  expect(server.balance.available).toBe(before - 500);
  // Too few points left for another: the button is off and says why.
  const again = popup.reward('demo-shop-5');
  await expect(again).toHaveAttribute('data-state', 'too-few-points');
  await expect(again.getByRole('button', { name: 'Redeem' })).toBeDisabled();
  await expect(again.getByTestId('reward-why')).toHaveText(
    `Not enough points yet: ${500 - (before - 500)} points missing`,
  );
});
