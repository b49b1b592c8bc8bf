/**
 * Debian's Firefox ESR with the built Firefox MV3 extension (e2e flavour),
 * driven by Puppeteer over WebDriver BiDi: Playwright cannot drive a stock
 * Firefox and there is no geckodriver here. The extension gets a fixed UUID
 * (pref), so its pages are at moz-extension://<UUID>/….
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv3-e2e');
const GECKO_ID = 'pointpilot@pointpilot.dev';
export const EXTENSION_UUID = '6f1b3c2e-9a4d-4e1f-8b7a-2c5d9e0f1a3b';
export const extensionUrl = (path: string) => `moz-extension://${EXTENSION_UUID}/${path}`;

export interface Firefox {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * `dark`: pages see prefers-color-scheme: dark (BiDi has no media emulation; a pref does it).
 * `prefs`: more prefs, over the defaults below. `allowPrivateBrowsing`: the add-on may run in
 * private windows ("Run in Private Windows"), which permanent private browsing needs.
 */
export async function launchFirefox(
  opts: { dark?: boolean; prefs?: Record<string, unknown>; allowPrivateBrowsing?: boolean } = {},
): Promise<Firefox> {
  const profile = mkdtempSync(join(tmpdir(), 'pp-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    // Without it, navigation to moz-extension:// pages is refused.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
      // Quiet on a closed network.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      // 0 = dark, 1 = light for web and extension pages alike.
      'layout.css.prefers-color-scheme.content-override': opts.dark ? 0 : 1,
      ...opts.prefs,
    },
  });
  if (opts.allowPrivateBrowsing) {
    // Puppeteer's installExtension has no such option; BiDi's webExtension.install has.
    const bidi = (
      browser as unknown as { connection: { send(m: string, p: object): Promise<unknown> } }
    ).connection;
    await bidi.send('webExtension.install', {
      extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR },
      'moz:allowPrivateBrowsing': true,
    });
  } else await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens an extension page. With --remote-allow-system-access, goto loads a
 * moz-extension:// page but never resolves: wait for `ready` instead.
 */
export async function openExtensionPage(
  browser: Browser,
  path: string,
  ready: string,
): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(extensionUrl(path), { timeout: 1500 }).catch(() => undefined);
  await page.waitForSelector(ready, { timeout: 15_000 });
  return page;
}

/** Runs `fn` in an extension page (browser.* APIs available there). */
export function inExtension<T>(page: Page, fn: () => Promise<T>): Promise<T> {
  return page.evaluate(fn) as Promise<T>;
}
