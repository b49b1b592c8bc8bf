import { describe, expect, it } from 'vitest';
import type { Question } from '../../../utils/contract/survey';
import { localized } from '../../../utils/survey/localize';
import {
  allQuestions,
  choiceValue,
  pruneHidden,
  ratingScale,
  visibleQuestions,
} from '../../../utils/survey/questions';
import { maxQuestionCount, shownCount } from '../../../utils/survey/summary';
import { survey, welcome } from './fixtures';

const names = (qs: Question[]) => qs.map((q) => q.name);

describe('visibleQuestions', () => {
  it('shows questions whose condition holds on earlier answers, in page order', () => {
    expect(names(allQuestions(welcome))).toEqual(['usage', 'why', 'features', 'nps', 'remark']);
    expect(names(visibleQuestions(welcome, {}))).toEqual(['usage', 'nps']);
    expect(names(visibleQuestions(welcome, { usage: 'rarely' }))).toEqual(['usage', 'why', 'nps']);
    expect(names(visibleQuestions(welcome, { usage: 'often', nps: 3 }))).toEqual([
      'usage',
      'features',
      'nps',
      'remark',
    ]);
  });

  it('ignores answers to hidden questions for later conditions (cascade)', () => {
    const d = survey(
      { type: 'radiogroup', name: 'a', choices: ['yes', 'no'] },
      { type: 'radiogroup', name: 'b', choices: ['yes', 'no'], visibleIf: "{a} = 'yes'" },
      { type: 'text', name: 'c', visibleIf: "{b} = 'yes'" },
    );
    expect(names(visibleQuestions(d, { a: 'yes', b: 'yes' }))).toEqual(['a', 'b', 'c']);
    // a changed to 'no': b is hidden, so its stale 'yes' must not show c.
    expect(names(visibleQuestions(d, { a: 'no', b: 'yes' }))).toEqual(['a']);
    expect(pruneHidden(d, { a: 'no', b: 'yes', c: 'text' })).toEqual({ a: 'no' });
  });

  it('handles questions named like Object.prototype members', () => {
    const d = survey(
      { type: 'radiogroup', name: 'constructor', choices: ['yes', 'no'] },
      { type: 'text', name: 'toString', visibleIf: '{constructor} empty' },
      { type: 'text', name: 'valueOf', visibleIf: "{constructor} = 'yes'" },
    );
    expect(names(visibleQuestions(d, {}))).toEqual(['constructor', 'toString']);
    expect(names(visibleQuestions(d, { constructor: 'yes' }))).toEqual(['constructor', 'valueOf']);
    expect(pruneHidden(d, { constructor: 'yes', toString: 'x', valueOf: 'y' })).toEqual({
      constructor: 'yes',
      valueOf: 'y',
    });
  });

  it('hides a question whose condition cannot be read (a definition the contract never let through)', () => {
    const bad = {
      title: 'T',
      pages: [
        {
          elements: [
            { type: 'text', name: 'a' },
            { type: 'text', name: 'b', visibleIf: 'age({a})' },
          ],
        },
      ],
    } as unknown as Parameters<typeof visibleQuestions>[0];
    expect(names(visibleQuestions(bad, { a: 'x' }))).toEqual(['a']);
  });
});

describe('pruneHidden', () => {
  it('keeps the answers of shown questions and drops hidden and unknown ones', () => {
    expect(
      pruneHidden(welcome, { usage: 'often', why: 'stale', features: ['coupons'], nps: 9, x: 'y' }),
    ).toEqual({
      usage: 'often',
      features: ['coupons'],
      nps: 9,
    });
  });
});

describe('ratingScale and choiceValue', () => {
  it('reads the two scales', () => {
    expect(ratingScale({ type: 'rating', name: 'r' })).toEqual({ min: 1, max: 5, kind: 'rating' });
    expect(ratingScale({ type: 'rating', name: 'r', rateMin: 0, rateMax: 10 })).toEqual({
      min: 0,
      max: 10,
      kind: 'nps',
    });
  });
  it('reads bare and object choices', () => {
    expect(choiceValue('x')).toBe('x');
    expect(choiceValue({ value: 'y' })).toBe('y');
  });
});

describe('question counts for the card', () => {
  it('counts every question, and those shown for the answers so far', () => {
    expect(maxQuestionCount(welcome)).toBe(5);
    expect(shownCount(welcome, {})).toBe(2);
    expect(shownCount(welcome, { usage: 'often', nps: 2 })).toBe(4);
    expect(shownCount(welcome, { usage: 'rarely', nps: 10 })).toBe(3);
  });
});

describe('localized', () => {
  const text = { default: 'Welcome', de: 'Willkommen' };
  it.each([
    ['de', 'Willkommen'],
    ['de-AT', 'Willkommen'],
    ['DE_ch', 'Willkommen'],
    ['en-US', 'Welcome'],
    ['fr', 'Welcome'],
    ['', 'Welcome'],
    ['constructor', 'Welcome'],
    ['default', 'Welcome'],
  ])('%j → %s', (lang, expected) => {
    expect(localized(text, lang)).toBe(expected);
  });
  it('passes a plain string through and has no text for none', () => {
    expect(localized('Hello', 'de')).toBe('Hello');
    expect(localized(undefined, 'de')).toBe('');
  });
});
