import { expectNoAxeViolations } from './axe';
import { devCode, startBackend } from './backend';
import { expect, test } from './fixtures';

test('onboarding opens on install and can be completed with the keyboard alone', async ({
  context,
  extensionId,
}) => {
  const backend = await startBackend();
  try {
    // The worker opened it right after install.
    await expect
      .poll(() => context.pages().map((p) => p.url()))
      .toContain(`chrome-extension://${extensionId}/onboarding.html`);
    const page = context.pages().find((p) => p.url().endsWith('/onboarding.html'))!;
    await page.bringToFront();
    await expectNoAxeViolations(page, 'onboarding: privacy');

    // Consent first: Continue stays disabled until the box is ticked.
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
    await page.keyboard.press('Tab'); // the privacy policy link, read before consenting
    await expect(page.getByRole('link', { name: 'Privacy policy' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox')).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Continue' })).toBeFocused();
    await page.keyboard.press('Enter');

    // Sign-in step; "later" is one Tab stop after the form.
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expectNoAxeViolations(page, 'onboarding: sign-in');
    await page.getByLabel('Email address').focus();
    await page.keyboard.press('Tab'); // Referral code (optional)
    await page.keyboard.press('Tab'); // Send code
    await page.keyboard.press('Tab'); // Later
    await expect(page.getByRole('button', { name: /Later/ })).toBeFocused();
    await page.keyboard.press('Enter');

    // Partners: the demo shop is listed, enabled (pre-granted in this build).
    await expect(page.getByRole('checkbox', { name: /Demo Shop/ })).toBeChecked();
    await expectNoAxeViolations(page, 'onboarding: partners');
    await page.getByRole('button', { name: 'Continue' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('All set');
  } finally {
    await backend.stop();
  }
});

test('the settings page passes axe signed out and signed in, and refuses a bad server address', async ({
  context,
  extensionId,
}) => {
  const backend = await startBackend();
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expectNoAxeViolations(page, 'options, signed out');

    // The server address waits in "Advanced", out of a shopper's way.
    await expect(page.getByLabel('Pointpilot server address')).toBeHidden();
    await page.getByTestId('advanced').locator('summary').click();
    await expectNoAxeViolations(page, 'options, advanced open');
    await page.getByLabel('Pointpilot server address').fill('http://evil.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('must use https');

    await page.getByLabel('Pointpilot server address').fill(backend.url);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();

    // A wrong code is refused with a clear message; the right one signs in.
    await page.getByLabel('Email address').fill('a11y@example.de');
    await page.getByRole('button', { name: 'Send code', exact: true }).click();
    await page.getByLabel('6-digit code from the email').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await page
      .getByLabel('6-digit code from the email')
      .fill(await devCode(backend, 'a11y@example.de'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in')).toContainText('a11y@example.de');
    await expectNoAxeViolations(page, 'options, signed in');
  } finally {
    await backend.stop();
  }
});
