import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConditionError, evaluate, parseCondition } from '../../../utils/survey/expression';
import { answers, expr, sjs, ws0 } from './condition-arbitraries';

describe('conditions agree with survey-core', () => {
  it('on generated conditions of the supported grammar and answers', () => {
    fc.assert(
      fc.property(expr(2), answers, (src, given) => {
        fc.pre(src.length <= 500);
        const ours = evaluate(parseCondition(src), given);
        const theirs = sjs(src, given);
        expect(theirs.canRun).toBe(true);
        expect(ours).toBe(theirs.result);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);

  // Operands and operators mostly alternate, so a fair share parses; any token may turn up anywhere.
  const OPERANDS = [
    '{a}',
    '{B2}',
    '{c-d}',
    "'x'",
    '"y"',
    "'5'",
    '5',
    '-1',
    '1.5',
    'true',
    'FALSE',
    "''",
  ];
  const OPERATORS = [
    ...['=', '==', '!=', '<>', '<', '<=', '>', '>=', 'and', '&&', 'or', '||'],
    ...['contains', 'notcontains', 'anyof', 'allof', 'empty', 'notempty'],
  ];
  const OTHERS = [
    ...['!', '(', ')', '[', ']', ',', '-', '+', 'not', 'age(', 'null', '{p.x}', '=>', "'a<>b'"],
    ...['equal', 'noneof', "'", '"', '\\', '{', '}', 'x', '0', '*=', ' ', "['x']", "['x', 5]"],
  ];
  const ALL = [...OPERANDS, ...OPERATORS, ...OTHERS];

  it('whatever the parser accepts, survey-core reads alike (token soup)', () => {
    const pick = (usual: string[]) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...usual) },
        { weight: 1, arbitrary: fc.constantFrom(...ALL) },
      );
    const soup = fc
      .array(fc.tuple(pick(OPERANDS), ws0, pick(OPERATORS), ws0), { minLength: 1, maxLength: 5 })
      .chain((parts) => fc.tuple(fc.constant(parts.flat().join('')), pick(OPERANDS)))
      .map(([body, last]) => body + last);
    let accepted = 0;
    fc.assert(
      fc.property(soup, answers, (src, given) => {
        let cond: ReturnType<typeof parseCondition>;
        try {
          cond = parseCondition(src);
        } catch (e) {
          expect(e).toBeInstanceOf(ConditionError);
          return;
        }
        accepted++;
        const theirs = sjs(src, given);
        expect(theirs.canRun).toBe(true);
        expect(evaluate(cond, given)).toBe(theirs.result);
      }),
      { numRuns: 4000 },
    );
    // The soup must actually exercise the accepting path.
    expect(accepted).toBeGreaterThan(400);
  }, 30_000);
});

describe('known differences from survey-core (each one deliberate)', () => {
  it('names match exactly; SurveyJS ignores case (checkDefinition refuses such references)', () => {
    expect(sjs('{A} = 1', { a: 1 }).result).toBe(true);
    expect(evaluate(parseCondition('{A} = 1'), { a: 1 })).toBe(false);
  });

  it('text with "<>", "=>", "=<" or "equals" is refused: survey-core rewrites it even inside quotes', () => {
    // SurveyJS compares with 'a!=b', so the member who typed "a<>b" never matches.
    expect(sjs("{q} = 'a<>b'", { q: 'a<>b' }).result).toBe(false);
    expect(sjs("{q} = 'x equals y'", { q: 'x equals y' }).result).toBe(false);
    for (const src of [
      "{q} = 'a<>b'",
      "{q} = 'a=>b'",
      "{q} = 'a=<b'",
      "{q} = 'equals'",
      '{equalsX} = 1',
    ]) {
      expect(() => parseCondition(src), src).toThrow(ConditionError);
    }
  });

  it.each([
    ['{q} + 1 > 2', 'arithmetic'],
    ['age({q}) > 1', 'functions'],
    ['{q} equal 1', 'write ='],
    ["{q} noneof ['a']", 'write !({q} anyof'],
    ['{q} = abc', 'quote text values'],
    ['({q} = 1', '")" is missing'],
    ['{q} = null', 'empty'],
    ['{q} anyof []', 'a list holds'],
    ['{q} => 1', 'a value is expected'],
    ['{q}=1or{r}=1', 'malformed number'],
    ['{q} = 0x10', 'malformed number'],
    ["{q} = 'x' = ['x']", 'only follow anyof'],
    ['{q} contains', 'a value is missing'],
  ])('SurveyJS runs %s, the subset refuses it (%s)', (src, message) => {
    expect(sjs(src, {}).canRun).toBe(true);
    expect(() => parseCondition(src)).toThrow(message);
  });

  it('"not" is not SurveyJS syntax: both refuse it', () => {
    expect(sjs('not ({q} = 1)', {}).canRun).toBe(false);
    expect(() => parseCondition('not ({q} = 1)')).toThrow('write !');
  });
});
