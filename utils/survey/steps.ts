import type { Question, SurveyAnswers, SurveyDefinition } from '../contract/survey';
import { allQuestions, visibleQuestions } from './questions';

/** Where a survey in progress stands: the popup's stepper reads this. */
export interface StepState {
  question: Question;
  /** 0-based position among the questions shown for the answers so far. */
  index: number;
  /** Questions shown for the answers so far: it changes as answers reveal or hide questions. */
  total: number;
  isFirst: boolean;
  /** No shown question after this one (yet: answering it may reveal one). */
  isLast: boolean;
  /** Optional questions may be skipped. */
  canSkip: boolean;
}

/**
 * The step for `at` (a question name). When `at` is null, unknown or no
 * longer shown (an earlier answer changed and its condition now hides it):
 * the first shown question without an answer, else the last shown one.
 * Throws only for a definition that shows no question at all, which the
 * contract rules out (the first question cannot have a condition).
 */
export function stepAt(
  def: SurveyDefinition,
  answers: SurveyAnswers,
  at: string | null,
): StepState {
  const shown = visibleQuestions(def, answers);
  if (shown.length === 0) throw new Error('the survey shows no question');
  let index = shown.findIndex((q) => q.name === at);
  if (index < 0) index = shown.findIndex((q) => !Object.hasOwn(answers, q.name));
  if (index < 0) index = shown.length - 1;
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

/**
 * The shown question after / before `at` (null: none). Positions are taken
 * in definition order, so this works even when `at` itself is now hidden.
 */
export function nextQuestion(
  def: SurveyDefinition,
  answers: SurveyAnswers,
  at: string,
): string | null {
  return neighbour(def, answers, at, 1);
}
export function previousQuestion(
  def: SurveyDefinition,
  answers: SurveyAnswers,
  at: string,
): string | null {
  return neighbour(def, answers, at, -1);
}

function neighbour(
  def: SurveyDefinition,
  answers: SurveyAnswers,
  at: string,
  dir: 1 | -1,
): string | null {
  const order = new Map(allQuestions(def).map((q, i) => [q.name, i]));
  const here = order.get(at);
  if (here === undefined) return null;
  const shown = visibleQuestions(def, answers).map((q) => q.name);
  const candidates = shown.filter((n) => (order.get(n)! - here) * dir > 0);
  return (dir === 1 ? candidates[0] : candidates[candidates.length - 1]) ?? null;
}
