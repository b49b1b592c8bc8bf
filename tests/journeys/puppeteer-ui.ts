/** The journeys' UI on Puppeteer over WebDriver BiDi (Firefox with the extension installed). */
import type { Page } from 'puppeteer-core';
import { type Firefox, inExtension, launchFirefox, openExtensionPage } from '../firefox/launch';
import { type ExtensionBrowser, eachExpression, type UiPage } from './ui';

export function puppeteerPage(page: Page, extension = false): UiPage {
  // Playwright waits for the element before acting; Puppeteer's page methods do not.
  const present = (selector: string) => page.waitForSelector(selector, { timeout: 15_000 });
  return {
    goto: async (url) => void (await page.goto(url)),
    // Like goto, reloading a moz-extension:// page loads it but never resolves (see launch.ts).
    reload: async () =>
      void (await (extension
        ? page.reload({ timeout: 1500 }).catch(() => undefined)
        : page.reload())),
    click: async (selector) => {
      await present(selector);
      await page.click(selector);
    },
    fill: async (selector, value) => {
      // Select what is there, then type over it (as a user would).
      await present(selector);
      await page.click(selector, { count: 3 });
      await page.type(selector, value);
    },
    focus: async (selector) => {
      await present(selector);
      await page.focus(selector);
    },
    bringToFront: () => page.bringToFront(),
    press: (key) => page.keyboard.press(key === 'Space' ? ' ' : key),
    waitFor: async (selector, timeout = 15_000) =>
      void (await page.waitForSelector(selector, { timeout })),
    texts: (selector) =>
      page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim())),
    attributes: (selector, name) =>
      page.$$eval(selector, (els, n) => els.map((e) => e.getAttribute(n)), name),
    each: (selector, read) => page.evaluate(eachExpression(selector, read)) as never,
    evaluate: (fn) => page.evaluate(fn) as never,
    addScript: async (source) => void (await page.evaluate(source)),
    close: () => page.close(),
  };
}

export function puppeteerBrowser(firefox: Firefox): ExtensionBrowser {
  let scripts: Page | undefined;
  return {
    name: 'firefox',
    extensionPage: async (path, ready) =>
      puppeteerPage(await openExtensionPage(firefox.browser, path, ready), true),
    newPage: async () => puppeteerPage(await firefox.browser.newPage()),
    async registeredScripts() {
      scripts ??= await openExtensionPage(firefox.browser, 'popup.html', 'body');
      return inExtension(scripts, async () => {
        const b = (
          globalThis as unknown as {
            browser: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } };
          }
        ).browser;
        return (await b.scripting.getRegisteredContentScripts()).map((s) => s.id).sort();
      });
    },
    close: () => firefox.close(),
  };
}

/** Firefox ESR with the e2e extension, as a journey browser. */
export async function firefoxBrowser(opts: { dark?: boolean } = {}): Promise<ExtensionBrowser> {
  return puppeteerBrowser(await launchFirefox(opts));
}
