import type { BrowserContext, Page } from '@playwright/test';
import { type Backend, devCode } from '../backend';

/** The options page, and the shopper's sign-in through it. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return new OptionsPage(page);
  }

  /** Opens the settings' "Advanced" section (the server address lives there). */
  async openAdvanced(): Promise<void> {
    const advanced = this.page.getByTestId('advanced');
    if (!(await advanced.evaluate((d) => (d as HTMLDetailsElement).open)))
      await advanced.locator('summary').click();
  }

  async setBackend(url: string): Promise<void> {
    await this.openAdvanced();
    await this.page.getByLabel('Pointpilot server address').fill(url);
    await this.page.getByRole('button', { name: 'Save' }).click();
    await this.page.getByText('Saved.').waitFor();
  }

  async signIn(backend: Backend, email: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByRole('button', { name: 'Send code', exact: true }).click();
    await this.page.getByLabel('6-digit code from the email').waitFor();
    await this.page.getByLabel('6-digit code from the email').fill(await devCode(backend, email));
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByTestId('signed-in').waitFor();
  }
}
