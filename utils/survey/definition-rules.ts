/**
 * Whole-definition rules zod cannot express per field: unique question
 * names, conditions that parse and refer only to earlier questions,
 * min/max choices that fit the choices, one rating scale.
 * STUB (foundation): the survey-logic helper implements it.
 */
export interface DefinitionProblem {
  message: string;
  path: (string | number)[];
}

export function checkDefinition(_def: {
  pages: { elements: { name: string; type: string; visibleIf?: string }[] }[];
}): DefinitionProblem[] {
  return [];
}
