import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../../utils/contract/survey';
import {
  ConditionError,
  evaluate,
  parseCondition,
  referencedNames,
} from '../../../utils/survey/expression';
import { sjs } from './condition-arbitraries';

const run = (src: string, answers: Record<string, AnswerValue> = {}) =>
  evaluate(parseCondition(src), answers);

describe('evaluate: SurveyJS semantics, spelled out (and checked against survey-core)', () => {
  it.each<[string, Record<string, AnswerValue>, boolean]>([
    // no answer
    ['{q} = 5', {}, false],
    ['{q} != 5', {}, true],
    ['{q} < 5', {}, false],
    ['{q} > 5', {}, false],
    ["{q} = ''", {}, true],
    ["{q} != ''", {}, false],
    ['{q} empty', {}, true],
    ['{q} notempty', {}, false],
    ["{q} contains 'x'", {}, false],
    ["{q} notcontains 'x'", {}, true],
    ["{q} anyof ['x']", {}, false],
    // numbers and numeric-looking text
    ['{q} = 5', { q: '5' }, true],
    ["{q} = '5'", { q: 5 }, true],
    ['{q} = 5', { q: ' 5 ' }, true],
    ['{q} = 5', { q: '05' }, true],
    ['{q} > 4', { q: '5,0' }, true],
    ['{q} >= 9', { q: 9 }, true],
    ['{q} <= -1', { q: -1 }, true],
    ['{q} = 1.5', { q: '1.5' }, true],
    ["{q} > '10'", { q: 9 }, false],
    // text: = ignores case and surrounding spaces, < > are plain JS comparisons
    ["{q} = 'abc'", { q: ' ABC ' }, true],
    ["{q} <> 'abc'", { q: 'abd' }, true],
    ["{q} < 'b'", { q: 'a' }, true],
    ["{q} < 'b'", { q: 'B' }, true],
    ['{q} = true', { q: 'TRUE' }, true],
    ["{q} = 'x'", { q: "'x'" }, true],
    ["{q} = 'undefined'", {}, true],
    // arrays (checkbox answers)
    ["{a} = 'x'", { a: ['x'] }, false],
    ["{a} contains 'x'", { a: ['x', 'y'] }, true],
    ["{a} contains 'X'", { a: ['x'] }, true],
    ["{a} notcontains 'x'", { a: [] }, true],
    ['{a} empty', { a: [] }, true],
    ["{a} anyof ['x', 'z']", { a: ['y', 'z'] }, true],
    ["{a} allof ['x', 'z']", { a: ['x', 'y'] }, false],
    ["{a} allof ['x', 'y']", { a: ['y', 'x'] }, true],
    ["{a} anyof ['x', 'z']", { a: 'x' }, true],
    ['{a} contains 1', { a: ['1'] }, true],
    // text contains a substring
    ["{t} contains 'ell'", { t: 'Hello' }, true],
    ["{t} notcontains 'ELL'", { t: 'Hello' }, false],
    // logic, precedence, keywords in any case
    ['{q} = 1 AND {r} = 2 or {s} = 3', { q: 1, r: 5, s: 3 }, true],
    ['{q} = 1 && ({r} = 2 || {s} = 3)', { q: 1, r: 5, s: 4 }, false],
    ['!({q} = 1)', { q: 2 }, true],
    ['!{q} = 1', { q: 2 }, false], // (!{q}) = 1
    ['!{q} empty', {}, false], // !({q} empty)
    ['{q} = 1 = true', { q: 1 }, true],
    ['{q}', { q: 1 }, true], // SurveyJS: result == true
    ['{q}', { q: 3 }, false],
    ['{a} and true', { a: [] }, false], // [] and true is 0 in SurveyJS
    ['((((({q} = 1)))))', { q: 1 }, true],
    ["{c-d} = 'x' and {e_f} notempty", { 'c-d': 'x', e_f: 'y' }, true],
    // prototype names are questions like any other
    ['{constructor} empty', {}, true],
    ['{toString} notempty', {}, false],
    ["{toString} = 'x'", { toString: 'x' }, true],
  ])('%s on %j is %s', (src, answers, expected) => {
    expect(run(src, answers)).toBe(expected);
    expect(sjs(src, answers).result).toBe(expected);
  });
});

describe('parseCondition', () => {
  it('accepts both quote styles with SurveyJS escapes', () => {
    expect(run("{q} = 'it\\'s'", { q: "it's" })).toBe(true);
    expect(run('{q} = "say \\"hi\\""', { q: 'say "hi"' })).toBe(true);
    expect(run("{q} = 'a\\b'", { q: 'a\\b' })).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ["{q} = 'x", 'not closed'],
    ['{q} = "it\'s"', 'not closed'],
    ['{q', 'unclosed'],
    ['{} = 1', 'not a question name'],
    ['{1q} = 1', 'not a question name'],
    ['{ q } = 1', 'not a question name'],
    ['{panel.x} = 1', 'dotted names'],
    ['{q} = 1 or', 'a value is missing'],
    ['{q} = 1 {r}', 'an operator or the end is expected at 8 ({r})'],
    ['{q} = 1)', 'an operator or the end is expected at 7 ())'],
    ['{q} = - 1', 'arithmetic'],
    ['{q} * 2 > 1', 'arithmetic'],
    ['{q} = 1.', 'malformed number'],
    ['{q} = 1e3', 'malformed number'],
    ['{q} = 1234567890123456', 'too many digits'],
    ['{q} & {r}', '"&" is not supported'],
    ['{q}\u00a0= 1', 'U+00A0'],
    ['{q} anyof {r}', 'need a list'],
    ["{q} anyof ['a', {r}]", 'a list holds'],
    ["{q} anyof ['a',]", 'a list holds'],
    ["{q} anyof ['a'", 'not closed by ]'],
    ['({q}) empty', 'an operator or the end is expected at 6 (empty)'],
    ['negate {q}', 'write !'],
    ['({q} notequal 1)', '"notequal" is not supported (at 5): write !='],
    ['iif({q}, 1, 2)', 'functions'],
  ])('refuses %j (%s)', (src, message) => {
    expect(() => parseCondition(src)).toThrow(ConditionError);
    expect(() => parseCondition(src)).toThrow(message);
  });

  it('limits the source to 500 characters', () => {
    const atLimit = `{q} = '${'x'.repeat(492)}'`;
    expect(atLimit).toHaveLength(500);
    expect(run(atLimit, { q: 'x'.repeat(492) })).toBe(true);
    expect(() => parseCondition(`${atLimit} `)).toThrow('at most 500 characters');
  });

  it('limits nesting to 32 levels, so a hostile condition cannot exhaust the stack', () => {
    const nested = (n: number) => `${'('.repeat(n)}{q} = 1${')'.repeat(n)}`;
    expect(run(nested(32), { q: 1 })).toBe(true);
    expect(() => parseCondition(nested(33))).toThrow('deeper than 32');
    expect(run(`${'!'.repeat(32)}{q}`, { q: 1 })).toBe(true);
    expect(() => parseCondition(`${'!'.repeat(33)}{q}`)).toThrow('deeper than 32');
    expect(() => parseCondition('('.repeat(499))).toThrow(ConditionError);
  });

  it('evaluates the longest flat chains without deep recursion', () => {
    const chain = Array.from({ length: 100 }, () => '{q}').join('or');
    expect(chain.length).toBeLessThanOrEqual(500);
    expect(run(chain, { q: 1 })).toBe(true);
    expect(run(chain, {})).toBe(false);
  });

  it('throws nothing but ConditionError, on any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: fc.constantFrom(...'{}()[]\'"!=<>&|,-.0 aqx') }),
        ),
        (src) => {
          try {
            parseCondition(src);
          } catch (e) {
            expect(e).toBeInstanceOf(ConditionError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('referencedNames', () => {
  it('lists each name once, in order of appearance', () => {
    const c = parseCondition("{b} = 1 or !({a} contains {b}) and {c-d} anyof ['x'] or {a} empty");
    expect(referencedNames(c)).toEqual(['b', 'a', 'c-d']);
  });
  it('is empty for a condition on constants', () => {
    expect(referencedNames(parseCondition('1 = 1'))).toEqual([]);
  });
});
