/**
 * Purchase detection cost.
 *
 * Measured: `detectPurchase` (all detectors + combine + zod validation of the
 * claim) on a ~2 MB WooCommerce confirmation page in headless Chromium — the
 * page carries 3,000+ recommendation tiles with microdata offers, a large
 * JSON-LD ItemList, a dataLayer, a partner rule and WooCommerce's own
 * order-received template, so every detector (shop-system templates
 * included) has work. Baseline: merely parsing the same HTML with DOMParser in that page,
 * i.e. the cost the browser pays anyway. Median / p95 over 20 runs after a
 * warm-up. Also: the same in Node with linkedom (the CLI's --static path),
 * and the size of the detector bundle (esbuild, minified, gzip -9) against a
 * 25 KB budget.
 *
 *   npx tsx bench/detect.ts      # prints and writes bench/results/detect.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { parseHTML } from 'linkedom';
import { detectorBundle, launchChromium } from '../scripts/detect';
import type { PartnerRule } from '../utils/contract';
import { detectPurchase } from '../utils/detect';
import type { Row } from './run';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 20;
const BUDGET_GZIP = 25 * 1024;
const URL_ = 'https://www.buecher-eck.example/kasse/order-received/9001/?key=wc_order_q';
const RULES: PartnerRule[] = [
  {
    urlPattern: '/kasse/order-received/\\d+',
    orderRef: { selector: '.woocommerce-order-overview__order strong' },
    total: { selector: '.woocommerce-order-overview__total .woocommerce-Price-amount' },
  },
];
const PARTNER = { id: 'buecher-eck', rules: RULES };

/** The woo-all-agree fixture blown up to ~2 MB with realistic noise. */
export function bigPage(targetBytes = 2_000_000): string {
  // The order-received body class as WooCommerce prints it, so the template detector reads the page too.
  const base = readFixture('woo-all-agree.html').replace(
    '<body class="">',
    '<body class="woocommerce-checkout woocommerce-page woocommerce-order-received">',
  );
  const tiles: string[] = [];
  const items: unknown[] = [];
  let size = base.length;
  for (let i = 0; size < targetBytes * 0.8; i++) {
    const price = ((i * 7919) % 50_000) / 100 + 1;
    const shown = `${price.toFixed(2).replace('.', ',')}&nbsp;€`;
    const tile = `<div class="product-box col-6 col-md-3" itemscope itemtype="https://schema.org/Product" data-product-id="${i}"><a class="product-image-link" href="/p/${i}"><img src="/media/p${i}.webp" alt="Buch ${i}" loading="lazy" width="240" height="320"></a><div class="product-info"><a class="product-name" itemprop="name" href="/p/${i}">Roman Nr. ${i} – Taschenbuch, 320 Seiten</a><div class="product-rating" aria-label="4,5 von 5 Sternen">★★★★☆ (${i % 97})</div><div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span class="product-price" itemprop="price" content="${price.toFixed(2)}">${shown}</span><meta itemprop="priceCurrency" content="EUR"></div><form action="/warenkorb" method="post"><input type="hidden" name="id" value="${i}"><button class="btn btn-buy">In den Warenkorb</button></form></div></div>\n`;
    tiles.push(tile);
    size += tile.length;
    if (i < 2_000)
      items.push({
        '@type': 'ListItem',
        position: i + 1,
        item: {
          '@type': 'Product',
          name: `Roman ${i}`,
          offers: { '@type': 'Offer', price: price.toFixed(2), priceCurrency: 'EUR' },
        },
      });
  }
  const ld = `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'ItemList', itemListElement: items })}</script>`;
  const pad = `<script>window.__CONFIG__=${JSON.stringify({ i18n: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`key.${i}`, `Übersetzung Nummer ${i} mit etwas Text`])) })};</script>`;
  return base.replace(
    '</main>',
    `<section class="cross-selling">${tiles.join('')}</section>${ld}${pad}</main>`,
  );
}

function readFixture(name: string): string {
  return readFileSync(join(root, 'tests/fixtures/shops', name), 'utf8');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

async function gzipBundle(
  external: string[] = [],
  entry = 'utils/detect/index.ts',
): Promise<{ raw: number; gz: number }> {
  const r = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome110',
    minify: true,
    write: false,
    external,
    logLevel: 'silent',
  });
  const code = r.outputFiles[0]!.contents;
  return { raw: code.length, gz: gzipSync(code, { level: 9 }).length };
}

/** The same entry through vite/rollup, as the extension build bundles it (rollup drops zod's locales). */
async function rollupBundle(): Promise<{ raw: number; gz: number }> {
  const { build: viteBuild } = await import('vite');
  const out = (await viteBuild({
    logLevel: 'silent',
    configFile: false,
    root,
    build: {
      write: false,
      minify: 'esbuild',
      lib: { entry: join(root, 'utils/detect/index.ts'), formats: ['es'], fileName: 'detect' },
    },
  })) as { output: { code?: string }[] }[];
  const code = out[0]?.output[0]?.code ?? '';
  return { raw: code.length, gz: gzipSync(code, { level: 9 }).length };
}

export async function benchDetect(): Promise<Row[]> {
  const html = bigPage();
  const rows: Row[] = [];

  // Chromium: detection on the live page vs DOMParser on the same HTML.
  const browser = await launchChromium();
  let browserRows: { detect: number[]; parse: number[]; nodes: number; claim: string };
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/*', (route) =>
      route.request().isNavigationRequest() && route.request().url() === URL_
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.fulfill({ status: 200, body: '' }),
    );
    await context.addInitScript({ content: await detectorBundle() });
    const page = await context.newPage();
    await page.goto(URL_, { waitUntil: 'load' });
    browserRows = await page.evaluate(
      ([partner, runs, src]) => {
        const det = window.__pointpilotDetect!;
        const detect: number[] = [];
        const parse: number[] = [];
        let claim = '';
        for (let i = 0; i < runs + 2; i++) {
          let t = performance.now();
          const r = det.detectOnce(partner);
          const d = performance.now() - t;
          claim = r.claim
            ? `${r.claim.orderRef} ${r.claim.signals.join('+')}`
            : `none: ${'reason' in r ? r.reason : ''}`;
          t = performance.now();
          new DOMParser().parseFromString(src, 'text/html');
          const p = performance.now() - t;
          if (i >= 2) {
            detect.push(d);
            parse.push(p);
          }
        }
        return { detect, parse, nodes: document.getElementsByTagName('*').length, claim };
      },
      [PARTNER, RUNS, html] as const,
    );
    await context.close();
  } finally {
    await browser.close();
  }

  // Node + linkedom (the CLI's --static path and the unit tests).
  const nodeParse: number[] = [];
  const nodeDetect: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 10) + 1; i++) {
    let t = performance.now();
    const { document } = parseHTML(html);
    const p = performance.now() - t;
    t = performance.now();
    detectPurchase(
      { url: URL_, document: document as unknown as Document, dataLayer: [] },
      PARTNER,
    );
    const d = performance.now() - t;
    if (i > 0) {
      nodeParse.push(p);
      nodeDetect.push(d);
    }
  }

  const full = await gzipBundle();
  const runner = gzipSync(Buffer.from(await detectorBundle()), { level: 9 }).length;
  const probe = await gzipBundle([], 'utils/detect/probe.ts');
  const rolled = await rollupBundle();

  rows.push(
    {
      metric: `page: ${(html.length / 1e6).toFixed(2)} MB, ${browserRows.nodes.toLocaleString('en')} elements`,
      detector: `claim: ${browserRows.claim}`,
      baseline: '–',
    },
    {
      metric: 'Chromium, median of 20',
      detector: `${ms(median(browserRows.detect))} detectPurchase`,
      baseline: `${ms(median(browserRows.parse))} DOMParser.parseFromString`,
    },
    {
      metric: 'Chromium, p95 of 20',
      detector: ms(p95(browserRows.detect)),
      baseline: ms(p95(browserRows.parse)),
    },
    {
      metric: 'Node + linkedom, median of 10',
      detector: `${ms(median(nodeDetect))} detectPurchase`,
      baseline: `${ms(median(nodeParse))} linkedom parseHTML`,
    },
    {
      metric: 'bundle utils/detect/index.ts, min + gzip -9',
      detector: `${kb(full.gz)} (${kb(full.raw)} min) ${full.gz <= BUDGET_GZIP ? '✓' : '✗'} within 25 KB budget`,
      baseline: 'budget 25.0 KB',
    },
    {
      metric: 'same, bundled by vite/rollup like the extension build',
      detector: `${kb(rolled.gz)} (${kb(rolled.raw)} min) ${rolled.gz <= BUDGET_GZIP ? '✓' : '✗'} within 25 KB budget`,
      baseline: 'budget 25.0 KB',
    },
    {
      metric: 'main-world probe (utils/detect/probe.ts), min + gzip -9',
      detector: `${kb(probe.gz)} (${kb(probe.raw)} min)`,
      baseline: '–',
    },
    {
      metric: 'CLI page runner (detect + observe + probe, IIFE)',
      detector: kb(runner),
      baseline: '–',
    },
  );
  return rows;
}

function machine(): string {
  const c = cpus();
  return `${c[0]?.model.trim() ?? 'unknown'}, ${c.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform} ${process.arch}, Node ${process.version}`;
}

export function resultsMarkdown(rows: Row[]): string {
  const cols = ['metric', 'detector', 'baseline'];
  return [
    '# Purchase detection',
    '',
    'Generated by `npx tsx bench/detect.ts`; rewritten on every run.',
    '',
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Machine: ${machine()}`,
    '',
    '_~2 MB WooCommerce confirmation page (fixture woo-all-agree.html + 3,000+ recommendation tiles with microdata offers, a 2,000-item JSON-LD ItemList, a large inline config script) with a partner rule: every detector has work. detectPurchase = rules + JSON-LD + microdata + shop-system templates + dataLayer + combine + zod validation. Baseline: parsing the same HTML with DOMParser, which the browser pays anyway. 2 warm-up runs._',
    '',
    `| ${cols.join(' | ')} |`,
    '| --- | --- | --- |',
    ...rows.map(
      (r) => `| ${cols.map((c) => String(r[c] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchDetect().then(
    (rows) => {
      const md = resultsMarkdown(rows);
      writeFileSync(join(root, 'bench/results/detect.md'), md);
      console.log(md);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
