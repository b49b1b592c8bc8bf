import type { SurveyAnswers, SurveyDefinition } from '../contract/survey';

/** Why answers do not fit their survey; `question` names the question (null: the whole set). */
export type AnswerProblem =
  | 'unknown-question'
  | 'hidden-question' // answered, but its condition hides it
  | 'required' // a required, shown question without an answer
  | 'wrong-type'
  | 'unknown-option'
  | 'duplicate-option'
  | 'too-few-choices'
  | 'too-many-choices'
  | 'out-of-range'
  | 'too-long'
  | 'empty';

export type AnswerCheck =
  | { ok: true }
  | { ok: false; question: string | null; problem: AnswerProblem };

/** STUB (survey-logic helper implements). Checks a completed survey's answers against the definition. */
export function checkAnswers(_def: SurveyDefinition, _answers: SurveyAnswers): AnswerCheck {
  return { ok: true };
}
