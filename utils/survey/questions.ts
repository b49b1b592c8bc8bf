import type { AnswerValue, Question, SurveyAnswers, SurveyDefinition } from '../contract/survey';
import { type Condition, evaluate, parseCondition } from './expression';

/** All questions in page order (pages only group them; one question per step). */
export function allQuestions(def: SurveyDefinition): Question[] {
  return def.pages.flatMap((p) => p.elements);
}

// Parsed once per condition text: the stepper asks for visibility on every render.
const parsed = new Map<string, Condition | null>();
function conditionOf(source: string): Condition | null {
  let c = parsed.get(source);
  if (c === undefined) {
    try {
      c = parseCondition(source);
    } catch {
      c = null;
    }
    if (parsed.size >= 500) parsed.clear();
    parsed.set(source, c);
  }
  return c;
}

/**
 * The questions shown for these answers, in order: a question is shown when
 * its visibleIf (if any) holds on the answers to the *shown* earlier
 * questions; answers to hidden ones never count. This is SurveyJS with
 * `clearInvisibleValues: "onHidden"` (its default keeps hidden answers in
 * play until completion). A condition that does not parse (never so in a
 * definition that passed the contract) hides its question: it is never
 * asked on a rule nobody can read.
 */
export function visibleQuestions(def: SurveyDefinition, answers: SurveyAnswers): Question[] {
  const seen: Record<string, AnswerValue> = Object.create(null);
  const shown: Question[] = [];
  for (const q of allQuestions(def)) {
    if (q.visibleIf !== undefined) {
      const c = conditionOf(q.visibleIf);
      if (!c || !evaluate(c, seen)) continue;
    }
    shown.push(q);
    if (Object.hasOwn(answers, q.name)) seen[q.name] = answers[q.name]!;
  }
  return shown;
}

/** The answers without those to questions hidden by their condition or unknown (what is submitted). */
export function pruneHidden(def: SurveyDefinition, answers: SurveyAnswers): SurveyAnswers {
  return Object.fromEntries(
    visibleQuestions(def, answers)
      .filter((q) => Object.hasOwn(answers, q.name))
      .map((q) => [q.name, answers[q.name]!]),
  );
}

/** The scale of a rating question: 'nps' for 0–10, 'rating' for 1–5 (SurveyJS's default). */
export function ratingScale(q: Extract<Question, { type: 'rating' }>): {
  min: number;
  max: number;
  kind: 'rating' | 'nps';
} {
  const min = q.rateMin ?? 1;
  const max = q.rateMax ?? 5;
  return { min, max, kind: min === 0 && max === 10 ? 'nps' : 'rating' };
}

/** A choice's value (a bare string choice is its own value). */
export const choiceValue = (c: string | { value: string }) => (typeof c === 'string' ? c : c.value);
