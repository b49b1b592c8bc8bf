import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MAX_QUESTIONS, SurveyDefinition } from '../../../utils/contract/survey';
import { checkDefinition } from '../../../utils/survey/definition-rules';

const radio = (name: string, extra: object = {}) => ({
  type: 'radiogroup',
  name,
  choices: ['yes', 'no'],
  ...extra,
});
const def = (...pages: object[][]) => ({
  title: 'T',
  pages: pages.map((elements) => ({ elements })),
});
/** The issues zod reports for a definition: message and path. */
const issues = (d: unknown) => {
  const r = SurveyDefinition.safeParse(d);
  return r.success ? [] : r.error.issues.map((i) => ({ message: i.message, path: i.path }));
};

describe('checkDefinition, through SurveyDefinition', () => {
  it('accepts a valid definition with conditions on earlier questions across pages', () => {
    const d = def(
      [radio('a'), radio('b', { visibleIf: "{a} = 'yes'" })],
      [radio('c', { visibleIf: "{a} = 'no' or {b} notempty" })],
    );
    expect(issues(d)).toEqual([]);
  });

  it('refuses a question name used twice, across pages or in another case', () => {
    expect(issues(def([radio('a')], [radio('a')]))).toEqual([
      { message: 'question name "a" is used twice', path: ['pages', 1, 'elements', 0, 'name'] },
    ]);
    expect(issues(def([radio('Age'), radio('age')]))[0]).toEqual({
      message: 'question name "age" is used twice (SurveyJS ignores case: "Age")',
      path: ['pages', 0, 'elements', 1, 'name'],
    });
  });

  it('refuses a condition that does not parse, with the reason', () => {
    expect(issues(def([radio('a'), radio('b', { visibleIf: 'age({a}) > 3' })]))).toEqual([
      {
        message: 'visibleIf: functions such as age() are not supported',
        path: ['pages', 0, 'elements', 1, 'visibleIf'],
      },
    ]);
  });

  it.each([
    ["{x} = 'yes'", 'visibleIf refers to an unknown question {x}'],
    ["{b} = 'yes'", 'visibleIf of "b" refers to itself'],
    ["{c} = 'yes'", 'visibleIf refers to {c}, which comes later: only earlier answers count'],
    ["{A} = 'yes'", 'visibleIf must write {a} as the question is named'],
    ['1 = 1', 'visibleIf refers to no question, so it never changes'],
  ])('refuses the condition %s', (visibleIf, message) => {
    const d = def([radio('a'), radio('b', { visibleIf })], [radio('c')]);
    expect(issues(d)).toEqual([{ message, path: ['pages', 0, 'elements', 1, 'visibleIf'] }]);
  });

  it('refuses any condition on the first question (nothing comes before it)', () => {
    const d = def([radio('a', { visibleIf: "{b} = 'yes'" }), radio('b')]);
    expect(issues(d).map((i) => i.message)).toEqual([
      'visibleIf refers to {b}, which comes later: only earlier answers count',
    ]);
  });

  const box = (extra: object, choices = ['a', 'b', 'c']) => ({
    type: 'checkbox',
    name: 'box',
    choices,
    ...extra,
  });
  it.each([
    [
      { minSelectedChoices: 3, maxSelectedChoices: 2 },
      ['minSelectedChoices exceeds maxSelectedChoices'],
    ],
    [{ maxSelectedChoices: 4 }, ['maxSelectedChoices exceeds the 3 choices']],
    [{ minSelectedChoices: 4 }, ['minSelectedChoices exceeds the 3 choices']],
    [
      { minSelectedChoices: 5, maxSelectedChoices: 4 },
      [
        'minSelectedChoices exceeds maxSelectedChoices',
        'minSelectedChoices exceeds the 3 choices',
        'maxSelectedChoices exceeds the 3 choices',
      ],
    ],
  ])('refuses checkbox limits %j', (extra, messages) => {
    expect(issues(def([box(extra)])).map((i) => i.message)).toEqual(messages);
  });

  it('accepts checkbox limits that fit', () => {
    expect(issues(def([box({ minSelectedChoices: 0, maxSelectedChoices: 3 })]))).toEqual([]);
    expect(issues(def([box({ minSelectedChoices: 3, maxSelectedChoices: 3 })]))).toEqual([]);
  });

  it('refuses a choice value twice in one question, bare or as { value }', () => {
    expect(issues(def([radio('a', { choices: ['yes', { value: 'yes', text: 'Yes!' }] })]))).toEqual(
      [{ message: 'choice value "yes" repeats', path: ['pages', 0, 'elements', 0, 'choices', 1] }],
    );
    // The same value in two questions is fine.
    expect(issues(def([radio('a'), radio('b')]))).toEqual([]);
  });

  const rating = (extra: object) => ({ type: 'rating', name: 'r', ...extra });
  it.each([
    [{}],
    [{ rateMin: 1, rateMax: 5 }],
    [{ rateMin: 0, rateMax: 10 }],
    [{ rateMin: 1 }],
    [{ rateMax: 5 }],
  ])('accepts the rating scale %j', (extra) => {
    expect(issues(def([rating(extra)]))).toEqual([]);
  });
  it.each([
    [{ rateMin: 0 }],
    [{ rateMax: 10 }],
    [{ rateMin: 0, rateMax: 5 }],
    [{ rateMin: 1, rateMax: 10 }],
  ])('refuses the rating scale %j', (extra) => {
    expect(issues(def([rating(extra)])).map((i) => i.message)).toEqual([
      'a rating is 1–5 (the default) or 0–10 (rateMin 0, rateMax 10)',
    ]);
  });

  it(`refuses more than ${MAX_QUESTIONS} questions in all`, () => {
    const page = (from: number) => Array.from({ length: 10 }, (_, i) => radio(`q${from + i}`));
    expect(issues(def(page(0), page(10), page(20)))).toEqual([]);
    expect(issues(def(page(0), page(10), page(20), [radio('q30')]))).toEqual([
      { message: `a survey has at most ${MAX_QUESTIONS} questions`, path: ['pages'] },
    ]);
  });
});

describe('the contract and the rules import each other', () => {
  it('works whichever module loads first', async () => {
    vi.resetModules();
    const rules = await import('../../../utils/survey/definition-rules');
    const contract = await import('../../../utils/contract/survey');
    expect(
      rules.checkDefinition(def(...Array.from({ length: 31 }, (_, i) => [radio(`q${i}`)]))),
    ).toEqual([{ message: 'a survey has at most 30 questions', path: ['pages'] }]);
    expect(contract.SurveyDefinition.safeParse(def([radio('a')], [radio('a')])).success).toBe(
      false,
    );
  });
});

describe('checkDefinition never throws (it runs inside zod)', () => {
  it('on arbitrary values, directly and through SurveyDefinition', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(Array.isArray(checkDefinition(x))).toBe(true);
        SurveyDefinition.safeParse(x);
      }),
      { numRuns: 500 },
    );
  });

  it('on definition-shaped values with broken parts', () => {
    const element = fc.record(
      {
        type: fc.constantFrom('radiogroup', 'checkbox', 'rating', 'text', 'html', 5),
        name: fc.oneof(
          fc.constantFrom('a', 'b', 'constructor', '__proto__', 'toString'),
          fc.anything(),
        ),
        visibleIf: fc.oneof(
          fc.constantFrom('{a} = 1', '{b} notempty', '((', "{a} = 'x"),
          fc.anything(),
        ),
        choices: fc.oneof(
          fc.array(fc.oneof(fc.string(), fc.record({ value: fc.anything() }))),
          fc.anything(),
        ),
        minSelectedChoices: fc.anything(),
        maxSelectedChoices: fc.anything(),
        rateMin: fc.anything(),
        rateMax: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const shaped = fc.record({
      title: fc.constant('T'),
      pages: fc.oneof(
        fc.array(fc.record({ elements: fc.oneof(fc.array(element), fc.anything()) })),
        fc.anything(),
      ),
    });
    fc.assert(
      fc.property(shaped, (x) => {
        expect(Array.isArray(checkDefinition(x))).toBe(true);
        SurveyDefinition.safeParse(x);
      }),
      { numRuns: 500 },
    );
  });
});
