import type { Question, SurveyAnswers, SurveyDefinition } from '../contract/survey';

/** STUB (survey-logic helper implements). All questions in page order. */
export function allQuestions(def: SurveyDefinition): Question[] {
  return def.pages.flatMap((p) => p.elements);
}

/**
 * The questions shown for these answers, in order: a question is shown when
 * its visibleIf (if any) holds on the answers to the *shown* earlier questions
 * (answers to hidden ones never count).
 */
export function visibleQuestions(def: SurveyDefinition, _answers: SurveyAnswers): Question[] {
  return allQuestions(def);
}

/** The answers without those to questions hidden by their condition (what is submitted). */
export function pruneHidden(def: SurveyDefinition, answers: SurveyAnswers): SurveyAnswers {
  const shown = new Set(visibleQuestions(def, answers).map((q) => q.name));
  return Object.fromEntries(Object.entries(answers).filter(([k]) => shown.has(k)));
}

/** 'nps' for a 0–10 rating, 'rating' for 1–5. */
export function ratingScale(q: Extract<Question, { type: 'rating' }>): {
  min: number;
  max: number;
  kind: 'rating' | 'nps';
} {
  const min = q.rateMin ?? 1;
  const max = q.rateMax ?? 5;
  return { min, max, kind: max === 10 ? 'nps' : 'rating' };
}

/** A choice's value. */
export const choiceValue = (c: string | { value: string }) => (typeof c === 'string' ? c : c.value);
