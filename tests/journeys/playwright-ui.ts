/** The journeys' UI on Playwright (Chromium with the extension loaded). */
import type { BrowserContext, Page } from '@playwright/test';
import { serviceWorkerOf } from '../e2e/fixtures';
import { type ExtensionBrowser, eachExpression, type UiPage } from './ui';

export function playwrightPage(page: Page): UiPage {
  const one = (selector: string) => page.locator(selector).first();
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    click: (selector) => one(selector).click(),
    fill: (selector, value) => one(selector).fill(value),
    focus: (selector) => one(selector).focus(),
    bringToFront: () => page.bringToFront(),
    press: (key) => page.keyboard.press(key === 'Space' ? ' ' : key),
    waitFor: (selector, timeout = 15_000) => one(selector).waitFor({ state: 'attached', timeout }),
    texts: async (selector) =>
      (await page.locator(selector).allTextContents()).map((t) => t.trim()),
    attributes: (selector, name) =>
      page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name),
    each: (selector, read) => page.evaluate(eachExpression(selector, read)) as never,
    evaluate: (fn) => page.evaluate(fn),
    addScript: async (source) => void (await page.evaluate(source)),
    close: () => page.close(),
  };
}

export function playwrightBrowser(
  context: BrowserContext,
  extensionId: string,
  close: () => Promise<void> = async () => undefined,
): ExtensionBrowser {
  return {
    name: 'chromium',
    async extensionPage(path, ready) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      await page.locator(ready).first().waitFor({ state: 'attached' });
      return playwrightPage(page);
    },
    newPage: async () => playwrightPage(await context.newPage()),
    async registeredScripts() {
      const worker = await serviceWorkerOf(context);
      return worker.evaluate(async () => {
        type Scripting = { getRegisteredContentScripts(): Promise<{ id: string }[]> };
        const c = (globalThis as unknown as { chrome: { scripting: Scripting } }).chrome;
        return (await c.scripting.getRegisteredContentScripts()).map((s) => s.id).sort();
      });
    },
    close,
  };
}
