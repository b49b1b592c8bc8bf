/**
 * `npm run demo`: the whole journey on the embedded defaults.
 * Builds the extension (test flavour: the demo shop's origin pre-granted),
 * starts the backend (embedded PGlite, demo program seeded) and the demo
 * shop, and opens Chromium with the extension loaded. With a display you
 * shop yourself; without one the journey runs headless — sign in, activate
 * the 10× coupon, answer the welcome survey (reward, streak, badge), see the
 * shop's banner (points preview) and badge, buy twice,
 * reload a confirmation page, an impostor claims
 * an order, the partner confirms one order (Silver reached), the warning
 * of points about to expire (a documented, backdated demo lot), redeem a
 * voucher (oldest points first), donate points, the referral code and
 * Plus set by the operator, the activity filtered and exported as CSV, the
 * member card (QR and barcode decoded) — and prints what the popup shows, saving screenshots (and the
 * stores' 1280×800 screenshots in en and de) under
 * demo-output/.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBackend } from '../tests/e2e/backend';
import { launchWithExtension, serviceWorkerOf, waitForPartnerScripts } from '../tests/e2e/fixtures';
import { OptionsPage } from '../tests/e2e/pages/options';
import { PopupPage } from '../tests/e2e/pages/popup';
import { apiMember, claimOverApi, serverView, tokenOf } from '../tests/e2e/server-view';
import { exportActivity } from './activity-step';
import { noticeText, showBanner } from './banner-step';
import { showMemberCard } from './card-step';
import { donatePoints } from './donation-step';
import { seedExpiringPoints, showExpiryWarning } from './expiry-step';
import { shopInChromium } from './headed';
import { showReferralAndPlus } from './referral-step';
import { buy } from './shop/journey';
import { startShop } from './shop/server';
import { storeScreenshots } from './store-screenshots';
import { answerWelcomeSurvey } from './survey-step';

const OUT = resolve('demo-output');
const headed = Boolean(process.env.DISPLAY) && process.env.DEMO_HEADLESS !== '1';

function step(text: string) {
  console.log(`\n▶ ${text}`);
}

async function main() {
  step('Building the extension (.output/chrome-mv3-e2e)…');
  execSync('npm run -s build:e2e', { stdio: ['ignore', 'ignore', 'inherit'] });

  const backend = await startBackend();
  step(`Backend running at ${backend.url} (embedded PGlite, demo program seeded)`);
  await seedExpiringPoints(backend, step);
  const shop = await startShop({ port: Number(process.env.SHOP_PORT ?? 0) });
  step(`Demo shop running at ${shop.url}`);

  if (headed) {
    await shopInChromium(shop.url, resolve('.tmp/demo-profile'));
    await shop.close();
    return;
  }

  const { context, close } = await launchWithExtension();
  try {
    const worker = await serviceWorkerOf(context);
    await waitForPartnerScripts(worker);
    const extensionId = worker.url().split('/')[2]!;

    step('Shopper signs in as demo@pointpilot.test (one-time code from the backend)…');
    const options = await OptionsPage.open(context, extensionId);
    await options.setBackend(backend.url);
    await options.signIn(backend, 'demo@pointpilot.test');
    const page = await context.newPage();

    const email = 'demo@pointpilot.test';
    step('Shopper opens the popup and activates "10× points at Demo Shop" before buying…');
    const popup = await PopupPage.open(context, extensionId);
    await popup.page.setViewportSize({ width: 384, height: 640 });
    await popup.openCoupons();
    const coupon = popup.coupon('demo-shop-10x');
    await coupon.getByRole('button', { name: /Activate/ }).click();
    await popup.page
      .locator('[data-testid="coupon"][data-coupon-id="demo-shop-10x"][data-state="activated"]')
      .waitFor();
    mkdirSync(OUT, { recursive: true });
    await popup.page.screenshot({ path: `${OUT}/popup-coupons.png`, fullPage: true });
    console.log(
      `  the server accepted the activation: "${(await popup.textOf(coupon)).split(' · ')[0]}"`,
    );
    await answerWelcomeSurvey(popup, OUT, step);
    await showBanner(context, worker, page, shop.url, OUT, step);
    step('Shopper buys a grinder (checkout with the member email)…');
    const first = await buy(page, shop.url, ['handmuehle'], email);
    console.log(`  order ${first.orderNo}, total ${(first.totalMinor / 100).toFixed(2)} EUR`);
    console.log(`  the page: "${await noticeText(context, page)}"`);
    step('…and two bags of beans…');
    const second = await buy(page, shop.url, ['bohnen', 'bohnen'], email);
    console.log(`  order ${second.orderNo}, total ${(second.totalMinor / 100).toFixed(2)} EUR`);
    step('…then reloads the confirmation page (must not count twice).');
    await page.reload();
    await page.locator('#pointpilot-notice').waitFor({ state: 'attached' });

    await popup
      .entryFor(second.orderNo)
      .getByText("Waiting for the partner's confirmation")
      .waitFor();
    console.log(
      `  pending, with the coupon: order ${first.orderNo} "${await popup.textOf(popup.entryFor(first.orderNo).getByTestId('entry-points'))}"`,
    );
    await popup.page.screenshot({ path: `${OUT}/popup-pending.png`, fullPage: true });
    console.log(`  the popup: "${await popup.textOf(popup.page.getByTestId('next-arrival'))}"`);

    step(`An impostor claims order ${first.orderNo} too, over the API, with a made-up amount…`);
    const impostor = await apiMember(backend, 'impostor@example.test');
    const ack = await claimOverApi(backend, impostor.token, {
      orderRef: first.orderNo,
      minor: 999_999,
    });
    console.log(`  the server keeps it as contested (ack: ${ack.status}); the partner decides`);

    step(
      `The partner confirms order ${first.orderNo} through its signed webhook, naming its buyer…`,
    );
    execSync(
      `npx tsx scripts/partner.ts confirm demo-shop ${first.orderNo} --buyer-email ${first.email} --server ${backend.url}`,
      { stdio: 'inherit' },
    );
    await popup
      .entryFor(first.orderNo)
      .getByText('Confirmed by the partner')
      .waitFor({ timeout: 30_000 });
    const robbed = await serverView(backend, impostor.token);
    console.log(
      `  the impostor got ${robbed.balance.available} points (their claim: rejected as not the buyer's)`,
    );
    if (robbed.balance.available !== 0) throw new Error('the impostor was credited');
    step(
      'The popup shows (it updated by itself; the welcome bonus came with the first confirmation):',
    );
    console.log(
      (await popup.summary())
        .split('\n')
        .map((l) => `  │ ${l}`)
        .join('\n'),
    );
    await popup.page.screenshot({ path: `${OUT}/popup.png`, fullPage: true });
    const orders = await popup.entries.filter({ hasText: /Order PP-/ }).count();
    if (orders !== 2) throw new Error(`expected 2 orders in the popup, saw ${orders}`);
    await popup.tierCard.getByTestId('tier-name').getByText('Silver').waitFor();
    step(`Tier: ${await popup.textOf(popup.tierCard)}`);
    await popup.page.locator('[data-survey-id="demo-shop-feedback"]').waitFor();
    console.log(`  and after the confirmed purchase: "${await popup.textOf(popup.surveyCard)}"`);

    await showExpiryWarning(popup, OUT, step);

    step('Shopper redeems 500 points for a €5.00 voucher at Demo Shop…');
    await popup.openRewards();
    await popup.reward('demo-shop-5').getByRole('button', { name: 'Redeem' }).click();
    await popup.page.getByRole('button', { name: 'Redeem for 500 points' }).click();
    await popup.vouchers.first().waitFor();
    const voucher = popup.vouchers.first();
    console.log(`  wallet: ${await popup.textOf(voucher)}`);
    console.log(`  balance: ${await popup.textOf(popup.available)} points available`);
    await popup.page.screenshot({ path: `${OUT}/popup-rewards.png`, fullPage: true });
    const after = await serverView(backend, await tokenOf(worker));
    console.log(
      `  the server agrees: ${after.balance.available} available, ${after.balance.pending} pending`,
    );
    // Spending takes the oldest points first: the voucher used the expiring ones.
    await popup.openHome();
    await popup.page.getByTestId('expiry-warning').waitFor({ state: 'detached' });
    console.log('  paid from the oldest points first: the expiring ones went into the voucher');

    await donatePoints(popup, OUT, step, 200);
    await showReferralAndPlus(popup, backend, await tokenOf(worker), step, second);
    await exportActivity(popup, options, OUT, step);
    await showMemberCard(popup, worker, OUT, step);
    step(
      `Screenshots saved: ${OUT}/popup-coupons.png, popup-survey.png, popup-pending.png, popup.png, popup-expiry.png, popup-rewards.png, popup-donation.png, popup-card.png, activity.csv`,
    );
    const shots = await storeScreenshots({
      context,
      extensionId,
      backend,
      shopUrl: shop.url,
      email,
      outDir: `${OUT}/store`,
    });
    step(`Store screenshots: ${OUT}/store/{en,de}/*.png (1280×800, ${shots.length} files)`);
  } finally {
    await close();
    await shop.close();
    await backend.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
