/**
 * The shared survey rules the card uses, in one place.
 * TEMPORARY: utils/survey/validate.ts checkAnswer and utils/survey/summary.ts
 * shownCount are being written; until they land these stand in with the
 * documented behaviour, then this file re-exports them.
 */
import type { AnswerValue, Question, SurveyAnswers, SurveyDefinition } from '@/utils/contract';
import { TEXT_ANSWER_MAX } from '@/utils/contract';
import { isStorableText } from '@/utils/contract/rules';
import { choiceValue, ratingScale, visibleQuestions } from '@/utils/survey';
import type { AnswerProblem } from '@/utils/survey/validate';

export function checkAnswer(q: Question, value: AnswerValue): AnswerProblem | null {
  switch (q.type) {
    case 'radiogroup':
      if (typeof value !== 'string') return 'wrong-type';
      return q.choices.map(choiceValue).includes(value) ? null : 'unknown-option';
    case 'checkbox': {
      if (!Array.isArray(value)) return 'wrong-type';
      const known = q.choices.map(choiceValue);
      if (value.some((v) => !known.includes(v))) return 'unknown-option';
      if (new Set(value).size !== value.length) return 'duplicate-option';
      if (value.length === 0) return 'empty';
      if (value.length < (q.minSelectedChoices ?? 0)) return 'too-few-choices';
      if (value.length > (q.maxSelectedChoices ?? Number.POSITIVE_INFINITY))
        return 'too-many-choices';
      return null;
    }
    case 'rating': {
      if (typeof value !== 'number') return 'wrong-type';
      const { min, max } = ratingScale(q);
      return Number.isInteger(value) && value >= min && value <= max ? null : 'out-of-range';
    }
    default:
      if (typeof value !== 'string') return 'wrong-type';
      if (!isStorableText(value)) return 'wrong-type';
      if (value.length > (q.maxLength ?? TEXT_ANSWER_MAX)) return 'too-long';
      return value.trim() === '' ? 'empty' : null;
  }
}

export const shownCount = (def: SurveyDefinition, answers: SurveyAnswers) =>
  visibleQuestions(def, answers).length;
