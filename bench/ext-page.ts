/**
 * Shared by the real-browser ledger benches: the built e2e extension in
 * Debian's Chromium, and bench/browser/ledger-page.ts bundled (esbuild, the
 * same sources and Dexie the extension ships) and evaluated in one of the
 * extension's own pages, so it runs on the extension's origin and IndexedDB.
 * DevTools evaluation is not subject to the page's CSP; the build is unchanged.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import {
  EXTENSION_DIR,
  launchWithExtension,
  serviceWorkerOf,
  waitForPartnerScripts,
} from '../tests/e2e/fixtures';

export type LedgerPageApi = typeof import('./browser/ledger-page');
declare global {
  var ppBench: LedgerPageApi;
}

let bundle: string | undefined;
function pageBundle(): string {
  bundle ??= new TextDecoder().decode(
    buildSync({
      entryPoints: [join(import.meta.dirname, 'browser/ledger-page.ts')],
      bundle: true,
      format: 'iife',
      globalName: 'ppBench',
      // Playwright evaluates a string in a function scope: publish the API explicitly.
      footer: { js: 'globalThis.ppBench = ppBench;' },
      platform: 'browser',
      target: 'es2022',
      write: false,
    }).outputFiles[0]!.contents,
  );
  return bundle;
}

export function ensureE2eBuild(): void {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`))
    execSync('npm run -s build:e2e', { stdio: 'pipe' });
}

export interface ExtensionBrowser {
  context: BrowserContext;
  id: string;
  /** An extension page (privacy.html) with globalThis.ppBench defined. */
  benchPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh profile with the extension installed and its background settled. */
export async function extensionBrowser(): Promise<ExtensionBrowser> {
  const { context, close } = await launchWithExtension();
  const worker = await serviceWorkerOf(context);
  await waitForPartnerScripts(worker);
  const id = worker.url().split('/')[2]!;
  return {
    context,
    id,
    close,
    async benchPage() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/privacy.html`);
      await page.evaluate(pageBundle());
      return page;
    },
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
