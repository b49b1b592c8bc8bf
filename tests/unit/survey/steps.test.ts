import { describe, expect, it } from 'vitest';
import { nextQuestion, previousQuestion, stepAt } from '../../../utils/survey/steps';
import { welcome } from './fixtures';

const brief = (s: ReturnType<typeof stepAt>) => ({
  at: s.question.name,
  index: s.index,
  total: s.total,
  isFirst: s.isFirst,
  isLast: s.isLast,
  canSkip: s.canSkip,
});

describe('stepAt', () => {
  it('starts at the first question; the total follows the answers', () => {
    expect(brief(stepAt(welcome, {}, null))).toEqual({
      at: 'usage',
      index: 0,
      total: 2,
      isFirst: true,
      isLast: false,
      canSkip: false,
    });
    expect(brief(stepAt(welcome, { usage: 'often' }, 'features'))).toEqual({
      at: 'features',
      index: 1,
      total: 3,
      isFirst: false,
      isLast: false,
      canSkip: true,
    });
  });

  it('is last at nps until a low score reveals the remark question', () => {
    expect(stepAt(welcome, { usage: 'rarely', nps: 9 }, 'nps').isLast).toBe(true);
    const low = stepAt(welcome, { usage: 'rarely', nps: 3 }, 'nps');
    expect([low.isLast, low.total]).toEqual([false, 4]);
  });

  it('resumes at the first unanswered shown question when `at` is hidden or unknown', () => {
    // The member was at 'why' (usage rarely), then went back and chose 'often'.
    expect(stepAt(welcome, { usage: 'often' }, 'why').question.name).toBe('features');
    expect(stepAt(welcome, { usage: 'often', features: ['coupons'] }, 'nope').question.name).toBe(
      'nps',
    );
    expect(stepAt(welcome, { usage: 'often' }, 'constructor').question.name).toBe('features');
  });

  it('goes to the last shown question when all are answered', () => {
    const s = stepAt(welcome, { usage: 'rarely', why: 'x', nps: 9 }, null);
    expect([s.question.name, s.index, s.isLast]).toEqual(['nps', 2, true]);
  });
});

describe('nextQuestion / previousQuestion', () => {
  it('walk the shown questions', () => {
    const a = { usage: 'rarely', nps: 2 };
    expect(nextQuestion(welcome, a, 'usage')).toBe('why');
    expect(nextQuestion(welcome, a, 'why')).toBe('nps');
    expect(nextQuestion(welcome, a, 'nps')).toBe('remark');
    expect(nextQuestion(welcome, a, 'remark')).toBeNull();
    expect(previousQuestion(welcome, a, 'remark')).toBe('nps');
    expect(previousQuestion(welcome, a, 'nps')).toBe('why');
    expect(previousQuestion(welcome, a, 'usage')).toBeNull();
  });

  it('step over questions hidden by the current answers, even from a hidden one', () => {
    const a = { usage: 'often' };
    expect(nextQuestion(welcome, a, 'usage')).toBe('features');
    expect(nextQuestion(welcome, a, 'why')).toBe('features');
    expect(previousQuestion(welcome, a, 'why')).toBe('usage');
    expect(previousQuestion(welcome, a, 'nps')).toBe('features');
  });

  it('have no neighbour for an unknown name', () => {
    expect(nextQuestion(welcome, {}, 'toString')).toBeNull();
    expect(previousQuestion(welcome, {}, 'toString')).toBeNull();
  });
});
