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
  tab(name: 'home' | 'activity' | 'coupons' | 'rewards' | 'card'): Locator {
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
  /**
   * Home's survey card: data-state teaser (reward, Start / Continue), started
   * (one question per step), done (the thanks), none (only streak and badges);
   * data-survey-id names the survey.
   */
  get surveyCard(): Locator {
    return this.page.getByTestId('survey-card');
  }
  /** "Start", or "Continue · question 3 of 4" when a draft exists (where it resumes). */
  get surveyStart(): Locator {
    return this.page.getByTestId('survey-start');
  }
  /** "Earn 50 points · 4 questions" on the teaser. */
  get surveyReward(): Locator {
    return this.page.getByTestId('survey-reward');
  }
  /** The progress of the survey being answered: its text ("Question 2 of 4") and a bar of that name. */
  get surveyProgress(): Locator {
    return this.page.getByTestId('survey-progress');
  }
  get surveyProgressBar(): Locator {
    return this.surveyProgress.getByRole('progressbar');
  }
  /** The question shown: a fieldset (choices, ratings) or a labelled text field. */
  get surveyQuestion(): Locator {
    return this.page.getByTestId('survey-question');
  }
  /** The question's legend (or its text field's label). */
  get surveyQuestionTitle(): Locator {
    return this.surveyQuestion.getByTestId('survey-question-title');
  }
  /** A choice of the question shown, by its label (a radio or a checkbox). */
  surveyOption(label: string): Locator {
    return this.surveyQuestion.getByLabel(label, { exact: true });
  }
  /** A score of a rating or NPS question (the end scores' names also carry the end's words). */
  surveyScore(score: number): Locator {
    return this.surveyQuestion.locator(`input[type="radio"][value="${score}"]`);
  }
  /** The text field of a text or comment question. */
  get surveyText(): Locator {
    return this.surveyQuestion.getByRole('textbox');
  }
  get surveyNext(): Locator {
    return this.page.getByTestId('survey-next');
  }
  get surveyBack(): Locator {
    return this.page.getByTestId('survey-back');
  }
  /** Only on optional questions; on the last one it submits ("Skip and submit"). */
  get surveySkip(): Locator {
    return this.page.getByTestId('survey-skip');
  }
  /** On the last shown question (hidden while an optional one is unanswered: Skip submits then). */
  get surveySubmit(): Locator {
    return this.page.getByTestId('survey-submit');
  }
  /** A refused submission's reason (role=alert); the answers stay. */
  get surveyError(): Locator {
    return this.page.getByTestId('survey-error');
  }
  /** The thanks after submitting (role=status), "Thanks! 50 points are on their way." */
  get surveyThanks(): Locator {
    return this.page.getByTestId('survey-thanks');
  }
  get surveyDone(): Locator {
    return this.page.getByTestId('survey-done');
  }
  /** "Streak: 3 weeks in a row". */
  get surveyStreak(): Locator {
    return this.page.getByTestId('survey-streak');
  }
  /** The badges earned, a list (one item per badge, data-badge its id). */
  get surveyBadges(): Locator {
    return this.page.getByTestId('survey-badges').getByRole('listitem');
  }
  /** Opens the survey shown (Start or Continue) and waits for its question. */
  async startSurvey(): Promise<void> {
    await this.surveyStart.click();
    await this.surveyQuestion.waitFor();
  }
  /** Answers the question shown: a choice's label, several labels, a score or a text. */
  async answerSurvey(answer: string | string[] | number): Promise<void> {
    if (typeof answer === 'number') await this.surveyScore(answer).check();
    else if (Array.isArray(answer)) for (const a of answer) await this.surveyOption(a).check();
    else if ((await this.surveyText.count()) > 0) await this.surveyText.fill(answer);
    else await this.surveyOption(answer).check();
  }
  /** "Question 2 of 4" as numbers, from the progress bar. */
  async surveyStep(): Promise<{ number: number; total: number }> {
    const bar = this.surveyProgressBar;
    return {
      number: Number(await bar.getAttribute('value')),
      total: Number(await bar.getAttribute('max')),
    };
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
