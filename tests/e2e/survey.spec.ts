import type { Page } from '@playwright/test';
import { buy } from '../../demo/shop/journey';
import { type Shop, startShop } from '../../demo/shop/server';
import { expectNoAxeViolations } from './axe';
import { type Backend, startBackend } from './backend';
import { stopServiceWorker } from './cdp';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { opOverApi, partnerConfirm, serverView, signedIn, tokenOf } from './server-view';

/** The server's development operator token (OPERATOR_TOKEN's default outside production). */
const OPERATOR = 'operator-dev-token-0123456789';

let shop: Shop;
let backend: Backend;
test.beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
test.afterAll(async () => {
  await shop.close();
});
test.afterEach(async () => {
  await backend?.stop();
});

/** Presses Tab until `testId` has the focus (keyboard only: no clicks). */
async function tabTo(page: Page, testId: string) {
  for (let i = 0; i < 40; i++) {
    if (
      await page.evaluate(
        (id) => document.activeElement?.getAttribute('data-testid') === id,
        testId,
      )
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

test('the welcome survey by keyboard: a condition, resumed after the popup closed and the worker stopped, rewarded once', async ({
  context,
  extensionId,
  worker,
}) => {
  backend = await startBackend();
  await signedIn(context, extensionId, backend, 'survey@example.de');
  let popup = await PopupPage.open(context, extensionId);
  await expect(popup.surveyCard).toHaveAttribute('data-survey-id', 'welcome');
  await expect(popup.surveyReward).toHaveText('Earn 50 points · 4 questions');
  await expectNoAxeViolations(popup.page, 'survey teaser');

  await tabTo(popup.page, 'survey-start');
  await popup.page.keyboard.press('Enter');
  await expect(popup.surveyQuestionTitle).toHaveText('How often do you shop online?');
  await expect(popup.surveyProgressBar).toHaveAccessibleName('Question 1 of 4');
  // The condition: "Rarely" hides question 3, so the survey has three questions; "Every month" shows it.
  await popup.surveyOption('Rarely').focus();
  await popup.page.keyboard.press('Space');
  await expect(popup.surveyProgressBar).toHaveAccessibleName('Question 1 of 3');
  await popup.page.keyboard.press('ArrowUp'); // radios: the arrow moves and checks
  await expect(popup.surveyOption('Every month')).toBeChecked();
  await expect(popup.surveyProgressBar).toHaveAccessibleName('Question 1 of 4');
  await expectNoAxeViolations(popup.page, 'survey question 1');
  await tabTo(popup.page, 'survey-next');
  await popup.page.keyboard.press('Enter');

  // Question 2: at least one and at most three.
  await expect(popup.surveyQuestionTitle).toHaveText('What do you buy online?');
  await expect(popup.surveyNext).toBeDisabled();
  for (const label of ['Books', 'Travel']) {
    await popup.surveyOption(label).focus();
    await popup.page.keyboard.press('Space');
  }
  await expect(popup.surveyNext).toBeEnabled();
  await expectNoAxeViolations(popup.page, 'survey question 2');
  await tabTo(popup.page, 'survey-next');
  await popup.page.keyboard.press('Enter');
  await expect(popup.surveyProgressBar).toHaveAccessibleName('Question 3 of 4');

  // Gone: the popup closes and the service worker is stopped.
  await popup.page.close();
  await stopServiceWorker(context);
  popup = await PopupPage.open(context, extensionId);
  await expect(popup.surveyStart).toContainText('Continue');
  await expect(popup.surveyStart).toContainText('question 3 of 4');
  await tabTo(popup.page, 'survey-start');
  await popup.page.keyboard.press('Enter');
  await expect(popup.surveyQuestionTitle).toHaveText(
    'How likely is it that you collect points on every purchase?',
  );
  // The answers so far were kept: back on question 2, Books and Travel are still ticked.
  await tabTo(popup.page, 'survey-back');
  await popup.page.keyboard.press('Enter');
  await expect(popup.surveyOption('Books')).toBeChecked();
  await expect(popup.surveyOption('Travel')).toBeChecked();
  await tabTo(popup.page, 'survey-next');
  await popup.page.keyboard.press('Enter');

  await popup.surveyScore(4).focus();
  await popup.page.keyboard.press('Space');
  await expectNoAxeViolations(popup.page, 'survey rating');
  await tabTo(popup.page, 'survey-next');
  await popup.page.keyboard.press('Enter');
  // Free text is stored and shown as text, never as markup.
  await expect(popup.surveyProgressBar).toHaveAccessibleName('Question 4 of 4');
  await popup.surveyText.focus();
  await popup.page.keyboard.type('More <b>partners</b>, please');
  await expectNoAxeViolations(popup.page, 'survey text');
  await tabTo(popup.page, 'survey-submit');
  await popup.page.keyboard.press('Enter');
  await expect(popup.surveyThanks).toHaveText('Thanks! 50 points are on their way.');
  await expect(popup.surveyThanks).toBeFocused();
  await expectNoAxeViolations(popup.page, 'survey thanks');

  // After sync: the reward is available (the welcome bonus waits for a first purchase), the streak and the badge.
  await expect(popup.available).toHaveText('50');
  await expect(popup.entries.filter({ hasText: 'Welcome to Pointpilot' })).toContainText(
    '50 points',
  );
  await popup.page.reload();
  await expect(popup.surveyStreak).toContainText('1 week in a row');
  await expect(popup.surveyBadges).toHaveText(['First survey']);
  // No survey left to answer: the card keeps only the streak and the badges.
  await expect(popup.surveyCard).toHaveAttribute('data-state', 'none');

  // A second submission (a new op for the same survey, as a hostile client would send it) earns nothing.
  const token = await tokenOf(worker);
  const ack = await opOverApi(backend, token, {
    type: 'survey-answer',
    surveyId: 'welcome',
    answers: { q1: 'weekly', q2: ['books'], q3: 5 },
  });
  expect(ack).toMatchObject({ status: 'rejected', code: 'survey-already-answered' });
  expect((await serverView(backend, token)).balance.available).toBe(50);

  // The operator's export has the text as the member typed it.
  const csv = await (
    await fetch(`${backend.url}/v1/operator/surveys/welcome/answers.csv`, {
      headers: { authorization: `Bearer ${OPERATOR}` },
    })
  ).text();
  expect(csv).toContain('More <b>partners</b>, please');
});

test('a confirmed Demo Shop purchase brings its "how was it?" survey into the popup, never onto the shop page', async ({
  context,
  extensionId,
}) => {
  backend = await startBackend();
  const email = 'feedback@example.de';
  await signedIn(context, extensionId, backend, email);
  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.surveyCard).toHaveAttribute('data-survey-id', 'welcome');

  const page = await context.newPage();
  const order = await buy(page, shop.url, ['teekanne'], email);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'pending');
  // Not before the partner confirms.
  await expect(popup.surveyCard).toHaveAttribute('data-survey-id', 'welcome');
  await partnerConfirm(backend, order.orderNo, order.email);
  await expect(popup.entryFor(order.orderNo)).toHaveAttribute('data-status', 'confirmed');

  await expect(popup.surveyCard).toHaveAttribute('data-survey-id', 'demo-shop-feedback');
  await expect(popup.surveyCard).toContainText('How was your purchase at Demo Shop?');
  await expect(popup.surveyCard).toContainText('After your purchase at Demo Shop');
  await expect(popup.surveyReward).toHaveText('Earn 20 points · 2 questions');
  await popup.startSurvey();
  await expect(popup.surveyQuestion).toContainText('recommend Demo Shop');
  await expectNoAxeViolations(popup.page, 'after-purchase survey, NPS');

  // The shop page shows nothing of it: surveys live in the popup only.
  await page.reload();
  await expect(page.getByText('How was your purchase')).toHaveCount(0);
  await expect(page.getByText('recommend Demo Shop')).toHaveCount(0);
  const injected = await page.evaluate(() =>
    [...document.querySelectorAll('*')].some((el) =>
      (el.shadowRoot?.textContent ?? '').includes('How was your purchase'),
    ),
  );
  expect(injected).toBe(false);
});
