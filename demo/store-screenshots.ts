/**
 * The store screenshots, made by the demo after its journey: 1280×800 PNGs
 * (the size both stores accept) in demo-output/store/<lang>/. Each is the
 * real popup (or the shop with Pointpilot's notice) on a calm background,
 * with a one-line caption from store-captions.json. English uses the demo's
 * browser as the journey left it; German a second browser with a German UI
 * and a fresh profile, signed in as the same member, so it shows the same
 * history after a sync.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { type Backend, devCode } from '../tests/e2e/backend';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  EXTENSION_DIR,
  serviceWorkerOf,
  waitForPartnerScripts,
} from '../tests/e2e/fixtures';
import { PopupPage } from '../tests/e2e/pages/popup';
import { serverView, tokenOf } from '../tests/e2e/server-view';
import { placeOrder } from './shop/journey';

type Lang = 'en' | 'de';
type Shot = 'home' | 'coupons' | 'rewards' | 'survey' | 'shop';
const CAPTIONS = JSON.parse(readFileSync('demo/store-captions.json', 'utf8')) as Record<
  Lang,
  Record<Shot, string>
>;
const ICON = readFileSync('assets/icon.svg', 'utf8').replace(/<!--[\s\S]*?-->/g, '');
// The popup at 1.2× (456×720 px for its 380×600 CSS px, a toolbar popup's largest height): crisp, not scaled up.
const ZOOM = 1.2;

export interface StoreShotsInput {
  /** The demo's browser, signed in as `email`, after the journey. */
  context: BrowserContext;
  extensionId: string;
  backend: Backend;
  shopUrl: string;
  email: string;
  outDir: string;
}

/** Writes the screenshots of both languages and returns their paths. */
export async function storeScreenshots(input: StoreShotsInput): Promise<string[]> {
  const files = await shootLanguage('en', input.context, input.extensionId, input);
  const de = await launchGerman();
  try {
    await signIn(de.context, de.extensionId, input.backend, input.email, 'de');
    files.push(...(await shootLanguage('de', de.context, de.extensionId, input)));
  } finally {
    await de.close();
  }
  return files;
}

/** As tests/e2e/onboarding.spec.ts does it: --lang=de for the catalogue, the locale for Intl. */
async function launchGerman() {
  const profile = mkdtempSync(join(tmpdir(), 'pp-store-de-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'de-DE',
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--lang=de',
      ...CHROMIUM_ARGS,
    ],
  });
  const worker = await serviceWorkerOf(context);
  await waitForPartnerScripts(worker);
  return {
    context,
    extensionId: worker.url().split('/')[2]!,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The settings' sign-in, found by the language's own labels (the page objects know English only). */
async function signIn(
  context: BrowserContext,
  extensionId: string,
  backend: Backend,
  email: string,
  lang: Lang,
) {
  const messages = JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));
  const msg = (key: string) => messages[key].message as string;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('advanced').locator('summary').click();
  await page.getByLabel(msg('backendLabel')).fill(backend.url);
  await page.getByRole('button', { name: msg('save'), exact: true }).click();
  await page.getByText(msg('saved')).waitFor();
  await page.getByLabel(msg('emailLabel')).fill(email);
  await page.getByRole('button', { name: msg('sendCode'), exact: true }).click();
  // The code step shows once the server has sent the code: only then is it the new one.
  const code = page.getByLabel(msg('codeLabel'));
  await code.waitFor();
  await code.fill(await devCode(backend, email));
  await page.getByRole('button', { name: msg('verifyCode'), exact: true }).click();
  await page.getByTestId('signed-in').waitFor();
  await page.close();
}

async function shootLanguage(
  lang: Lang,
  context: BrowserContext,
  extensionId: string,
  input: StoreShotsInput,
): Promise<string[]> {
  const dir = join(input.outDir, lang);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const save = async (shot: Shot, png: Buffer, layout: 'popup' | 'page') => {
    const path = join(dir, `${files.length + 1}-${shot}.png`);
    writeFileSync(path, await compose(context, png, CAPTIONS[lang][shot], layout));
    files.push(path);
  };

  // What the server holds, as this language writes the number: the popup has caught up when it shows it.
  const token = await tokenOf(await serviceWorkerOf(context));
  const { available } = (await serverView(input.backend, token)).balance;
  const shown = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-US').format(available);

  const popup = await PopupPage.open(context, extensionId);
  const page = popup.page;
  await page.setViewportSize({ width: 380 * ZOOM, height: 600 * ZOOM });
  await page.addStyleTag({ content: `html{zoom:${ZOOM}} [data-testid]{scroll-margin-top:12px}` });
  await popup.openHome();
  await page.locator('[data-testid="sync-status"][data-kind="ok"]').waitFor();
  await popup.available.filter({ hasText: new RegExp(`^${shown}$`) }).waitFor();
  await popup.tierCard.getByTestId('tier-name').waitFor();
  await page.locator('[data-testid="survey-card"][data-survey-id="demo-shop-feedback"]').waitFor();
  await save('home', await page.screenshot(), 'popup');

  await popup.openCoupons();
  await page.getByTestId('coupon').first().waitFor();
  await save('coupons', await page.screenshot(), 'popup');

  await popup.openRewards();
  await popup.vouchers.first().waitFor();
  // The wallet with the voucher's code, below the rewards on offer.
  await popup.vouchers.first().evaluate((v) => v.scrollIntoView({ block: 'center' }));
  await save('rewards', await page.screenshot(), 'popup');

  await popup.openHome();
  await popup.startSurvey();
  await popup.surveyScore(9).check();
  await popup.surveyCard.evaluate((card) => card.scrollIntoView({ block: 'start' }));
  await save('survey', await page.screenshot(), 'popup');
  await page.close();

  // Last, since it adds a purchase: a new order's confirmation page with the notice.
  const shop = await context.newPage();
  await shop.setViewportSize({ width: 1120, height: 630 });
  await shop.goto(await placeOrder(input.shopUrl, 'bohnen.1', input.email));
  await shop.locator('#pointpilot-notice').waitFor({ state: 'attached' });
  await save('shop', await shop.screenshot(), 'page');
  await shop.close();
  return files;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt' }[c]};`);

/** The 1280×800 frame: caption beside the popup, or above a page. */
async function compose(
  context: BrowserContext,
  png: Buffer,
  caption: string,
  layout: 'popup' | 'page',
): Promise<Buffer> {
  const css = `
    body{margin:0}
    .f{width:1280px;height:800px;box-sizing:border-box;display:flex;align-items:center;justify-content:space-between;
       padding:0 104px;background:linear-gradient(160deg,#f4f8fc 0%,#dbe7f5 100%);color:#1b1f24;
       font-family:'DejaVu Sans',system-ui,sans-serif}
    .brand{display:flex;align-items:center;gap:14px;font-size:26px;font-weight:700;color:#0b5cad}
    .brand svg{width:56px;height:56px}
    h1{margin:28px 0 0;font-size:42px;line-height:1.25;letter-spacing:-0.5px;max-width:560px}
    img{display:block;border-radius:12px;border:1px solid #c4d2e2;
        box-shadow:0 18px 50px rgba(11,40,80,.22),0 2px 6px rgba(0,0,0,.10)}
    .page{flex-direction:column;justify-content:flex-start;align-items:stretch;padding:34px 80px 0}
    .page .head{display:flex;align-items:center;gap:28px}
    .page h1{margin:0;font-size:30px;max-width:none}`;
  const src = `data:image/png;base64,${png.toString('base64')}`;
  const text = `<div class="brand">${ICON}<span>Pointpilot</span></div>`;
  const body =
    layout === 'popup'
      ? `<div class="f"><div>${text}<h1>${escapeHtml(caption)}</h1></div><img src="${src}"></div>`
      : `<div class="f page"><div class="head">${text}<h1>${escapeHtml(caption)}</h1></div>
         <img src="${src}" style="margin-top:34px"></div>`;
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.setContent(`<!doctype html><style>${css}</style>${body}`, { waitUntil: 'load' });
    return await page.screenshot();
  } finally {
    await page.close();
  }
}
