import fc from 'fast-check';
import { ConditionRunner } from 'survey-core';
import type { AnswerValue } from '../../../utils/contract/survey';

/**
 * survey-core (a devDependency, never shipped) is the oracle: every condition
 * of the supported grammar must evaluate as SurveyJS evaluates it, on answers
 * chosen to hit SurveyJS's coercions (numeric-looking text, "true", case,
 * spaces, quotes, "undefined", empty arrays, prototype names).
 */
export const sjs = (src: string, answers: Record<string, AnswerValue>) => {
  const runner = new ConditionRunner(src);
  return { canRun: runner.canRun(), result: runner.runValues(structuredClone(answers)) };
};

// Distinct even ignoring case: SurveyJS looks names up case-insensitively.
const NAMES = ['a', 'B2', 'c-d', 'e_f', 'constructor', 'toString'];

const TEXTS = [
  ...['', ' ', 'x', 'X', ' x ', 'y', 'xy', 'abc', 'ABC', 'a,b', 'ß', 'İ', "'", "'x'", '"y"'],
  ...['true', 'FALSE', 'True ', 'undefined', 'null', 'Infinity', '1e3', '2*3', '-2*3', '1-2'],
  ...['5', '05', ' 5 ', '5,0', '1,5', '1.5', '-1', '0', '0.0', '0,5', '0x1F', '12', '10', '9'],
];
const text = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.string({ unit: fc.constantFrom('x', 'X', '1', '0', ' ', ',', '.', '-', "'", 't') }),
);
const answer: fc.Arbitrary<AnswerValue> = fc.oneof(
  text,
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, 1, 5, 9, 10, 12, -1),
  fc.array(text, { maxLength: 4 }),
);
export const answers = fc
  .tuple(...NAMES.map(() => fc.option(answer, { nil: undefined })))
  .map((vals) => {
    const out: Record<string, AnswerValue> = {};
    vals.forEach((val, i) => {
      if (val !== undefined) out[NAMES[i]!] = val;
    });
    return out;
  });

export const ws0 = fc.constantFrom('', '', ' ', '  ', '\n', '\t');
const ws1 = fc.constantFrom(' ', ' ', '\n', '\t ', '\r\n');
const quoted = (s: string, q: string) => q + s.replace(/['"]/g, (m) => `\\${m}`) + q;
const LIT_TEXTS = ['', 'x', 'X', ' x', 'abc', 'true', '5', '05', ' 5', '1,5', '1.5', '-1'];
const strLit = fc
  .tuple(
    fc.constantFrom(...LIT_TEXTS, 'undefined', 'y', 'xy', '0x1F', "it's", 'a,b', '"q"'),
    fc.constantFrom("'", '"'),
  )
  .map(([s, q]) => quoted(s, q));
const numLit = fc.oneof(
  fc.constantFrom('0', '1', '5', '-1', '1.5', '10', '12', '100', '-0.5', '0.0', '9'),
  fc.integer({ min: -20, max: 20 }).map(String),
);
const boolLit = fc.constantFrom('true', 'false', 'TRUE', 'False');
const literal = fc.oneof(strLit, numLit, boolLit);
const variable = fc.constantFrom(...NAMES).map((n) => `{${n}}`);
const atom = fc.oneof({ weight: 3, arbitrary: variable }, { weight: 2, arbitrary: literal });
const list = fc
  .tuple(fc.array(fc.tuple(ws0, literal, ws0), { minLength: 1, maxLength: 4 }))
  .map(([items]) => `[${items.map((i) => i.join('')).join(',')}]`);

// Mostly a single item, sometimes two or three (left-folded chains such as `a = b = c`),
// so a condition of depth 3 stays well under 500 characters.
const chainOf = (item: fc.Arbitrary<string>, op: fc.Arbitrary<[string, fc.Arbitrary<string>]>) => {
  const step = op.chain(([o, rhs]) => rhs.map((r) => o + r));
  const tail = fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as string[]) },
    { weight: 3, arbitrary: fc.tuple(step) },
    { weight: 1, arbitrary: fc.tuple(step, step) },
  );
  return fc.tuple(item, tail).map(([head, t]) => head + t.join(''));
};

const memo = new Map<number, fc.Arbitrary<string>>();
export function expr(d: number): fc.Arbitrary<string> {
  const hit = memo.get(d);
  if (hit) return hit;
  const factor: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: atom },
    {
      weight: 2,
      arbitrary: fc
        .tuple(atom, ws1, fc.constantFrom('empty', 'notempty', 'Empty', 'NOTEMPTY'))
        .map((p) => p.join('')),
    },
    ...(d > 0
      ? [
          {
            weight: 2,
            arbitrary: fc.tuple(ws0, expr(d - 1), ws0).map(([a, e, b]) => `(${a}${e}${b})`),
          },
          { weight: 1, arbitrary: fc.tuple(ws0, atom).map(([w, a]) => `!${w}${a}`) },
          { weight: 1, arbitrary: fc.tuple(ws0, expr(d - 1)).map(([w, e]) => `!${w}(${e})`) },
        ]
      : []),
  );
  const binOp = fc.constantFrom('contains', 'notcontains', 'anyof', 'allof', 'Contains', 'ANYOF');
  const binf = chainOf(
    factor,
    fc
      .tuple(ws1, binOp, ws1)
      .map(([a, o, b]): [string, fc.Arbitrary<string>] => [
        a + o + b,
        /anyof|allof/i.test(o) ? list : factor,
      ]),
  );
  const cmpOp = fc.constantFrom('=', '==', '!=', '<>', '<', '<=', '>', '>=');
  const cmp = chainOf(
    binf,
    fc.tuple(ws0, cmpOp, ws0).map(([a, o, b]): [string, fc.Arbitrary<string>] => [a + o + b, binf]),
  );
  const word = (words: string[], item: fc.Arbitrary<string>) =>
    chainOf(
      item,
      fc
        .tuple(ws1, fc.constantFrom(...words), ws1)
        .map(([a, o, b]): [string, fc.Arbitrary<string>] => [a + o + b, item]),
    );
  const and = word(['and', 'AND', '&&'], cmp);
  const result = word(['or', 'Or', '||'], and);
  memo.set(d, result);
  return result;
}
