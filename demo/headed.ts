/** `npm run demo` with a display: Chromium with the extension, open on the shop, until closed. */
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, EXTENSION_DIR } from '../tests/e2e/fixtures';

export async function shopInChromium(shopUrl: string, profileDir: string): Promise<void> {
  const ctx = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...CHROMIUM_ARGS,
    ],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(shopUrl);
  console.log(
    '\n▶ Chromium is open on the shop: buy something, then open the Pointpilot popup. Close the browser to end.',
  );
  await new Promise<void>((done) => ctx.on('close', () => done()));
}
