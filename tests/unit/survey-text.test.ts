import { describe, expect, it } from 'vitest';
import {
  badgeName,
  charCountText,
  choiceHint,
  contextText,
  continueText,
  progressText,
  questionTitle,
  rateEnds,
  rewardText,
  streakText,
  textProblemText,
  thanksText,
} from '../../components/survey/survey-text';
import { BadgeId, type Question } from '../../utils/contract';
import { useLocale } from './i18n-fake';

const partners = { name: (id: string) => ({ 'demo-shop': 'Demo Shop' })[id] ?? id };
const nps: Extract<Question, { type: 'rating' }> = {
  type: 'rating',
  name: 'recommend',
  rateMin: 0,
  rateMax: 10,
};

describe('survey card wording, English', () => {
  it('puts the reward and the number of questions up front', () => {
    useLocale('en');
    expect(rewardText(50, 4)).toBe('Earn 50 points · 4 questions');
    expect(rewardText(1, 1)).toBe('Earn 1 point · 1 question');
    expect(rewardText(1500, 2)).toBe('Earn 1,500 points · 2 questions');
    // A survey that pays nothing promises nothing.
    expect(rewardText(0, 3)).toBe('3 questions');
  });

  it('says where the member is and thanks them', () => {
    useLocale('en');
    expect(progressText(1, 4)).toBe('Question 2 of 4');
    expect(continueText(2, 4)).toBe('Continue · question 3 of 4');
    expect(thanksText(50)).toBe('Thanks! 50 points are on their way.');
    expect(thanksText(1)).toBe('Thanks! 1 point is on its way.');
    expect(thanksText(0)).toBe('Thanks for your answers!');
  });

  it('names the partner of an after-purchase survey, and only then', () => {
    useLocale('en');
    expect(contextText({ reason: 'after-purchase', partnerId: 'demo-shop' }, partners)).toBe(
      'After your purchase at Demo Shop',
    );
    expect(contextText({ reason: 'welcome', partnerId: null }, partners)).toBeUndefined();
    expect(contextText({ reason: 'after-purchase', partnerId: null }, partners)).toBeUndefined();
  });

  it('streak and badges', () => {
    useLocale('en');
    expect(streakText(0)).toBeUndefined();
    expect(streakText(1)).toBe('Streak: 1 week in a row');
    expect(streakText(3)).toBe('Streak: 3 weeks in a row');
    expect(BadgeId.options.map(badgeName)).toEqual(['First survey', '5 surveys', '4-week streak']);
  });

  it('how many choices a question takes', () => {
    useLocale('en');
    expect(choiceHint(undefined, 3)).toBe('Choose up to 3');
    expect(choiceHint(0, 3)).toBe('Choose up to 3');
    expect(choiceHint(2, undefined)).toBe('Choose at least 2');
    expect(choiceHint(2, 3)).toBe('Choose 2 to 3');
    expect(choiceHint(2, 2)).toBe('Choose 2');
    // "At least one" goes without saying: Next waits for an answer anyway.
    expect(choiceHint(1, undefined)).toBeUndefined();
    expect(choiceHint(undefined, undefined)).toBeUndefined();
  });

  it('text answers: the count and what is wrong', () => {
    useLocale('en');
    expect(charCountText(12, 200)).toBe('12 of 200 characters');
    expect(textProblemText('too-long', 200)).toBe('At most 200 characters, please.');
    expect(textProblemText('empty', 200)).toBe('Please write an answer.');
    expect(textProblemText('wrong-type', 200)).toBe("This answer can't be sent as it is.");
  });

  it('the ends of a scale: the operator’s words, else the usual ones', () => {
    useLocale('en');
    expect(rateEnds(nps)).toEqual({ min: 'Not at all likely', max: 'Extremely likely' });
    expect(rateEnds({ type: 'rating', name: 'r' })).toEqual({ min: 'Poor', max: 'Excellent' });
    expect(rateEnds({ ...nps, minRateDescription: 'Never', maxRateDescription: 'Surely' })).toEqual(
      { min: 'Never', max: 'Surely' },
    );
  });

  it('a question without a title shows its name, as SurveyJS does', () => {
    useLocale('en');
    expect(questionTitle(nps)).toBe('recommend');
    expect(questionTitle({ ...nps, title: 'Would you recommend us?' })).toBe(
      'Would you recommend us?',
    );
  });
});

describe('survey card wording, German', () => {
  it('reward, progress, thanks', () => {
    useLocale('de');
    expect(rewardText(50, 4)).toBe('50 Punkte sammeln · 4 Fragen');
    expect(rewardText(1, 1)).toBe('1 Punkt sammeln · 1 Frage');
    expect(rewardText(1500, 2)).toBe('1.500 Punkte sammeln · 2 Fragen');
    expect(progressText(1, 4)).toBe('Frage 2 von 4');
    expect(continueText(2, 4)).toBe('Fortsetzen · Frage 3 von 4');
    expect(thanksText(50)).toBe('Danke! 50 Punkte sind unterwegs.');
    expect(thanksText(1)).toBe('Danke! 1 Punkt ist unterwegs.');
    expect(contextText({ reason: 'after-purchase', partnerId: 'demo-shop' }, partners)).toBe(
      'Nach deinem Einkauf bei Demo Shop',
    );
  });

  it('streak, badges, hints, ends', () => {
    useLocale('de');
    expect(streakText(1)).toBe('Serie: 1 Woche in Folge');
    expect(streakText(3)).toBe('Serie: 3 Wochen in Folge');
    expect(BadgeId.options.map(badgeName)).toEqual([
      'Erste Umfrage',
      '5 Umfragen',
      '4 Wochen in Folge',
    ]);
    expect(choiceHint(undefined, 3)).toBe('Wähle bis zu 3');
    expect(choiceHint(2, 3)).toBe('Wähle 2 bis 3');
    expect(charCountText(12, 1000)).toBe('12 von 1.000 Zeichen');
    expect(rateEnds(nps)).toEqual({
      min: 'Überhaupt nicht wahrscheinlich',
      max: 'Äußerst wahrscheinlich',
    });
  });

  it('the operator’s text in German where the survey has it, else its default', () => {
    useLocale('de');
    const title = { default: 'How often?', de: 'Wie oft?' };
    expect(questionTitle({ ...nps, title })).toBe('Wie oft?');
    expect(questionTitle({ ...nps, title: { default: 'How often?', fr: 'Combien?' } })).toBe(
      'How often?',
    );
  });
});
