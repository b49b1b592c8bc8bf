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
  /** The entries of the open section: the latest few on Home, the loaded pages on Activity. */
  get entries(): Locator {
    return this.page.getByTestId('entry');
  }
  entryFor(orderRef: string): Locator {
    return this.entries.filter({ hasText: orderRef });
  }
  get currentSite(): Locator {
    return this.page.getByTestId('current-site');
  }
  get syncStatus(): Locator {
    return this.page.getByTestId('sync-status');
  }
  tab(name: 'home' | 'activity' | 'coupons' | 'rewards'): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }
  /** The day headings of the Activity section. */
  get days(): Locator {
    return this.page.getByTestId('day');
  }
  async openActivity(): Promise<void> {
    await this.tab('activity').click();
    await this.page.getByTestId('panel-activity').waitFor();
  }
  async openHome(): Promise<void> {
    await this.tab('home').click();
    await this.page.getByTestId('panel-home').waitFor();
  }
  /** The tier card on Home (tier-name, tier-progress, tier-next inside). */
  get tierCard(): Locator {
    return this.page.getByTestId('tier-card');
  }
  async openCoupons(): Promise<void> {
    await this.tab('coupons').click();
    await this.page.getByTestId('panel-coupons').waitFor();
  }
  async openRewards(): Promise<void> {
    await this.tab('rewards').click();
    await this.page.getByTestId('panel-rewards').waitFor();
  }
  /** One coupon of the Coupons section; data-state: available, activating, activated, used, expired. */
  coupon(id: string): Locator {
    return this.page.locator(`[data-testid="coupon"][data-coupon-id="${id}"]`);
  }
  /** One reward of the Rewards section; data-state: redeemable, redeeming, sold-out, too-few-points. */
  reward(id: string): Locator {
    return this.page.locator(`[data-testid="reward"][data-reward-id="${id}"]`);
  }
  /** The redemption's confirmation dialog. */
  get redeemConfirm(): Locator {
    return this.page.getByTestId('redeem-confirm');
  }
  /** The wallet's vouchers (in the Rewards section), newest first. */
  get vouchers(): Locator {
    return this.page.getByTestId('voucher');
  }
  /** What a shopper reads in one part of the popup, its lines joined by " · " (demo printouts). */
  async textOf(part: Locator): Promise<string> {
    // biome-ignore lint/performance/useDomNodeTextContent: the line breaks a reader sees matter here.
    return (await part.innerText()).split(/\n+/).filter(Boolean).join(' · ');
  }
  /** What a shopper reads in the popup, for the demo's printout. */
  async summary(): Promise<string> {
    // Playwright's innerText (not the DOM's): it keeps the line breaks a reader sees.
    // biome-ignore lint/performance/useDomNodeTextContent: see above.
    return (await this.page.locator('.popup').innerText()).replace(/\n{2,}/g, '\n');
  }
}
