import { MAX_QUESTIONS } from '../contract/survey';
import { ConditionError, parseCondition, referencedNames } from './expression';

/**
 * Whole-definition rules zod cannot express per field: unique question
 * names, conditions that parse and refer only to earlier questions (so
 * visibility is one pass in question order), min/max choices that fit the
 * choices, unique choice values, one of the two rating scales.
 *
 * Runs inside SurveyDefinition's superRefine, so it must never throw: it
 * reads its input defensively and reports nothing about parts the field
 * schemas already refuse.
 */
export interface DefinitionProblem {
  message: string;
  path: (string | number)[];
}

type Path = (string | number)[];
type Loose = Record<string, unknown>;

const isObj = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const choiceValue = (c: unknown) => (isObj(c) ? c.value : c);

interface Located {
  q: Loose;
  name: string;
  path: Path;
}

function questionsOf(def: unknown): Located[] {
  if (!isObj(def)) return [];
  return arr(def.pages).flatMap((page, p) =>
    isObj(page)
      ? arr(page.elements).flatMap((q, e) =>
          isObj(q) && typeof q.name === 'string'
            ? [{ q, name: q.name, path: ['pages', p, 'elements', e] }]
            : [],
        )
      : [],
  );
}

function conditionProblems(qs: Located[]): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  // SurveyJS looks names up ignoring case, so "Q" and "q" would be one answer there.
  const indexOf = new Map<string, number>();
  qs.forEach(({ name, path }, i) => {
    const key = name.toLowerCase();
    const first = indexOf.get(key);
    if (first === undefined) indexOf.set(key, i);
    else {
      const other = qs[first]!.name;
      const why = other === name ? '' : ` (SurveyJS ignores case: "${other}")`;
      out.push({ message: `question name "${name}" is used twice${why}`, path: [...path, 'name'] });
    }
  });
  qs.forEach(({ q, name, path }, i) => {
    if (typeof q.visibleIf !== 'string') return;
    const at = [...path, 'visibleIf'];
    let refs: string[];
    try {
      refs = referencedNames(parseCondition(q.visibleIf));
    } catch (e) {
      // Never rethrow: an exception here would escape zod as a server error.
      const why = e instanceof ConditionError ? e.message : 'it cannot be read';
      out.push({ message: `visibleIf: ${why}`, path: at });
      return;
    }
    if (refs.length === 0) {
      out.push({ message: 'visibleIf refers to no question, so it never changes', path: at });
    }
    for (const ref of refs) {
      const j = indexOf.get(ref.toLowerCase());
      const target = j === undefined ? undefined : qs[j]!.name;
      let message: string | null = null;
      if (j === undefined) message = `visibleIf refers to an unknown question {${ref}}`;
      else if (target !== ref)
        message = `visibleIf must write {${target}} as the question is named`;
      else if (j === i) message = `visibleIf of "${name}" refers to itself`;
      else if (j > i)
        message = `visibleIf refers to {${ref}}, which comes later: only earlier answers count`;
      if (message) out.push({ message, path: at });
    }
  });
  return out;
}

function questionProblems({ q, path }: Located): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const choices = arr(q.choices);
  const seen = new Set<unknown>();
  choices.forEach((c, k) => {
    const value = choiceValue(c);
    if (seen.has(value)) {
      out.push({
        message: `choice value "${String(value)}" repeats`,
        path: [...path, 'choices', k],
      });
    }
    seen.add(value);
  });
  if (q.type === 'checkbox') {
    const { minSelectedChoices: min, maxSelectedChoices: max } = q;
    const n = choices.length;
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      out.push({
        message: 'minSelectedChoices exceeds maxSelectedChoices',
        path: [...path, 'minSelectedChoices'],
      });
    }
    if (typeof min === 'number' && min > n) {
      out.push({
        message: `minSelectedChoices exceeds the ${n} choices`,
        path: [...path, 'minSelectedChoices'],
      });
    }
    if (typeof max === 'number' && max > n) {
      out.push({
        message: `maxSelectedChoices exceeds the ${n} choices`,
        path: [...path, 'maxSelectedChoices'],
      });
    }
  }
  if (q.type === 'rating') {
    const min = q.rateMin ?? 1;
    const max = q.rateMax ?? 5;
    if (!((min === 1 && max === 5) || (min === 0 && max === 10))) {
      out.push({
        message: 'a rating is 1–5 (the default) or 0–10 (rateMin 0, rateMax 10)',
        path: [...path, q.rateMin === undefined ? 'rateMax' : 'rateMin'],
      });
    }
  }
  return out;
}

export function checkDefinition(def: unknown): DefinitionProblem[] {
  const qs = questionsOf(def);
  const out: DefinitionProblem[] = [];
  if (qs.length > MAX_QUESTIONS) {
    out.push({ message: `a survey has at most ${MAX_QUESTIONS} questions`, path: ['pages'] });
  }
  return [...out, ...conditionProblems(qs), ...qs.flatMap(questionProblems)];
}
