import type { BadgeId, MemberSurvey, Question } from '@/utils/contract';
import { localized, ratingScale } from '@/utils/survey';
import type { AnswerProblem } from '@/utils/survey/validate';
import { formatPoints, type MessageKey, pointsText, t, tPlural, uiLocale } from '../i18n';
import type { NameLookup } from '../program-text';

/**
 * The survey card in words: reward, counts, progress, hints, streak and
 * badges. The operator's texts (titles, choices) come localized from the
 * definition; everything around them from the locales.
 */

/** An operator's text in the UI language (SurveyJS localizable strings). */
export const surveyText = (text: Parameters<typeof localized>[0]) => localized(text, uiLocale());

/** A question's title; SurveyJS shows the name when there is none. */
export const questionTitle = (q: Question) => surveyText(q.title) || q.name;

/** "4 questions", "1 Frage". */
export const questionCountText = (count: number) =>
  tPlural('surveyQuestions', count, formatPoints(count));

/** The reward up front: "Earn 50 points · 4 questions"; only the count when it pays nothing. */
export function rewardText(points: number, questions: number): string {
  const count = questionCountText(questions);
  return points > 0 ? `${t('surveyEarn', pointsText(points))} · ${count}` : count;
}

/** Why this survey is offered, when that needs saying: "After your purchase at Demo Shop". */
export function contextText(s: Pick<MemberSurvey, 'reason' | 'partnerId'>, partners: NameLookup) {
  return s.reason === 'after-purchase' && s.partnerId
    ? t('surveyAfterPurchase', partners.name(s.partnerId))
    : undefined;
}

/** "Question 2 of 4", from a 0-based index. */
export const progressText = (index: number, total: number) =>
  t('surveyProgress', formatPoints(index + 1), formatPoints(total));

/** The teaser's button for a survey begun: "Continue · question 3 of 4", from a 0-based index. */
export const continueText = (index: number, total: number) =>
  t('surveyContinueAt', formatPoints(index + 1), formatPoints(total));

/** "Streak: 3 weeks in a row"; nothing without a streak. */
export const streakText = (weeks: number) =>
  weeks > 0 ? tPlural('surveyStreak', weeks, formatPoints(weeks)) : undefined;

const BADGE_NAME: Record<BadgeId, MessageKey> = {
  'first-survey': 'badgeFirstSurvey',
  'five-surveys': 'badgeFiveSurveys',
  'four-week-streak': 'badgeFourWeekStreak',
};
export const badgeName = (id: BadgeId) => t(BADGE_NAME[id]);

/** "Thanks! 50 points are on their way." */
export const thanksText = (points: number) =>
  points > 0 ? tPlural('surveyThanks', points, pointsText(points)) : t('surveyThanksNoPoints');

/** How many choices a multiple-choice question takes: "Choose up to 3"; nothing when any number goes. */
export function choiceHint(min: number | undefined, max: number | undefined): string | undefined {
  const lo = min && min > 1 ? min : undefined;
  const hi = max;
  if (lo !== undefined && hi !== undefined) {
    return lo === hi
      ? t('surveyChooseExactly', formatPoints(lo))
      : t('surveyChooseBetween', formatPoints(lo), formatPoints(hi));
  }
  if (hi !== undefined) return t('surveyChooseUpTo', formatPoints(hi));
  if (lo !== undefined) return t('surveyChooseAtLeast', formatPoints(lo));
  return undefined;
}

/** "12 of 200 characters". */
export const charCountText = (count: number, max: number) =>
  t('surveyCharCount', formatPoints(count), formatPoints(max));

/** Why a typed answer cannot go on (choice questions say it with their hint). */
export function textProblemText(problem: AnswerProblem, max: number): string {
  if (problem === 'too-long') return t('surveyTooLong', formatPoints(max));
  if (problem === 'empty' || problem === 'required') return t('surveyEmptyAnswer');
  return t('surveyInvalidAnswer');
}

/** The words at both ends of a rating scale: the operator's, else "Poor"/"Excellent" or NPS's. */
export function rateEnds(q: Extract<Question, { type: 'rating' }>): { min: string; max: string } {
  const nps = ratingScale(q).kind === 'nps';
  return {
    min: surveyText(q.minRateDescription) || t(nps ? 'surveyNpsMin' : 'surveyRatingMin'),
    max: surveyText(q.maxRateDescription) || t(nps ? 'surveyNpsMax' : 'surveyRatingMax'),
  };
}
