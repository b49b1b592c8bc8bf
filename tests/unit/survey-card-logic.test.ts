import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DraftState, draftSaver } from '../../components/survey/draft-saver';
import { surveyToShow } from '../../components/survey/pick-survey';
import type { MemberSurvey, SurveyList } from '../../utils/contract';
import type { PageReply } from '../../utils/messaging';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const survey = (id: string, validUntil = '2026-12-31T00:00:00.000Z'): MemberSurvey => ({
  id,
  definition: { title: id, pages: [{ elements: [{ type: 'text', name: 'q1' }] }] },
  rewardPoints: 50,
  validUntil,
  reason: 'welcome',
  partnerId: null,
});
const list = (...surveys: MemberSurvey[]): SurveyList => ({
  surveys,
  stats: { completed: 0, streakWeeks: 0, bestStreakWeeks: 0, badges: [] },
});

describe('the one survey the card offers', () => {
  it('is the best listed one not answered here and still open', () => {
    const l = list(survey('a'), survey('b', '2026-11-30T00:00:00.000Z'), survey('c'), survey('d'));
    expect(surveyToShow(l, new Set(), NOW)?.id).toBe('a');
    // Answered here (sent, not yet fetched again) or expired since the list came: the next one.
    expect(surveyToShow(l, new Set(['a']), NOW)?.id).toBe('c');
    expect(surveyToShow(l, new Set(['a', 'c', 'd']), NOW)).toBeUndefined();
    expect(surveyToShow(undefined, new Set(), NOW)).toBeUndefined();
  });

  it('stays the one being answered when a better one arrives meanwhile', () => {
    const l = list(survey('new'), survey('started'));
    expect(surveyToShow(l, new Set(), NOW, 'started')?.id).toBe('started');
    // Unless it was answered or is no longer listed.
    expect(surveyToShow(l, new Set(['started']), NOW, 'started')?.id).toBe('new');
    expect(surveyToShow(list(survey('new')), new Set(), NOW, 'started')?.id).toBe('new');
  });
});

describe('saving a survey draft', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const state = (at: string, text?: string): DraftState => ({
    at,
    answers: text === undefined ? {} : { q1: text },
  });
  /** A background whose replies the test releases one by one. */
  function background() {
    const sent: DraftState[] = [];
    const release: ((r: PageReply) => void)[] = [];
    const send = (s: DraftState) => {
      sent.push(s);
      return new Promise<PageReply>((resolve) => release.push(resolve));
    };
    const answer = async (reply: PageReply = { ok: true }) => {
      release.shift()?.(reply);
      await vi.advanceTimersByTimeAsync(0);
    };
    return { sent, send, answer };
  }

  it('sends a choice at once and a typed text after a pause, only its last state', async () => {
    const bg = background();
    const saver = draftSaver(bg.send, () => {});
    saver.save(state('q1'));
    expect(bg.sent).toEqual([state('q1')]);
    await bg.answer();
    saver.save(state('q1', 'h'), true);
    saver.save(state('q1', 'he'), true);
    await vi.advanceTimersByTimeAsync(299);
    saver.save(state('q1', 'hey'), true);
    await vi.advanceTimersByTimeAsync(299);
    expect(bg.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(bg.sent).toEqual([state('q1'), state('q1', 'hey')]);
  });

  it('sends one save at a time and the latest state last', async () => {
    const bg = background();
    const saver = draftSaver(bg.send, () => {});
    saver.save(state('q1', 'a'));
    saver.save(state('q2', 'a'));
    saver.save(state('q3', 'a'));
    expect(bg.sent).toEqual([state('q1', 'a')]);
    await bg.answer();
    // The state replaced while the first was on its way is never sent.
    expect(bg.sent).toEqual([state('q1', 'a'), state('q3', 'a')]);
    await bg.answer();
    expect(bg.sent).toHaveLength(2);
  });

  it('a step sends the typing at once (flush), and after stop nothing more goes', async () => {
    const bg = background();
    const replies: PageReply[] = [];
    const saver = draftSaver(bg.send, (r) => replies.push(r));
    saver.save(state('q1', 'typed'), true);
    saver.flush();
    expect(bg.sent).toEqual([state('q1', 'typed')]);
    saver.save(state('q2', 'typed'));
    saver.stop();
    await bg.answer();
    await vi.advanceTimersByTimeAsync(1000);
    saver.save(state('q3', 'typed'));
    expect(bg.sent).toEqual([state('q1', 'typed')]);
    // A reply arriving after the survey was submitted is not shown.
    expect(replies).toEqual([]);
  });

  it('a background that does not answer is an error, and the next save still goes', async () => {
    const sent: DraftState[] = [];
    const replies: PageReply[] = [];
    let fail = true;
    const saver = draftSaver(
      async (s) => {
        sent.push(s);
        if (fail) throw new Error('Could not establish connection');
        return { ok: true };
      },
      (r) => replies.push(r),
    );
    saver.save(state('q1', 'a'));
    await vi.advanceTimersByTimeAsync(0);
    fail = false;
    saver.save(state('q1', 'b'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([state('q1', 'a'), state('q1', 'b')]);
    expect(replies).toEqual([{ ok: false, error: 'errorGeneric' }, { ok: true }]);
  });
});
