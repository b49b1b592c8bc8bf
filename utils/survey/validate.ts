import { isStorableText } from '../contract/rules';
import {
  type AnswerValue,
  type Question,
  type SurveyAnswers,
  type SurveyDefinition,
  TEXT_ANSWER_MAX,
} from '../contract/survey';
import { allQuestions, choiceValue, ratingScale, visibleQuestions } from './questions';

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

/**
 * Whether one answer fits its question (the popup enables Next with it, the
 * server checks every answer with it). A skipped question has no answer
 * (`undefined`): fine unless required. An empty answer ('' or only spaces,
 * or no box ticked: []) is never an answer: 'empty', so a skip is always an
 * absent key, never a blank value. Per type:
 * - radiogroup: one of the choice values, exactly.
 * - checkbox: distinct choice values, at least max(1, minSelectedChoices),
 *   at most maxSelectedChoices (default: all).
 * - rating: an integer on its scale (1–5 or 0–10).
 * - text/comment: storable text (no U+0000, no lone surrogate), at most maxLength (default TEXT_ANSWER_MAX) UTF-16 code
 *   units, what an <input maxlength> counts, so the popup and the server
 *   agree on every emoji.
 */
export function checkAnswer(q: Question, value: AnswerValue | undefined): AnswerProblem | null {
  if (value === undefined) return q.isRequired ? 'required' : null;
  switch (q.type) {
    case 'radiogroup':
      if (typeof value !== 'string') return 'wrong-type';
      if (value === '') return 'empty';
      return q.choices.some((c) => choiceValue(c) === value) ? null : 'unknown-option';
    case 'checkbox': {
      if (!Array.isArray(value)) return 'wrong-type';
      if (value.length === 0) return 'empty';
      const values = new Set(q.choices.map(choiceValue));
      if (value.some((v) => typeof v !== 'string')) return 'wrong-type';
      if (value.some((v) => !values.has(v))) return 'unknown-option';
      if (new Set(value).size !== value.length) return 'duplicate-option';
      if (value.length < Math.max(1, q.minSelectedChoices ?? 0)) return 'too-few-choices';
      if (value.length > (q.maxSelectedChoices ?? values.size)) return 'too-many-choices';
      return null;
    }
    case 'rating': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'wrong-type';
      const { min, max } = ratingScale(q);
      return value < min || value > max ? 'out-of-range' : null;
    }
    case 'text':
    case 'comment':
      // U+0000 or a lone surrogate (a paste can bring one): the server would refuse the whole op.
      if (typeof value !== 'string' || !isStorableText(value)) return 'wrong-type';
      if (value.trim() === '') return 'empty';
      return value.length > (q.maxLength ?? TEXT_ANSWER_MAX) ? 'too-long' : null;
    default:
      return 'wrong-type';
  }
}

/**
 * Checks a completed survey's answers against the definition: first any
 * answer to a question the survey does not have ('unknown-question', in the
 * answers' key order), then each question in order: answered but hidden by
 * its condition ('hidden-question'), else checkAnswer. The first problem
 * wins. Never throws on any SurveyAnswers (names such as "constructor" are
 * looked up as own keys only).
 */
export function checkAnswers(def: SurveyDefinition, answers: SurveyAnswers): AnswerCheck {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return { ok: false, question: null, problem: 'wrong-type' };
  }
  const questions = allQuestions(def);
  const known = new Set(questions.map((q) => q.name));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) return { ok: false, question: key, problem: 'unknown-question' };
  }
  const shown = new Set(visibleQuestions(def, answers));
  for (const q of questions) {
    const value = Object.hasOwn(answers, q.name) ? answers[q.name] : undefined;
    const problem = shown.has(q)
      ? checkAnswer(q, value)
      : value === undefined
        ? null
        : 'hidden-question';
    if (problem) return { ok: false, question: q.name, problem };
  }
  return { ok: true };
}
