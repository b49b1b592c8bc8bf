import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, expect, type Worker } from '@playwright/test';

export const EXTENSION_DIR = resolve('.output/chrome-mv3-e2e');

import { CHROMIUM_PATH as CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium';

export { CHROMIUM, CHROMIUM_ARGS };

export async function launchWithExtension(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'pp-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...CHROMIUM_ARGS,
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/**
 * Waits until the background has registered the partner content scripts
 * (it does so right after install, asynchronously): pages opened before that
 * would, correctly, get no script.
 */
export async function waitForPartnerScripts(worker: Worker): Promise<void> {
  await expect
    .poll(() =>
      worker.evaluate(async () => {
        type Scripting = { getRegisteredContentScripts(): Promise<{ id: string }[]> };
        const c = (globalThis as unknown as { chrome: { scripting: Scripting } }).chrome;
        return (await c.scripting.getRegisteredContentScripts()).map((s) => s.id).sort();
      }),
    )
    .toEqual(['pp-partner', 'pp-probe']);
}

export const test = base.extend<{ context: BrowserContext; extensionId: string; worker: Worker }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
  context: async ({}, use) => {
    const { context, close } = await launchWithExtension();
    await use(context);
    await close();
  },
  worker: async ({ context }, use) => {
    const worker = await serviceWorkerOf(context);
    await waitForPartnerScripts(worker);
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(worker.url().split('/')[2]!);
  },
});

export { expect };
