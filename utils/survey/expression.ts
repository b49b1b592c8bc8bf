import type { AnswerValue } from '../contract/survey';
import { DEPTH_MAX, type Node, parseTokens, SOURCE_MAX } from './expression-parser';
import { tokenize } from './expression-tokens';
import * as v from './expression-values';

/**
 * SurveyJS `visibleIf` conditions: the subset supported here, evaluated the
 * way survey-core 3.x evaluates it (checked against survey-core itself in
 * tests/unit/survey/expression-oracle.test.ts). survey-core is not shipped:
 * this evaluator is small and has no dependencies.
 *
 * Supported (keywords in any case, as in SurveyJS):
 * - `{name}`: the answer to a question; no answer is null. Names match
 *   exactly (SurveyJS ignores case; checkDefinition refuses references that
 *   differ in case, so both agree).
 * - literals: 'text' or "text" (only \' and \" are escapes; the other quote
 *   must be escaped too, as in SurveyJS), integers and decimals with an
 *   optional leading minus (`-1`, `2.5`; no leading zeros, at most 15
 *   digits), `true`, `false`.
 * - comparisons `=` `==` `!=` `<>` `<` `<=` `>` `>=`;
 *   `a contains b` / `a notcontains b` (an array answer holds the value, or a
 *   text holds it as a substring, ignoring case);
 *   `a anyof [...]` / `a allof [...]` with a non-empty list of literals;
 *   postfix `empty` / `notempty` after a name or literal (`{q} notempty`);
 *   `!`; `and` / `&&`; `or` / `||`; brackets.
 * - Precedence, loosest first: or, and, comparisons, contains/anyof/allof,
 *   then `!`, which takes one value or bracket (`!{a} = 1` is `(!{a}) = 1`).
 *
 * Refused with a ConditionError (never silently misread): functions
 * (`age({b})`), arithmetic, `{panel.x}` and other non-question names,
 * `not` (not SurveyJS syntax: write `!`), SurveyJS's word operators
 * (`equal`, `less`, `noneof`, `*=` …), bare words, `null`/`undefined`,
 * lists outside anyof/allof, an empty list, a missing `)`, text containing
 * `<>`, `=>`, `=<` or `equals` (survey-core rewrites those before parsing,
 * inside quotes too), sources over 500 characters and nesting (brackets and
 * `!`) deeper than 32.
 *
 * Comparison semantics are SurveyJS's, oddities included (see
 * ./expression-values.ts): `{q} = 5` holds for the answer '5'; `{q} = 'abc'`
 * ignores case and surrounding spaces; an array answer never `=` a single
 * value (use contains); with no answer `{q} != 5` holds and `{q} < 5` does
 * not; `{q} = ''` holds with no answer. `and`/`or` yield one of their
 * operands, not a boolean, and a condition holds when its value `== true`
 * (so `{q}` alone holds for the answer 1), both as in SurveyJS.
 */
export interface Condition {
  readonly source: string;
  /** The parsed tree (internal to utils/survey). */
  readonly root: Node;
}

export class ConditionError extends Error {
  override name = 'ConditionError';
}

const fail = (msg: string): never => {
  throw new ConditionError(msg);
};

/** Parses a condition; throws ConditionError on anything outside the supported subset. */
export function parseCondition(source: string): Condition {
  if (typeof source !== 'string') fail('a condition is text');
  if (source.length > SOURCE_MAX) fail(`a condition has at most ${SOURCE_MAX} characters`);
  return { source, root: parseTokens(tokenize(source, fail), fail) };
}

/** The question names a condition refers to (`{name}`), each once, in order of appearance. */
export function referencedNames(c: Condition): string[] {
  const names = new Set<string>();
  const walk = (n: Node): void => {
    if (n.k === 'var') names.add(n.name);
    else if (n.k === 'not' || n.k === 'empty') walk(n.e);
    else if (n.k === 'chain') {
      walk(n.first);
      for (const [, r] of n.rest) walk(r);
    }
  };
  walk(c.root);
  return [...names];
}

type Answers = Readonly<Record<string, AnswerValue>>;

const BINARY = {
  or: v.or,
  and: v.and,
  equal: v.equal,
  notequal: (l, r) => !v.equal(l, r),
  less: v.less,
  lessorequal: (l, r) => v.equal(l, r) || v.less(l, r),
  greater: v.greater,
  greaterorequal: (l, r) => v.equal(l, r) || v.greater(l, r),
  contains: v.contains,
  notcontains: v.notContains,
  anyof: v.anyOf,
  allof: v.allOf,
} satisfies Record<string, (l: unknown, r: unknown) => unknown>;

function value(n: Node, answers: Answers): unknown {
  switch (n.k) {
    case 'var':
      // Own keys only: a question may be named "constructor".
      return Object.hasOwn(answers, n.name) ? v.correctValue(answers[n.name]) : null;
    case 'lit':
      return n.value;
    case 'list':
      return [...n.items];
    case 'not':
      return !value(n.e, answers);
    case 'empty':
      return v.isEmpty(value(n.e, answers)) !== n.not;
    case 'chain': {
      // SurveyJS evaluates both sides and folds left; so does this.
      let acc = value(n.first, answers);
      for (const [op, r] of n.rest) acc = BINARY[op](acc, value(r, answers));
      return acc;
    }
  }
}

/** Evaluates a condition on answers (absent names: no answer). */
export function evaluate(c: Condition, answers: Answers): boolean {
  return v.holds(value(c.root, answers));
}

export { DEPTH_MAX as CONDITION_DEPTH_MAX, SOURCE_MAX as CONDITION_SOURCE_MAX };
