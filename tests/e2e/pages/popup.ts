import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The popup, opened as a page (headless Chromium has no toolbar to click). */
export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<PopupPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    return new PopupPage(page);
  }

  get available(): Locator {
    return this.page.getByTestId('available');
  }
  get pending(): Locator {
    return this.page.getByTestId('pending');
  }
  get entries(): Locator {
    return this.page.getByTestId('entry');
  }
  entryFor(orderRef: string): Locator {
    return this.entries.filter({ hasText: orderRef });
  }
  get currentSite(): Locator {
    return this.page.getByTestId('current-site');
  }
  /** What a shopper reads in the popup, for the demo's printout. */
  async summary(): Promise<string> {
    // Playwright's innerText (not the DOM's): it keeps the line breaks a reader sees.
    // biome-ignore lint/performance/useDomNodeTextContent: see above.
    return (await this.page.locator('main').innerText()).replace(/\n{2,}/g, '\n');
  }
}
