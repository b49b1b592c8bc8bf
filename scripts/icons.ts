/**
 * `npm run icons`: rasterises assets/icon.svg into every PNG the browsers and
 * the stores need, with the headless Chromium the project already runs (no
 * image library to install). The PNGs are checked in; run this after
 * changing an SVG.
 *
 * - public/icon/<size>.png: WXT lists these in the manifest's "icons"; the
 *   toolbar's default icon, on light and (in Chrome) dark toolbars alike.
 * - public/icon/dark-toolbar-<16|32>.png: assets/icon-dark-toolbar.svg, what
 *   Firefox shows on dark themes (action.theme_icons in wxt.config.ts).
 * - public/icon/hint-<16|32>.png: the icon with a small amber dot, Chrome's
 *   toolbar hint on a partner shop the user has not enabled
 *   (entrypoints/background/partner-hint.ts).
 * - store/assets/store-icon-128.png: Chrome Web Store icon, 96 px art with
 *   16 px transparent padding, as Google's image guidelines ask.
 * - store/assets/promo-small-440x280.<lang>.png: the small promo tile.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { HINT_ICON_SIZES, hintIconPath } from '../utils/partners/hint-rules';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;
/** What a toolbar shows: 16 px, and 32 px on 2× screens. */
export const TOOLBAR_SIZES = [16, 32] as const;
export const darkToolbarIcon = (size: number) => `public/icon/dark-toolbar-${size}.png`;
export const STORE_ICON = 'store/assets/store-icon-128.png';
export const PROMO_LANGS = ['en', 'de'] as const;
export const promoTile = (lang: string) => `store/assets/promo-small-440x280.${lang}.png`;

const loadSvg = (path: string) =>
  readFileSync(path, 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/ width="\d+" height="\d+"/, ' width="100%" height="100%"');
const svg = loadSvg('assets/icon.svg');
const darkToolbarSvg = loadSvg('assets/icon-dark-toolbar.svg');

/**
 * The hint: the same icon with an amber dot in the top right corner, 5 px
 * wide at 16 px. Amber stands out on the blue badge and on dark toolbars
 * (6:1 on #35363a); the navy ring outlines it on light ones and keeps it
 * apart from the white star.
 */
const HINT_DOT =
  '<circle cx="101" cy="27" r="22" fill="#ffb020" stroke="#0d1a26" stroke-width="9"/>';
const hintSvg = svg.replace('</svg>', `${HINT_DOT}</svg>`);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

async function render(page: Page, html: string, width: number, height: number, path: string) {
  await page.setViewportSize({ width, height });
  await page.setContent(
    `<!doctype html><html><head><style>html,body{margin:0;background:transparent}</style></head><body>${html}</body></html>`,
  );
  // omitBackground: transparent corners instead of Chromium's white page.
  await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width, height } });
  console.log(`  ${path} (${width}×${height})`);
}

const box = (size: number, pad = 0, art = svg) =>
  `<div style="width:${size}px;height:${size}px;padding:${pad}px">${art}</div>`;

function promoHtml(lang: string): string {
  const messages = JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));
  const tagline = escapeHtml(messages.extDescription.message as string);
  // The popup's colours, dark variant for the background: calm, and the badge stands out.
  return `<div style="width:440px;height:280px;box-sizing:border-box;padding:36px;display:flex;gap:28px;align-items:center;
    background:linear-gradient(135deg,#15181c 0%,#1f2a38 100%);color:#e8ebee;font-family:system-ui,'DejaVu Sans',sans-serif">
    <div style="flex:none;width:120px;height:120px">${svg}</div>
    <div><div style="font-size:40px;font-weight:700;letter-spacing:-0.5px">Pointpilot</div>
    <div style="margin-top:10px;font-size:19px;line-height:1.35;color:#c9d3dd">${tagline}</div></div></div>`;
}

async function main() {
  mkdirSync('public/icon', { recursive: true });
  mkdirSync('store/assets', { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const size of ICON_SIZES)
      await render(page, box(size), size, size, `public/icon/${size}.png`);
    for (const size of TOOLBAR_SIZES)
      await render(page, box(size, 0, darkToolbarSvg), size, size, darkToolbarIcon(size));
    for (const size of HINT_ICON_SIZES)
      await render(page, box(size, 0, hintSvg), size, size, `public/${hintIconPath(size)}`);
    await render(page, box(96, 16), 128, 128, STORE_ICON);
    for (const lang of PROMO_LANGS) await render(page, promoHtml(lang), 440, 280, promoTile(lang));
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
