import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { type Backend, devCode, startBackend } from './backend';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  EXTENSION_DIR,
  expect,
  serviceWorkerOf,
  test,
  waitForPartnerScripts,
} from './fixtures';
import { OptionsPage } from './pages/options';

const width = async (page: Page, selector: string) =>
  (await page.locator(selector).boundingBox())?.width;

test.describe('sign-in', () => {
  let backend: Backend;
  test.afterEach(async () => {
    await backend?.stop();
  });

  test('resend waits with a countdown, hits the server limit, and the first code still works', async ({
    context,
    extensionId,
  }) => {
    // Two codes an hour for one email: the third request is a 429 with Retry-After.
    backend = await startBackend({ env: { SIGNIN_CODES_PER_EMAIL_HOUR: '2' } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const options = new OptionsPage(page);
    await options.setBackend(backend.url);

    const email = 'resend@example.de';
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send code', exact: true }).click();
    await expect(page.getByLabel('6-digit code from the email')).toBeFocused();
    const first = await devCode(backend, email);

    // A short pause after each send, counted down.
    const resend = page.getByRole('button', { name: 'Resend code' });
    const countdown = page.getByTestId('signin-countdown');
    await expect(resend).toBeDisabled();
    await expect(countdown).toHaveText('You can request the code again in 30 seconds.');
    await page.clock.fastForward(5_000);
    await expect(countdown).toHaveText('You can request the code again in 25 seconds.');
    await page.clock.fastForward(26_000);
    await expect(resend).toBeEnabled();
    await expect(countdown).toHaveCount(0);

    // Sent again: the same code, and the page says so.
    await resend.click();
    await expect(page.getByTestId('signin-notice')).toHaveText(
      `We sent the code to ${email} again. Until it expires it stays the same code, so the one you already have still works.`,
    );
    expect(await devCode(backend, email)).toBe(first);
    await expect(resend).toBeDisabled();

    // Over the server's limit: its Retry-After (the rest of the hour) is counted down.
    await page.clock.fastForward(31_000);
    await resend.click();
    await expect(page.getByRole('alert')).toHaveText('Too many codes have been requested for now.');
    await expect(resend).toBeDisabled();
    await expect(countdown).toHaveText(/^You can request the code again in \d+ minutes\.$/);

    // The code from the first email still signs in.
    await page.getByLabel('6-digit code from the email').fill(first);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in')).toContainText(email);
  });

  test('change email goes back with the address kept; the field keeps its width; another email signs in', async ({
    context,
    extensionId,
  }) => {
    backend = await startBackend();
    const options = await OptionsPage.open(context, extensionId);
    await options.setBackend(backend.url);
    const page = options.page;
    await page.setViewportSize({ width: 900, height: 800 });

    const emailWidth = await width(page, 'input[name=email]');
    await page.getByLabel('Email address').fill('typo@example.de');
    await page.getByRole('button', { name: 'Send code', exact: true }).click();
    await expect(page.getByTestId('code-sent')).toHaveText('We sent a code to typo@example.de.');
    const codeWidth = await width(page, 'input[name=code]');
    expect(emailWidth).toBeGreaterThan(100);
    expect(codeWidth).toBe(emailWidth);

    await page.getByRole('button', { name: 'Change email' }).click();
    const field = page.getByLabel('Email address');
    await expect(field).toHaveValue('typo@example.de');
    await expect(field).toBeFocused();
    expect(await width(page, 'input[name=email]')).toBe(emailWidth);

    // At a narrow window too, both steps share one width.
    await page.setViewportSize({ width: 320, height: 700 });
    const narrow = await width(page, 'input[name=email]');
    await field.fill('right@example.de');
    await page.getByRole('button', { name: 'Send code', exact: true }).click();
    expect(await width(page, 'input[name=code]')).toBe(narrow);
    await expect(page.getByTestId('code-sent')).toHaveText('We sent a code to right@example.de.');
    await page
      .getByLabel('6-digit code from the email')
      .fill(await devCode(backend, 'right@example.de'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in')).toContainText('right@example.de');
  });
});

async function onboardingPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/onboarding.html`;
  await expect.poll(() => context.pages().map((p) => p.url())).toContain(url);
  const page = context.pages().find((p) => p.url() === url)!;
  await page.bringToFront();
  return page;
}

async function expectStep(page: Page, n: number, name: string) {
  await expect(page.getByTestId('step-count')).toHaveText(`Step ${n} of 4`);
  await expect(page.locator('.steps [aria-current="step"]')).toHaveText(name);
  await expect(page.locator('.steps [aria-current]')).toHaveCount(1);
}

test('onboarding shows its steps, links the privacy policy and ends with the next steps', async ({
  context,
  extensionId,
}) => {
  const page = await onboardingPage(context, extensionId);
  await expectStep(page, 1, 'Privacy');
  // No promise of an export the product does not have.
  await expect(page.locator('main')).not.toContainText(/export/i);

  // The privacy policy opens in its own tab, also without a connection.
  const [policy] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: 'Privacy policy' }).click(),
  ]);
  await policy.waitForLoadState();
  expect(policy.url()).toBe(`chrome-extension://${extensionId}/privacy.html`);
  await expect(policy.getByRole('heading', { level: 1 })).toHaveText('Pointpilot privacy policy');
  await expect(policy).toHaveTitle('Pointpilot privacy policy');
  await context.setOffline(true);
  await policy.reload();
  await expect(policy.getByRole('heading', { name: 'What leaves your browser' })).toBeVisible();
  await context.setOffline(false);
  await expectNoAxeViolations(policy, 'privacy policy');
  await policy.close();

  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectStep(page, 2, 'Sign in');
  await page.getByRole('button', { name: /Later/ }).click();
  await expectStep(page, 3, 'Partner shops');
  await expect(page.getByRole('checkbox', { name: /Demo Shop/ })).toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expectStep(page, 4, 'Next steps');
  const next = page.getByTestId('next-steps');
  await expect(next.getByRole('heading', { name: 'What to do next' })).toBeFocused();
  await expect(next).toContainText('Pin Pointpilot to the toolbar');
  await expect(next).toContainText('Click the Pointpilot icon in the toolbar');
  await expect(next.getByTestId('partner-sites')).toHaveText('Demo Shop: 127.0.0.1');
  await expect(next.getByRole('link', { name: 'Open settings' })).toHaveAttribute(
    'href',
    '/options.html',
  );
  await expectNoAxeViolations(page, 'onboarding: next steps');
  // The German test's English detector, as a control: here it must find English.
  expect((await englishOn(page)).join('\n')).toContain('onboardingNextPin');
});

test('the settings keep the server address under "Advanced" and link the privacy policy', async ({
  context,
  extensionId,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  const page = options.page;
  await expect(page.getByLabel('Email address')).toBeVisible();
  await expect(page.getByLabel('Pointpilot server address')).toBeHidden();
  await options.openAdvanced();
  await expect(page.getByLabel('Pointpilot server address')).toBeVisible();
  await expectNoAxeViolations(page, 'settings, advanced open');
  const [policy] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: 'Privacy policy' }).click(),
  ]);
  await expect(policy.getByRole('heading', { level: 1 })).toHaveText('Pointpilot privacy policy');
});

// ---------------------------------------------------------------------------
// Must-show 2 for these pages: the journey in German shows no English.

type Catalogue = Record<string, { message: string }>;
const catalogue = (l: string) =>
  JSON.parse(readFileSync(`public/_locales/${l}/messages.json`, 'utf8')) as Catalogue;

/**
 * The English messages a German page must not show: every en message whose de
 * text differs (identical ones such as "Pointpilot" are the same in both and
 * prove nothing). Placeholders become wildcards; the literal parts are what
 * is looked for.
 */
function englishOnly(): { key: string; re: RegExp }[] {
  const en = catalogue('en');
  const de = catalogue('de');
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return Object.entries(en)
    .filter(([k, v]) => de[k] && de[k].message !== v.message)
    .map(([key, v]) => {
      const parts = v.message.split(/\$[A-Za-z0-9_]+\$/).map(literal);
      // Short single words ("Save", "Wait") only as whole words, longer texts anywhere.
      const body = parts.join('.+?');
      return { key, re: new RegExp(v.message.length < 16 ? `\\b${body}\\b` : body) };
    })
    .filter(({ re }) => re.source.replace(/\.\+\?|\\b/g, '').length >= 3);
}

/** Every visible text node's text, plus titles and aria-labels a screen reader reads. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text) continue;
      if (el.closest('.sr-only') || el.checkVisibility()) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]'))
      for (const a of ['aria-label', 'title', 'placeholder'])
        if (el.getAttribute(a)) out.push(el.getAttribute(a)!);
    // Whole lines too: a sentence may be built from several text nodes.
    out.push(
      // biome-ignore lint/performance/useDomNodeTextContent: the lines a reader sees, layout included.
      ...document.body.innerText
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
    return out;
  });
}

async function englishOn(page: Page): Promise<string[]> {
  const english = englishOnly();
  const texts = await visibleTexts(page);
  return texts.flatMap((text) =>
    english.filter(({ re }) => re.test(text)).map(({ key }) => `${key}: "${text}"`),
  );
}

async function expectNoEnglish(page: Page, where: string) {
  expect(await englishOn(page), `English on ${where}`).toEqual([]);
}

test.describe('in German', () => {
  let backend: Backend;
  let context: BrowserContext;
  let close: () => Promise<void>;
  test.beforeEach(async () => {
    backend = await startBackend();
    // What it takes in headless Chromium: --lang=de picks the de catalogue for
    // i18n.getMessage, and Playwright's locale makes i18n.getUILanguage() (our
    // Intl locale) and navigator.language report de-DE. Either alone is not
    // enough; LANGUAGE=de in the environment changes nothing.
    const profile = mkdtempSync(join(tmpdir(), 'pp-profile-de-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'de-DE',
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--lang=de',
        ...CHROMIUM_ARGS,
      ],
    });
    close = async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    };
  });
  test.afterEach(async () => {
    await close?.();
    await backend?.stop();
  });

  test('onboarding, settings and popup, signed out and signed in, show no English; numbers and plurals are German', async () => {
    const worker = await serviceWorkerOf(context);
    await waitForPartnerScripts(worker);
    const extensionId = worker.url().split('/')[2]!;
    const page = await onboardingPage(context, extensionId);
    // The tab opened on install may have rendered before Playwright's locale
    // emulation reached it: reload it under the emulation.
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');

    await expect(page.getByTestId('step-count')).toHaveText('Schritt 1 von 4');
    await expectNoEnglish(page, 'onboarding, privacy');
    const [policy] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Datenschutzerklärung' }).click(),
    ]);
    await expect(policy.getByRole('heading', { level: 1 })).toHaveText(
      'Datenschutzerklärung von Pointpilot',
    );
    await expectNoEnglish(policy, 'privacy policy');
    await policy.close();

    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByTestId('step-count')).toHaveText('Schritt 2 von 4');
    await expectNoEnglish(page, 'onboarding, sign-in');
    // The e2e build's default server is not this one: sign in from the settings below.
    await page.getByRole('button', { name: /Später/ }).click();
    await expect(page.getByTestId('step-count')).toHaveText('Schritt 3 von 4');
    // "2 Punkte pro €": the German plural for the demo shop's rate.
    await expect(page.getByTestId('partners')).toContainText('2 Punkte pro €');
    await expectNoEnglish(page, 'onboarding, partners');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByTestId('step-count')).toHaveText('Schritt 4 von 4');
    await expect(page.getByTestId('next-steps')).toContainText('So geht es weiter');
    await expectNoEnglish(page, 'onboarding, next steps');

    // Settings, signed out (advanced open: the server address is part of the page too).
    const options = await OptionsPage.open(context, extensionId);
    const s = options.page;
    await expect(s.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
    await options.openAdvanced();
    await s.locator('input[name=backend]').fill(backend.url);
    await s.getByRole('button', { name: 'Speichern' }).click();
    await expect(s.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    // The server's catalogue arrives and the list shows it: Travel Hub's 0.5
    // points per € with a German decimal comma.
    await expect(s.getByTestId('partners')).toContainText('Travel Hub');
    await expect(s.getByTestId('partners')).toContainText('0,5 Punkte pro €');
    await expect(s.getByTestId('partners')).not.toContainText('0.5');
    await expectNoEnglish(s, 'settings, signed out');

    // Sign-in steps, with the countdown: "In 30 Sekunden", German plural.
    await s.getByLabel('E-Mail-Adresse').fill('de@example.de');
    await s.getByRole('button', { name: 'Code senden', exact: true }).click();
    await expect(s.getByTestId('signin-countdown')).toHaveText(
      /^In \d+ Sekunden kannst du den Code erneut anfordern\.$/,
    );
    await expect(s.getByRole('button', { name: 'E-Mail-Adresse ändern' })).toBeVisible();
    await expectNoEnglish(s, 'settings, code step');
    await s.getByLabel(/Code aus der E-Mail/).fill('000000');
    await s.getByRole('button', { name: 'Anmelden' }).click();
    await expect(s.getByRole('alert')).toBeVisible();
    await expectNoEnglish(s, 'settings, wrong code');
    await s.getByLabel(/Code aus der E-Mail/).fill(await devCode(backend, 'de@example.de'));
    await s.getByRole('button', { name: 'Anmelden' }).click();
    await expect(s.getByTestId('signed-in')).toContainText('de@example.de');
    await expectNoEnglish(s, 'settings, signed in');

    // The popup in German: two entries (1 point and 35 points), Home and Activity.
    await worker.evaluate(async () => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const req = indexedDB.open('pointpilot-ledger');
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      const tx = db.transaction(['entries'], 'readwrite');
      const entry = (orderRef: string, minor: number, points: number, status: string) => ({
        id: crypto.randomUUID(),
        kind: 'claim',
        partnerId: 'demo-shop',
        orderRef,
        amount: { minor, currency: 'EUR' },
        points,
        status,
        reason: status === 'pending' ? 'awaiting-partner' : 'confirmed-by-partner',
        signals: ['jsonld'],
        createdAt: Date.now() - minor,
      });
      tx.objectStore('entries').put(entry('PP-DE-1', 50, 1, 'confirmed'));
      tx.objectStore('entries').put(entry('PP-DE-2', 1790, 35, 'pending'));
      // Bought 20 days ago: past Demo Shop's 14-day window.
      tx.objectStore('entries').put({
        ...entry('PP-DE-3', 500, 10, 'pending'),
        createdAt: Date.now() - 20 * 86_400_000,
      });
      await new Promise((ok) => {
        tx.oncomplete = ok;
      });
    });
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const one = popup.getByTestId('entry').filter({ hasText: 'PP-DE-1' });
    const many = popup.getByTestId('entry').filter({ hasText: 'PP-DE-2' });
    await expect(one).toContainText('1 Punkt');
    await expect(one).not.toContainText('1 Punkte');
    await expect(many).toContainText('35 Punkte');
    await expect(many).toContainText('17,90');
    const deDate = (at: number) =>
      new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' }).format(at);
    const atOf = async (l: typeof many) => Number(await l.getAttribute('data-at'));
    const DAY = 86_400_000;
    await expect(many.getByTestId('entry-expected')).toHaveText(
      `Meist bis ${deDate((await atOf(many)) + 14 * DAY)} bestätigt`,
    );
    const late = popup.getByTestId('entry').filter({ hasText: 'PP-DE-3' });
    await expect(late.getByTestId('entry-expected')).toHaveText(
      `Dauert länger als üblich (erwartet bis ${deDate((await atOf(late)) + 14 * DAY)})`,
    );
    // The overdue one is not "next": PP-DE-2 is.
    await expect(popup.getByTestId('next-arrival')).toHaveText(
      `Als Nächstes: 35 Punkte bis etwa ${deDate((await atOf(many)) + 14 * DAY)}`,
    );
    await expectNoEnglish(popup, 'popup, home');
    await popup.getByRole('tab', { name: 'Aktivität' }).click();
    // The three, and the new member's welcome bonus.
    await expect(popup.getByTestId('entry')).toHaveCount(4);
    await expectNoEnglish(popup, 'popup, activity');
    // Coupons and rewards, as the server lists them, worded in German.
    await popup.getByRole('tab', { name: 'Coupons' }).click();
    await expect(
      popup.getByTestId('coupon').filter({ hasText: '10-fache Punkte bei Demo Shop' }),
    ).toHaveCount(1);
    await expectNoEnglish(popup, 'popup, coupons');
    await popup.getByRole('tab', { name: 'Prämien' }).click();
    const voucher = popup
      .getByTestId('reward')
      .filter({ hasText: /Gutschein über 5,00\s€ bei Demo Shop/ });
    await expect(voucher).toHaveCount(1);
    // The welcome bonus is still pending: nothing to spend yet, said with the German plural.
    await expect(voucher.getByTestId('reward-why')).toHaveText(
      'Noch nicht genug Punkte: Es fehlen 500 Punkte',
    );
    await expectNoEnglish(popup, 'popup, rewards');

    // The welcome survey in German, by keyboard alone, with axe in light and dark.
    await popup.getByRole('tab', { name: 'Übersicht' }).click();
    const survey = popup.getByTestId('survey-card');
    await expect(survey.getByTestId('survey-reward')).toHaveText('50 Punkte sammeln · 4 Fragen');
    await expectNoEnglish(popup, 'popup, survey teaser');
    await expectNoAxeViolations(popup, 'popup, survey teaser (de)');
    await survey.getByTestId('survey-start').focus();
    await popup.keyboard.press('Enter');
    const progress = survey.getByTestId('survey-progress').getByRole('progressbar');
    await expect(progress).toHaveAccessibleName('Frage 1 von 4');
    await expect(survey.getByTestId('survey-question-title')).toHaveText(
      'Wie oft kaufst du online ein?',
    );
    await survey.getByLabel('Jede Woche', { exact: true }).focus();
    await popup.keyboard.press('Space');
    await expect(survey.getByTestId('survey-next')).toBeEnabled();
    await expectNoEnglish(popup, 'popup, survey question');
    await expectNoAxeViolations(popup, 'popup, survey question (de)');
    await survey.getByTestId('survey-next').focus();
    await popup.keyboard.press('Enter');
    await expect(progress).toHaveAccessibleName('Frage 2 von 4');
    await expect(survey.getByTestId('survey-question')).toContainText('Wähle bis zu drei aus.');
    await expectNoEnglish(popup, 'popup, survey checkboxes');
    await popup.close();

    // The sign-out confirmation is part of the settings' journey too.
    await s.getByRole('button', { name: 'Abmelden', exact: true }).click();
    await expectNoEnglish(s, 'settings, sign-out confirmation');
  });
});
