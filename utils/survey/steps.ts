import type { Question, SurveyAnswers, SurveyDefinition } from '../contract/survey';
import { visibleQuestions } from './questions';

/** Where a survey in progress stands: the popup's stepper reads this. */
export interface StepState {
  question: Question;
  /** 0-based position among the questions shown for the answers so far. */
  index: number;
  total: number;
  isFirst: boolean;
  isLast: boolean;
  /** Optional questions may be skipped. */
  canSkip: boolean;
}

/**
 * STUB (survey-logic helper implements). The step for `at` (a question name;
 * null or no longer shown: the first shown question without an answer, else
 * the last one).
 */
export function stepAt(
  def: SurveyDefinition,
  answers: SurveyAnswers,
  at: string | null,
): StepState {
  const shown = visibleQuestions(def, answers);
  let index = shown.findIndex((q) => q.name === at);
  if (index < 0) index = 0;
  const question = shown[index]!;
  return {
    question,
    index,
    total: shown.length,
    isFirst: index === 0,
    isLast: index === shown.length - 1,
    canSkip: !question.isRequired,
  };
}

/** The question after / before `at` among those shown for `answers` (null: none). */
export function nextQuestion(
  def: SurveyDefinition,
  answers: SurveyAnswers,
  at: string,
): string | null {
  const shown = visibleQuestions(def, answers);
  const i = shown.findIndex((q) => q.name === at);
  return shown[i + 1]?.name ?? null;
}
export function previousQuestion(
  def: SurveyDefinition,
  answers: SurveyAnswers,
  at: string,
): string | null {
  const shown = visibleQuestions(def, answers);
  const i = shown.findIndex((q) => q.name === at);
  return i > 0 ? shown[i - 1]!.name : null;
}
