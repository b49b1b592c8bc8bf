/**
 * Popup open time in real Chromium with the built extension (e2e build):
 * from navigating to popup.html until the survey card's teaser is painted
 * (signed in, the welcome survey cached), beside the same popup signed out
 * (no program, no survey) and a plain extension page (privacy.html), in one
 * run, interleaved. Median and p95 of OPENS runs each, after a warm-up.
 *
 *   npx tsx bench/popup-open.ts
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from '@playwright/test';
import { startBackend } from '../tests/e2e/backend';
import {
  EXTENSION_DIR,
  launchWithExtension,
  serviceWorkerOf,
  waitForPartnerScripts,
} from '../tests/e2e/fixtures';
import { OptionsPage } from '../tests/e2e/pages/options';
import type { Row } from './run';

const OPENS = Number(process.env.POPUP_BENCH_OPENS ?? 15);

async function timeOpen(context: BrowserContext, url: string, ready: string): Promise<number> {
  const page: Page = await context.newPage();
  const t0 = performance.now();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ state: 'visible' });
  // The frame after it is in the DOM: painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const ms = performance.now() - t0;
  await page.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

export async function benchPopupOpen(): Promise<Row[]> {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`))
    execSync('npm run -s build:e2e', { stdio: 'pipe' });
  const backend = await startBackend();
  const signedOut = await launchWithExtension();
  const signedIn = await launchWithExtension();
  try {
    const ids: string[] = [];
    for (const { context } of [signedOut, signedIn]) {
      const worker = await serviceWorkerOf(context);
      await waitForPartnerScripts(worker);
      ids.push(worker.url().split('/')[2]!);
    }
    const options = await OptionsPage.open(signedIn.context, ids[1]!);
    await options.setBackend(backend.url);
    await options.signIn(backend, 'bench-popup@example.test');
    await options.page.close();
    const popup = (i: number) => `chrome-extension://${ids[i]}/popup.html`;
    // Warm-up, and wait until the survey list is cached.
    await timeOpen(signedIn.context, popup(1), '[data-testid="survey-reward"]');
    await timeOpen(signedOut.context, popup(0), '[data-testid="available"]');
    const runs = { survey: [] as number[], out: [] as number[], plain: [] as number[] };
    for (let i = 0; i < OPENS; i++) {
      runs.survey.push(await timeOpen(signedIn.context, popup(1), '[data-testid="survey-reward"]'));
      runs.out.push(await timeOpen(signedOut.context, popup(0), '[data-testid="available"]'));
      runs.plain.push(
        await timeOpen(signedOut.context, `chrome-extension://${ids[0]}/privacy.html`, 'h1'),
      );
    }
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const row = (what: string, xs: number[]): Row => ({
      page: what,
      'median to painted': ms(median(xs)),
      p95: ms(p95(xs)),
      'median ÷ plain page': `${(median(xs) / median(runs.plain)).toFixed(2)}×`,
    });
    return [
      row('popup, signed in, survey card teaser painted', runs.survey),
      row('baseline: popup signed out, balance painted', runs.out),
      row('baseline: plain extension page (privacy.html), heading painted', runs.plain),
    ];
  } finally {
    await signedIn.close();
    await signedOut.close();
    await backend.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchPopupOpen());
}
