/**
 * `npm run demo`: the whole shopper journey on the embedded defaults.
 * Builds the extension (test flavour: the demo shop's origin pre-granted),
 * starts the demo shop, and opens Chromium with the extension loaded.
 * With a display you shop yourself; without one the journey runs headless
 * (buy twice, reload a confirmation page) and prints what the popup shows,
 * saving a screenshot under demo-output/.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension, serviceWorkerOf } from '../tests/e2e/fixtures';
import { PopupPage } from '../tests/e2e/pages/popup';
import { buy } from './shop/journey';
import { startShop } from './shop/server';

const OUT = resolve('demo-output');
const headed = Boolean(process.env.DISPLAY) && process.env.DEMO_HEADLESS !== '1';

function step(text: string) {
  console.log(`\n▶ ${text}`);
}

async function main() {
  step('Building the extension (.output/chrome-mv3-e2e)…');
  execSync('npm run -s build:e2e', { stdio: ['ignore', 'ignore', 'inherit'] });

  const shop = await startShop({ port: Number(process.env.SHOP_PORT ?? 0) });
  step(`Demo shop running at ${shop.url}`);

  if (headed) {
    const { chromium } = await import('@playwright/test');
    const { EXTENSION_DIR, CHROMIUM, CHROMIUM_ARGS } = await import('../tests/e2e/fixtures');
    const ctx = await chromium.launchPersistentContext(resolve('.tmp/demo-profile'), {
      executablePath: CHROMIUM,
      headless: false,
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        ...CHROMIUM_ARGS,
      ],
    });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(shop.url);
    step(
      'Chromium is open on the shop: buy something, then open the Pointpilot popup. Close the browser to end.',
    );
    await new Promise<void>((done) => ctx.on('close', () => done()));
    await shop.close();
    return;
  }

  const { context, close } = await launchWithExtension();
  try {
    const worker = await serviceWorkerOf(context);
    const extensionId = worker.url().split('/')[2]!;
    const page = await context.newPage();

    step('Shopper buys a grinder…');
    const first = await buy(page, shop.url, ['handmuehle']);
    console.log(`  order ${first.orderNo}, total ${(first.totalMinor / 100).toFixed(2)} EUR`);
    step('…and two bags of beans…');
    const second = await buy(page, shop.url, ['bohnen', 'bohnen']);
    console.log(`  order ${second.orderNo}, total ${(second.totalMinor / 100).toFixed(2)} EUR`);
    step('…then reloads the confirmation page (must not count twice).');
    await page.reload();
    await page.locator('#pointpilot-notice').waitFor({ state: 'attached' });

    const popup = await PopupPage.open(context, extensionId);
    await popup.entryFor(second.orderNo).waitFor();
    await popup.page.setViewportSize({ width: 384, height: 560 });
    step('The popup shows:');
    console.log(
      (await popup.summary())
        .split('\n')
        .map((l) => `  │ ${l}`)
        .join('\n'),
    );
    mkdirSync(OUT, { recursive: true });
    await popup.page.screenshot({ path: `${OUT}/popup.png`, fullPage: true });
    step(`Screenshot saved: ${OUT}/popup.png`);
    const entries = await popup.entries.count();
    if (entries !== 2) throw new Error(`expected 2 entries in the popup, saw ${entries}`);
  } finally {
    await close();
    await shop.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
