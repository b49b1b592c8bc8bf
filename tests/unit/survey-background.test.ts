import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { refreshProgram } from '../../entrypoints/background/program-refresh';
import { saveSurveyDraft, submitSurvey } from '../../entrypoints/background/survey-ops';
import { syncSoon } from '../../entrypoints/background/sync';
import { saveAccount } from '../../utils/account/storage';
import {
  answeredSurveyIds,
  LedgerDb,
  ledgerDb,
  readBalance,
  readProgram,
  recordSurveyOp,
  surveyDraft,
} from '../../utils/ledger';
import { closed, storeSurveys, surveyList, welcome } from './survey-fixtures';

vi.mock('../../entrypoints/background/sync', () => ({ syncSoon: vi.fn() }));

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
let name: string;
let db: LedgerDb;
/** The popup, as the browser names it in the sender. */
const popup = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') });
const signIn = () =>
  saveAccount({
    token: 'tok',
    member: {
      id: crypto.randomUUID(),
      email: 'erika@example.de',
      memberNumber: '1234567890123456',
    },
    needsSignIn: false,
  });

beforeEach(async () => {
  name = `survey-bg-${crypto.randomUUID()}`;
  db = new LedgerDb(name);
  await db.open();
  await storeSurveys(db, welcome, closed);
  await signIn();
  vi.mocked(syncSoon).mockClear();
});

type Sender = { id?: string; url?: string };
const submit = (data: unknown, sender: Sender = popup()) => submitSurvey(data, sender, db, NOW);
const save = (data: unknown, sender: Sender = popup()) => saveSurveyDraft(data, sender, db, NOW);

/** The answers of every op in the outbox. */
const sentAnswers = async () =>
  (await db.outbox.toArray()).map((r) => (r.op.type === 'survey-answer' ? r.op.answers : null));

async function expectNothingWritten() {
  expect(await db.entries.count()).toBe(0);
  expect(await db.outbox.count()).toBe(0);
  expect(await db.surveyDrafts.count()).toBe(0);
  expect(syncSoon).not.toHaveBeenCalled();
}

describe('submitSurvey', () => {
  it('one pending entry worth the reward and its op, the draft deleted, the balances untouched', async () => {
    await save({ surveyId: 'welcome', answers: { usage: 'often' }, at: 'rating' });
    const reply = await submit({ surveyId: 'welcome', answers: { usage: 'often', rating: 4 } });
    expect(reply).toMatchObject({ ok: true });
    const id = (reply as { opId: string }).opId;
    expect(await db.entries.toArray()).toEqual([
      expect.objectContaining({
        id,
        kind: 'survey',
        surveyId: 'welcome',
        points: 50,
        status: 'pending',
        reason: 'survey-sending',
        partnerId: null,
        createdAt: NOW,
      }),
    ]);
    expect((await db.outbox.toArray()).map((r) => r.op)).toEqual([
      {
        id,
        type: 'survey-answer',
        createdAt: new Date(NOW).toISOString(),
        surveyId: 'welcome',
        answers: { usage: 'often', rating: 4 },
      },
    ]);
    expect(await surveyDraft(db, 'welcome')).toBeUndefined();
    // The reward counts only once the server credits it.
    expect(await readBalance(db)).toMatchObject({ available: 0, pending: 0 });
    expect(await answeredSurveyIds(db)).toEqual(new Set(['welcome']));
    expect(syncSoon).toHaveBeenCalledTimes(1);
  });

  it('a double click or a second submit makes no second op: the first one is the answer', async () => {
    const data = { surveyId: 'welcome', answers: { usage: 'often' } };
    const [a, b] = await Promise.all([submit(data), submit(data)]);
    const c = await submit({ surveyId: 'welcome', answers: { usage: 'rarely', why: 'x' } });
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.entries.count()).toBe(1);
    expect(await sentAnswers()).toEqual([{ usage: 'often' }]);
  });

  it('once the server refused it, the survey may be answered again (a new op)', async () => {
    const first = await submit({ surveyId: 'welcome', answers: { usage: 'often' } });
    const id = (first as { opId: string }).opId;
    await db.outbox.delete(id);
    await db.entries.update(id, { status: 'rejected', points: 0, code: 'invalid-answer' });
    expect(await answeredSurveyIds(db)).toEqual(new Set());
    const again = await submit({ surveyId: 'welcome', answers: { usage: 'often' } });
    expect(again).toMatchObject({ ok: true });
    expect((again as { opId: string }).opId).not.toBe(id);
    expect(await db.outbox.count()).toBe(1);
  });

  it('an answer to a question its condition hides, or to none of its questions, is not sent', async () => {
    const reply = await submit({
      surveyId: 'welcome',
      answers: { usage: 'often', why: 'hidden for "often"', planted: 'no such question' },
    });
    expect(reply).toMatchObject({ ok: true });
    expect(await sentAnswers()).toEqual([{ usage: 'often' }]);
  });

  it('answers that do not fit their questions: a clear error, nothing written', async () => {
    for (const answers of [
      { usage: 'sometimes' }, // not an option
      { usage: ['often', 'rarely'] }, // several choices for a single-choice question
      { usage: 'often', rating: 6 }, // out of the 1–5 scale
      { rating: 3 }, // the required question missing
      { usage: 'rarely', why: 'x'.repeat(101) }, // longer than its maxLength
    ]) {
      expect(await submit({ surveyId: 'welcome', answers }), JSON.stringify(answers)).toEqual({
        ok: false,
        error: 'errorSurveyAnswers',
      });
    }
    await expectNothingWritten();
  });

  it('a survey not listed for this member, or closed: errorSurveyGone, nothing written', async () => {
    for (const surveyId of ['no-such-survey', 'demo-shop-after']) {
      expect(await submit({ surveyId, answers: { usage: 'often' } })).toEqual({
        ok: false,
        error: 'errorSurveyGone',
      });
    }
    await db.program.delete('surveys'); // never fetched (or signed out and in again)
    expect(await submit({ surveyId: 'welcome', answers: { usage: 'often' } })).toMatchObject({
      error: 'errorSurveyGone',
    });
    await expectNothingWritten();
  });

  it('signed out: a clear error, nothing written', async () => {
    await saveAccount({ token: undefined, member: undefined });
    const data = { surveyId: 'welcome', answers: { usage: 'often' } };
    expect(await submit(data)).toEqual({ ok: false, error: 'errorSignInForSurvey' });
    await saveAccount({ token: 'tok', needsSignIn: true });
    expect(await submit(data)).toEqual({ ok: false, error: 'errorSignInForSurvey' });
    expect(await save({ ...data, at: null })).toEqual({ ok: false, error: 'errorSignInForSurvey' });
    await expectNothingWritten();
  });
});

describe('hostile messages to both handlers', () => {
  const good = { surveyId: 'welcome', answers: { usage: 'often' } };

  it('from anything but our own pages: errorNotAllowed, nothing written', async () => {
    const senders = [
      { id: browser.runtime.id, url: 'https://demo-shop.example/checkout' }, // a content script
      { id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' },
      { url: browser.runtime.getURL('/popup.html') }, // no id
      {},
    ];
    for (const sender of senders) {
      expect(await submit(good, sender)).toEqual({ ok: false, error: 'errorNotAllowed' });
      expect(await save({ ...good, at: null }, sender)).toEqual({
        ok: false,
        error: 'errorNotAllowed',
      });
    }
    await expectNothingWritten();
  });

  it('malformed payloads: errorGeneric, nothing written', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const bad: unknown[] = [
      undefined,
      null,
      'welcome',
      42,
      [good],
      { ...good, extra: 1 },
      { surveyId: 'welcome' },
      { surveyId: 'welcome', answers: null },
      { surveyId: 'Welcome!', answers: {} },
      { surveyId: huge, answers: {} },
      { surveyId: 'welcome', answers: { usage: 'often\u0000' } },
      { surveyId: 'welcome', answers: { usage: 'often\ud800' } },
      { surveyId: 'welcome', answers: { usage: huge } },
      { surveyId: 'welcome', answers: { 'bad name': 'often' } },
      { surveyId: 'welcome', answers: { usage: { toString: 'often' } } },
      { surveyId: 'welcome', answers: { rating: 1e308 } },
      { surveyId: 'welcome', answers: { rating: 2.5 } },
      {
        surveyId: 'welcome',
        answers: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`q${i}`, 'a'])),
      },
    ];
    for (const data of bad) {
      expect(await submit(data), String(data)).toEqual({ ok: false, error: 'errorGeneric' });
      const draft = data && typeof data === 'object' ? { ...data, at: null } : data;
      expect(await save(draft), String(data)).toEqual({ ok: false, error: 'errorGeneric' });
    }
    // The draft's `at` must be a question name or null.
    for (const at of [undefined, 7, 'no such!', '\u0000', 'x'.repeat(65)]) {
      expect(await save({ ...good, at })).toEqual({ ok: false, error: 'errorGeneric' });
    }
    await expectNothingWritten();
  });
});

describe('saveSurveyDraft', () => {
  it('keeps the answers so far and the question shown; a new database instance (worker restart) resumes them', async () => {
    expect(
      await save({ surveyId: 'welcome', answers: { usage: 'rarely', why: 'Too busy' }, at: 'why' }),
    ).toEqual({ ok: true });
    db.close();
    const restarted = new LedgerDb(name);
    expect(await surveyDraft(restarted, 'welcome')).toEqual({
      surveyId: 'welcome',
      answers: { usage: 'rarely', why: 'Too busy' },
      at: 'why',
      updatedAt: NOW,
    });
    // A later step replaces the draft.
    expect(
      await saveSurveyDraft(
        { surveyId: 'welcome', answers: { usage: 'often' }, at: 'rating' },
        popup(),
        restarted,
        NOW + 1,
      ),
    ).toEqual({ ok: true });
    expect(await restarted.surveyDrafts.toArray()).toEqual([
      { surveyId: 'welcome', answers: { usage: 'often' }, at: 'rating', updatedAt: NOW + 1 },
    ]);
    restarted.close();
  });

  it('drops answers to questions the survey does not have; an unknown step starts over', async () => {
    expect(
      await save({ surveyId: 'welcome', answers: { usage: 'often', planted: 'x' }, at: 'planted' }),
    ).toEqual({ ok: true });
    const draft = await surveyDraft(db, 'welcome');
    expect({ answers: draft?.answers, at: draft?.at }).toEqual({
      answers: { usage: 'often' },
      at: null,
    });
  });

  it('a draft is work in progress: answers that will not pass yet are kept', async () => {
    expect(await save({ surveyId: 'welcome', answers: { rating: 9 }, at: 'rating' })).toEqual({
      ok: true,
    });
    expect((await surveyDraft(db, 'welcome'))?.answers).toEqual({ rating: 9 });
  });

  it('not for a survey that is not listed, closed, or already sent from here', async () => {
    expect(await save({ surveyId: 'nope', answers: {}, at: null })).toEqual({
      ok: false,
      error: 'errorSurveyGone',
    });
    expect(await save({ surveyId: 'demo-shop-after', answers: {}, at: null })).toEqual({
      ok: false,
      error: 'errorSurveyGone',
    });
    await recordSurveyOp(db, { surveyId: 'welcome', answers: {}, points: 50, partnerId: null });
    // A save that arrives after the submit must not bring the draft back.
    expect(await save({ surveyId: 'welcome', answers: { usage: 'often' }, at: null })).toEqual({
      ok: false,
      error: 'errorSurveyAnswered',
    });
    expect(await db.surveyDrafts.count()).toBe(0);
  });
});

describe('refreshProgram: the surveys part', () => {
  it('fetches GET /v1/surveys with the token; a list that does not parse keeps the stored one', async () => {
    const shared = ledgerDb();
    await shared.program.clear();
    const list = surveyList(welcome);
    let body: unknown = list;
    const f = vi.fn(async (url: URL, init?: RequestInit) => {
      const path = new URL(url).pathname;
      if (path !== '/v1/surveys') return new Response(null, { status: 304 });
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok');
      return new Response(JSON.stringify(body), { status: 200, headers: { etag: '"s1"' } });
    });
    vi.stubGlobal('fetch', f);
    try {
      await refreshProgram({ force: true });
      expect((await readProgram(shared)).surveys).toEqual(list);
      // An HTML question (not in the supported subset) makes the whole answer unreadable.
      const bad = structuredClone(list) as unknown as { surveys: { definition: unknown }[] };
      bad.surveys[0]!.definition = {
        title: 'x',
        pages: [{ elements: [{ type: 'html', name: 'h' }] }],
      };
      body = bad;
      await refreshProgram({ force: true });
      expect((await readProgram(shared)).surveys).toEqual(list);
    } finally {
      vi.unstubAllGlobals();
      await shared.program.clear();
    }
  });
});
