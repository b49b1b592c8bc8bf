/**
 * Popup open with a big local ledger, real Chromium and the built e2e
 * extension: from navigating to popup.html until the balance (the seeded
 * figure, not the first 0) and Home's first recent-activity row are painted,
 * with 10,000 local entries beside 10 (two profiles, seeded through the
 * ledger's own code in an extension page), and a plain extension page
 * (privacy.html, heading painted). Interleaved, OPENS opens each after a
 * warm-up; median, p95 and the ratios the goal names.
 *
 *   npx tsx bench/run.ts popup-entries
 */
import { performance } from 'node:perf_hooks';
import type { BrowserContext } from '@playwright/test';
import { ensureE2eBuild, extensionBrowser, median, p95 } from './ext-page';
import type { Row } from './run';

const OPENS = Number(process.env.POPUP_BENCH_OPENS ?? 15);
const BIG = 10_000;
const SMALL = 10;

/** Opens `url` in a new tab; resolves when `ready()` holds in a frame, one frame later (painted). */
async function timeOpen(
  context: BrowserContext,
  url: string,
  ready: (arg: string) => boolean,
  arg = '',
): Promise<number> {
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(url);
  await page.waitForFunction(ready, arg, { polling: 'raf' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const ms = performance.now() - t0;
  await page.close();
  return ms;
}

/** The seeded balance is shown (not the 0 before the ledger is read) and an activity row is there. */
const popupReady = (available: string) =>
  document.querySelector('[data-testid="available"]')?.textContent === available &&
  document.querySelector('[data-testid="panel-home"] [data-testid="entry"]') !== null;
const pageReady = () => document.querySelector('h1') !== null;

export async function benchPopupEntries(): Promise<Row[]> {
  ensureE2eBuild();
  const small = await extensionBrowser();
  const big = await extensionBrowser();
  try {
    const shown: string[] = [];
    for (const [b, count] of [
      [small, SMALL],
      [big, BIG],
    ] as const) {
      const page = await b.benchPage();
      await page.evaluate((n) => globalThis.ppBench.seed(n), count);
      await page.close();
      // The figure the popup shows for the seeded balance, in its own number format.
      const popup = await b.context.newPage();
      await popup.goto(`chrome-extension://${b.id}/popup.html`);
      await popup.locator('[data-testid="panel-home"] [data-testid="entry"]').first().waitFor();
      await popup.waitForFunction(
        () => document.querySelector('[data-testid="available"]')?.textContent !== '0',
      );
      shown.push((await popup.getByTestId('available').textContent()) ?? '');
      await popup.close();
    }
    const open = {
      small: () =>
        timeOpen(small.context, `chrome-extension://${small.id}/popup.html`, popupReady, shown[0]),
      big: () =>
        timeOpen(big.context, `chrome-extension://${big.id}/popup.html`, popupReady, shown[1]),
      plain: () =>
        timeOpen(small.context, `chrome-extension://${small.id}/privacy.html`, pageReady),
    };
    for (const f of Object.values(open)) await f(); // warm-up
    const runs = { small: [] as number[], big: [] as number[], plain: [] as number[] };
    const keys = Object.keys(runs) as (keyof typeof runs)[];
    for (let i = 0; i < OPENS; i++) {
      // Rotate the order so none always goes first.
      for (let k = 0; k < keys.length; k++) {
        const key = keys[(k + i) % keys.length]!;
        runs[key].push(await open[key]());
      }
    }
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const ratio = (a: number[], b: number[]) => `${(median(a) / median(b)).toFixed(2)}×`;
    const row = (what: string, xs: number[]): Row => ({
      page: what,
      'median to painted': ms(median(xs)),
      p95: ms(p95(xs)),
      'median ÷ 10 entries': ratio(xs, runs.small),
      'median ÷ plain page': ratio(xs, runs.plain),
    });
    return [
      row(
        `popup, ${BIG.toLocaleString('en')} local entries: balance and first activity row`,
        runs.big,
      ),
      row(`baseline: popup, ${SMALL} local entries, same`, runs.small),
      row('baseline: plain extension page (privacy.html), heading painted', runs.plain),
    ];
  } finally {
    await big.close();
    await small.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchPopupEntries());
}
