import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnswerValue, type Question, SurveyAnswers } from '../../../utils/contract/survey';
import { pruneHidden, visibleQuestions } from '../../../utils/survey/questions';
import { type AnswerProblem, checkAnswer, checkAnswers } from '../../../utils/survey/validate';
import { survey, welcome } from './fixtures';

const fail = (question: string | null, problem: AnswerProblem) => ({
  ok: false,
  question,
  problem,
});

describe('checkAnswers', () => {
  it('accepts complete answers, with optional questions skipped', () => {
    expect(checkAnswers(welcome, { usage: 'rarely', nps: 9 })).toEqual({ ok: true });
    expect(
      checkAnswers(welcome, {
        usage: 'often',
        features: ['coupons', 'surveys'],
        nps: 0,
        remark: 'meh',
      }),
    ).toEqual({
      ok: true,
    });
  });

  it.each<[string, Record<string, AnswerValue>, ReturnType<typeof fail>]>([
    [
      'an unknown question',
      { usage: 'often', nps: 9, color: 'red' },
      fail('color', 'unknown-question'),
    ],
    [
      'a prototype name as an unknown key',
      { usage: 'often', nps: 9, constructor: 'x' },
      fail('constructor', 'unknown-question'),
    ],
    ['a required question skipped', { usage: 'often' }, fail('nps', 'required')],
    ['nothing at all', {}, fail('usage', 'required')],
    [
      'an answer to a hidden question',
      { usage: 'often', why: 'because', nps: 9 },
      fail('why', 'hidden-question'),
    ],
    [
      'a hidden answer even when empty',
      { usage: 'often', why: '', nps: 9 },
      fail('why', 'hidden-question'),
    ],
    [
      'a cascade: remark hidden once nps is 9',
      { usage: 'often', nps: 9, remark: 'x' },
      fail('remark', 'hidden-question'),
    ],
    ['an unknown option', { usage: 'daily', nps: 9 }, fail('usage', 'unknown-option')],
    ['a choice in the wrong case', { usage: 'Often', nps: 9 }, fail('usage', 'unknown-option')],
    ['an empty choice', { usage: '', nps: 9 }, fail('usage', 'empty')],
    ['a number for a choice', { usage: 1, nps: 9 }, fail('usage', 'wrong-type')],
    ['an array for a choice', { usage: ['often'], nps: 9 }, fail('usage', 'wrong-type')],
    ['no box ticked', { usage: 'often', features: [], nps: 9 }, fail('features', 'empty')],
    [
      'an unknown box',
      { usage: 'often', features: ['coupons', 'nope'], nps: 9 },
      fail('features', 'unknown-option'),
    ],
    [
      'a box twice',
      { usage: 'often', features: ['coupons', 'coupons'], nps: 9 },
      fail('features', 'duplicate-option'),
    ],
    [
      'too many boxes',
      { usage: 'often', features: ['coupons', 'rewards', 'surveys'], nps: 9 },
      fail('features', 'too-many-choices'),
    ],
    [
      'text for boxes',
      { usage: 'often', features: 'coupons', nps: 9 },
      fail('features', 'wrong-type'),
    ],
    ['a rating above the scale', { usage: 'often', nps: 11 }, fail('nps', 'out-of-range')],
    ['a rating below the scale', { usage: 'often', nps: -1 }, fail('nps', 'out-of-range')],
    ['a rating as text', { usage: 'often', nps: '9' }, fail('nps', 'wrong-type')],
    ['a blank comment', { usage: 'rarely', why: ' \n\t', nps: 9 }, fail('why', 'empty')],
    [
      'a comment too long',
      { usage: 'rarely', why: 'x'.repeat(101), nps: 9 },
      fail('why', 'too-long'),
    ],
    ['a number as text', { usage: 'rarely', why: 5, nps: 9 }, fail('why', 'wrong-type')],
  ])('refuses %s', (_, answers, expected) => {
    expect(checkAnswers(welcome, answers)).toEqual(expected);
  });

  it('reports the first problem in question order', () => {
    expect(checkAnswers(welcome, { nps: 99, usage: 'daily' })).toEqual(
      fail('usage', 'unknown-option'),
    );
  });

  it('treats questions named constructor or toString as questions', () => {
    const d = survey(
      { type: 'radiogroup', name: 'constructor', choices: ['a', 'b'], isRequired: true },
      { type: 'text', name: 'toString', isRequired: true },
    );
    expect(checkAnswers(d, {})).toEqual(fail('constructor', 'required'));
    expect(checkAnswers(d, { constructor: 'a' })).toEqual(fail('toString', 'required'));
    expect(checkAnswers(d, { constructor: 'a', toString: 'x' })).toEqual({ ok: true });
  });

  it('never throws, on any answers the contract lets through', () => {
    // Mostly fitting values, so both the accepting and the refusing paths run.
    const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
      fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });
    const text = mostly(
      fc.constantFrom('ok', 'fine'),
      fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom('', ' ')),
    );
    const boxes = ['coupons', 'rewards', 'surveys', 'partners'];
    const near = fc.record(
      {
        usage: mostly(
          fc.constantFrom('often', 'rarely', 'sometimes'),
          fc.oneof(fc.constantFrom('daily', ''), fc.integer()),
        ),
        why: text,
        features: mostly(
          fc.subarray(boxes, { minLength: 1, maxLength: 2 }),
          fc.array(fc.constantFrom(...boxes, 'x'), { maxLength: 4 }),
        ),
        nps: mostly(
          fc.integer({ min: 0, max: 10 }),
          fc.oneof(fc.integer({ min: -2, max: 12 }), text),
        ),
        remark: text,
      },
      { requiredKeys: [] },
    );
    const extra = fc.dictionary(
      fc.oneof(
        fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf'),
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/),
      ),
      fc.oneof(text, fc.integer({ min: -1000, max: 1000 }), fc.array(text, { maxLength: 3 })),
      { maxKeys: 2 },
    );
    const raw = fc.oneof(
      { weight: 3, arbitrary: near },
      { weight: 1, arbitrary: fc.tuple(near, extra).map(([a, b]) => ({ ...b, ...a })) },
    );
    let accepted = 0;
    fc.assert(
      fc.property(raw, (given) => {
        const parsed = SurveyAnswers.safeParse(given);
        fc.pre(parsed.success);
        const answers = parsed.data!;
        const r = checkAnswers(welcome, answers);
        // What the popup submits (pruned) never has a hidden or unknown answer.
        const pruned = checkAnswers(welcome, pruneHidden(welcome, answers));
        if (!pruned.ok)
          expect(['hidden-question', 'unknown-question']).not.toContain(pruned.problem);
        if (r.ok) {
          accepted++;
          // Accepted answers are exactly those the popup would submit.
          expect(pruneHidden(welcome, answers)).toEqual(answers);
          for (const q of visibleQuestions(welcome, answers))
            expect(checkAnswer(q, answers[q.name])).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('checkAnswer (the popup enables Next with it)', () => {
  const box = (extra: Partial<Extract<Question, { type: 'checkbox' }>> = {}): Question => ({
    type: 'checkbox',
    name: 'box',
    choices: ['a', 'b', { value: 'c' }, 'd'],
    ...extra,
  });
  it('for checkboxes: at least max(1, min), at most max, distinct choices', () => {
    expect(checkAnswer(box(), ['a'])).toBeNull();
    expect(checkAnswer(box(), ['c', 'a', 'b', 'd'])).toBeNull();
    expect(checkAnswer(box({ minSelectedChoices: 2 }), ['a'])).toBe('too-few-choices');
    expect(checkAnswer(box({ minSelectedChoices: 2 }), ['a', 'b'])).toBeNull();
    expect(checkAnswer(box({ minSelectedChoices: 0 }), [])).toBe('empty');
    expect(checkAnswer(box({ maxSelectedChoices: 1 }), ['a', 'b'])).toBe('too-many-choices');
  });

  it('for a skipped question: fine unless required', () => {
    expect(checkAnswer(box(), undefined)).toBeNull();
    expect(checkAnswer(box({ isRequired: true }), undefined)).toBe('required');
    expect(checkAnswer(box({ isRequired: true }), [])).toBe('empty');
  });

  it('for ratings: integers on the 1–5 scale by default', () => {
    const r: Question = { type: 'rating', name: 'r' };
    expect([0, 1, 5, 6].map((v) => checkAnswer(r, v))).toEqual([
      'out-of-range',
      null,
      null,
      'out-of-range',
    ]);
    expect(checkAnswer(r, 2.5)).toBe('wrong-type');
  });

  it('counts text length in UTF-16 code units, as <input maxlength> does', () => {
    const t: Question = { type: 'text', name: 't', maxLength: 4 };
    expect(checkAnswer(t, '😀😀')).toBeNull(); // 4 units
    expect(checkAnswer(t, '😀😀a')).toBe('too-long');
    expect(checkAnswer(t, '  ab  ')).toBe('too-long'); // spaces count: the input holds them
    expect(checkAnswer({ type: 'comment', name: 'c' }, 'x'.repeat(1000))).toBeNull();
    expect(checkAnswer({ type: 'comment', name: 'c' }, 'x'.repeat(1001))).toBe('too-long');
  });

  it('refuses text the server could not store (a pasted lone surrogate or U+0000)', () => {
    const t: Question = { type: 'text', name: 't' };
    expect(checkAnswer(t, 'a\uD83Db')).toBe('wrong-type');
    expect(checkAnswer(t, 'a\u0000b')).toBe('wrong-type');
    expect(checkAnswer(t, 'a😀b')).toBeNull();
  });
});
