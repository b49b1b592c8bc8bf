import type { PopupPage } from '../tests/e2e/pages/popup';

/**
 * The demo's survey part: the shopper answers the welcome survey in the
 * popup (one question per step, the third shown because of the first
 * answer), gets the reward once the answers reached the server, and sees
 * the streak and the first badge. Prints what the popup shows.
 */
export async function answerWelcomeSurvey(
  popup: PopupPage,
  out: string,
  step: (text: string) => void,
): Promise<void> {
  await popup.openHome();
  await popup.page.locator('[data-testid="survey-card"][data-survey-id="welcome"]').waitFor();
  step(`Shopper answers the welcome survey: "${await popup.textOf(popup.surveyReward)}"`);
  await popup.startSurvey();
  const answers: (string | string[] | number)[] = [
    'Every month',
    ['Books', 'Travel'],
    4,
    'More partner shops, please',
  ];
  for (const [i, answer] of answers.entries()) {
    const { number, total } = await popup.surveyStep();
    console.log(
      `  question ${number} of ${total}: ${await popup.textOf(popup.surveyQuestionTitle)} → ${JSON.stringify(answer)}`,
    );
    await popup.answerSurvey(answer);
    if (i < answers.length - 1) {
      await popup.surveyNext.click();
      await popup.surveyProgressBar.and(popup.page.locator(`[value="${number + 1}"]`)).waitFor();
    }
  }
  await popup.surveySubmit.click();
  console.log(`  the popup: "${await popup.textOf(popup.surveyThanks)}"`);
  const reward = popup.entries
    .filter({ hasText: 'Welcome to Pointpilot' })
    .and(popup.page.locator('[data-status="confirmed"]'));
  await reward.waitFor();
  console.log(`  credited by the server: "${await popup.textOf(reward)}"`);
  await popup.page.screenshot({ path: `${out}/popup-survey.png`, fullPage: true });
  await popup.surveyDone.click();
  await popup.surveyStreak.waitFor();
  console.log(
    `  on the card: ${await popup.textOf(popup.surveyStreak)} · badges: ${(await popup.surveyBadges.allInnerTexts()).join(', ')}`,
  );
}
