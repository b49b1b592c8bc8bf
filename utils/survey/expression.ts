import type { AnswerValue } from '../contract/survey';

/**
 * SurveyJS `visibleIf` conditions, the supported subset (STUB: the survey-logic
 * helper implements it; keep these signatures).
 */
export type Condition = { readonly source: string };

export class ConditionError extends Error {}

/** Parses a condition; throws ConditionError on anything outside the supported subset. */
export function parseCondition(source: string): Condition {
  return { source };
}

/** The question names a condition refers to (`{name}`). */
export function referencedNames(_c: Condition): string[] {
  return [];
}

/** Evaluates a condition on answers (absent names: no answer). */
export function evaluate(_c: Condition, _answers: Readonly<Record<string, AnswerValue>>): boolean {
  return true;
}
