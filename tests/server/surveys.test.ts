import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { seedDemo } from '../../server/db/seed';
import { inTx } from '../../server/db/tx';
import { awardBadges, badgeEntryId } from '../../server/services/badges';
import { ledgerDiscrepancies, lotDiscrepancies } from '../../server/services/ledger';
import { upsertSurvey } from '../../server/services/survey-store';
import {
  type Ack,
  MeResponse,
  Program,
  type ServerEntry,
  SurveyConfig,
  SurveyList,
} from '../../utils/contract';
import { allQuestions, visibleQuestions } from '../../utils/survey/questions';
import {
  buyerProof,
  claimOp,
  createTestContext,
  DEMO_SECRET,
  surveyOp,
  type TestContext,
} from './helpers';

/**
 * Issue 12, the member's side: GET /v1/surveys and the survey-answer op.
 * Conditions, targeting, validity, one reward per member and survey under
 * concurrent and repeated submissions, every refusal (with nothing else
 * changed), streaks and badges from real submissions.
 */
let ctx: TestContext;
type Member = Awaited<ReturnType<TestContext['signIn']>>;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A one-question survey for a test, targeting overridden by `over`. */
const simple = (over: Partial<z.input<typeof SurveyConfig>> = {}) =>
  SurveyConfig.parse({
    definition: {
      title: 'Test',
      pages: [
        {
          elements: [{ type: 'radiogroup', name: 'a', isRequired: true, choices: ['yes', 'no'] }],
        },
      ],
    },
    rewardPoints: 10,
    validFrom: iso(-DAY),
    validUntil: iso(30 * DAY),
    ...over,
  });

beforeAll(async () => {
  ctx = await createTestContext();
  const surveys: [string, SurveyConfig][] = [
    ['t-gold', simple({ tiers: ['gold'], rewardPoints: 30 })],
    ['t-future', simple({ validFrom: iso(DAY), validUntil: iso(10 * DAY) })],
    ['t-past', simple({ validFrom: iso(-10 * DAY), validUntil: iso(-DAY) })],
    ['t-buyers', simple({ boughtAt: ['demo-shop'] })],
    ['t-prio', simple({ priority: 5 })],
    ['t-soon', simple({ validUntil: iso(2 * DAY) })],
    ...[1, 2, 3, 4].map((n): [string, SurveyConfig] => [`t-five-${n}`, simple()]),
  ];
  for (const [id, config] of surveys) await upsertSurvey(ctx.db, id, config);
});
afterAll(() => ctx.close());

/** Valid answers to the seeded welcome survey: q3 shown (weekly) or hidden (rarely). */
const WEEKLY = { q1: 'weekly', q2: ['books', 'travel'], q3: 4, q4: 'More shops, please' };
const RARELY = { q1: 'rarely', q2: ['books'] };

const balance = async (m: Member) =>
  MeResponse.parse(await (await ctx.app.request('/v1/me', { headers: m.auth })).json()).balance;
const listing = async (m: Member, etag?: string) =>
  ctx.app.request('/v1/surveys', {
    headers: { ...m.auth, ...(etag ? { 'if-none-match': etag } : {}) },
  });
const surveys = async (m: Member) => SurveyList.parse(await (await listing(m)).json());
const listed = async (m: Member) => (await surveys(m)).surveys.map((s) => s.id);
const everything = async (m: Member): Promise<ServerEntry[]> =>
  (await ctx.sync(m.token, { cursor: 0, ops: [] })).body.changes;
const responses = async (memberId: string) =>
  Number(
    (
      await sql<{ n: number | string }>`
        SELECT count(*) AS n FROM survey_responses WHERE member_id = ${memberId}`.execute(ctx.db)
    ).rows[0]!.n,
  );
/** One op, one ack. */
async function answer(m: Member, surveyId: string, answers: unknown, id?: string): Promise<Ack> {
  const res = await ctx.sync(m.token, { ops: [surveyOp(surveyId, answers, id)] });
  expect(res.status).toBe(200);
  return res.body.acks[0]!;
}
const refusal = (code: string, reason?: string) => ({
  status: 'rejected',
  code,
  ...(reason === undefined ? {} : { reason }),
});

/** A demo-shop purchase the partner confirmed; returns the confirm entry's id. */
async function buyAtDemoShop(m: Member): Promise<string> {
  const claim = claimOp();
  expect((await ctx.sync(m.token, { ops: [claim] })).body.acks[0]!.status).toBe('accepted');
  const res = await ctx.webhook('demo-shop', {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef: claim.claim.orderRef,
    buyer: buyerProof(m.member.email),
  });
  expect(res.status).toBe(200);
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM entries WHERE claim_id = ${claim.id} AND kind = 'confirm'`.execute(ctx.db);
  return rows[0]!.id;
}
/** Moves a confirmation `days` into the past: the honest way to let an after-purchase window pass. */
const confirmedDaysAgo = (entryId: string, days: number) =>
  sql`UPDATE entries SET at = now() - make_interval(days => ${days}) WHERE id = ${entryId}`.execute(
    ctx.db,
  );

describe('the welcome survey and its condition', () => {
  it('is seeded with 4 questions, the third shown only when q1 is not "rarely"; seeding again changes nothing', async () => {
    const m = await ctx.signIn();
    const before = await surveys(m);
    const welcome = before.surveys.find((s) => s.id === 'welcome')!;
    expect(welcome).toMatchObject({ rewardPoints: 50, reason: 'welcome', partnerId: null });
    expect(welcome.definition.title).toEqual({
      default: 'Welcome to Pointpilot',
      de: 'Willkommen bei Pointpilot',
    });
    expect(allQuestions(welcome.definition).map((q) => q.name)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(visibleQuestions(welcome.definition, { q1: 'rarely' }).map((q) => q.name)).toEqual([
      'q1',
      'q2',
      'q4',
    ]);
    expect(visibleQuestions(welcome.definition, { q1: 'weekly' })).toHaveLength(4);
    await seedDemo(ctx.db, { demoPartnerSecret: DEMO_SECRET });
    expect(await surveys(m)).toEqual(before);
  });

  it('refuses q3 answered while q1 = "rarely" hides it, and q3 missing while it is shown and required; nothing changes', async () => {
    const m = await ctx.signIn();
    expect(await answer(m, 'welcome', { ...RARELY, q3: 5 })).toMatchObject(
      refusal('invalid-answer', 'Question "q3": hidden-question'),
    );
    expect(await answer(m, 'welcome', { q1: 'weekly', q2: ['books'] })).toMatchObject(
      refusal('invalid-answer', 'Question "q3": required'),
    );
    expect(await answer(m, 'welcome', { q2: ['books'] })).toMatchObject(
      refusal('invalid-answer', 'Question "q1": required'),
    );
    expect(await balance(m)).toEqual({ available: 0, pending: 0 });
    expect(await responses(m.member.id)).toBe(0);
    expect(await everything(m)).toEqual([]);
    expect(await listed(m)).toContain('welcome');
  });

  it('accepts three answers when q3 is hidden: 50 points available at once (not tier-qualifying), a first-survey badge, and the survey leaves the list', async () => {
    const m = await ctx.signIn();
    const op = surveyOp('welcome', RARELY);
    const res = await ctx.sync(m.token, { cursor: 0, ops: [op] });
    expect(res.body.acks).toEqual([{ opId: op.id, status: 'accepted', seq: expect.any(Number) }]);
    expect(res.body.changes).toEqual([
      expect.objectContaining({ id: op.id, kind: 'survey', points: 50, surveyId: 'welcome' }),
      expect.objectContaining({
        id: badgeEntryId(m.member.id, 'first-survey'),
        kind: 'badge',
        points: 0,
        badge: 'first-survey',
      }),
    ]);
    expect(res.body.balance).toEqual({ available: 50, pending: 0 });
    const program = Program.parse(
      await (await ctx.app.request('/v1/me/program', { headers: m.auth })).json(),
    );
    expect(program.member.qualifying).toBe(0);
    const { rows: stored } = await sql<{ qualifying: number | string; lifetime: number | string }>`
      SELECT qualifying, lifetime FROM balances WHERE member_id = ${m.member.id}`.execute(ctx.db);
    expect(stored.map((r) => [Number(r.qualifying), Number(r.lifetime)])).toEqual([[0, 50]]);
    const list = await surveys(m);
    expect(list.surveys.map((s) => s.id)).not.toContain('welcome');
    expect(list.stats).toMatchObject({ completed: 1, badges: [{ id: 'first-survey' }] });
    const { rows } = await sql<{ answers: unknown }>`
      SELECT answers FROM survey_responses WHERE id = ${op.id}`.execute(ctx.db);
    expect(rows[0]!.answers).toEqual(RARELY);
  });

  it('stores free text as sent, markup and all (it is shown as text, never as HTML)', async () => {
    const m = await ctx.signIn();
    const q4 = '<img src=x onerror=alert(1)> "Grüße" & 😀';
    const op = surveyOp('welcome', { ...WEEKLY, q4 });
    expect((await ctx.sync(m.token, { ops: [op] })).body.acks[0]!.status).toBe('accepted');
    const { rows } = await sql<{ answers: { q4: string } }>`
      SELECT answers FROM survey_responses WHERE id = ${op.id}`.execute(ctx.db);
    expect(rows[0]!.answers.q4).toBe(q4);
  });
});

describe('answers that do not fit: refused with the question and the problem, nothing else changed', () => {
  const cases: [string, unknown, string][] = [
    ['unknown option', { ...WEEKLY, q1: 'daily-secret' }, 'Question "q1": unknown-option'],
    ['a list for a single choice', { ...WEEKLY, q1: ['weekly'] }, 'Question "q1": wrong-type'],
    [
      'too many choices',
      { ...WEEKLY, q2: ['books', 'travel', 'fashion', 'groceries'] },
      'Question "q2": too-many-choices',
    ],
    [
      'an unknown choice among valid ones',
      { ...WEEKLY, q2: ['books', 'cars'] },
      'Question "q2": unknown-option',
    ],
    [
      'the same choice twice',
      { ...WEEKLY, q2: ['books', 'books'] },
      'Question "q2": duplicate-option',
    ],
    ['text too long (201 of 200)', { ...WEEKLY, q4: 'x'.repeat(201) }, 'Question "q4": too-long'],
    ['rating 0 on a 1–5 scale', { ...WEEKLY, q3: 0 }, 'Question "q3": out-of-range'],
    ['rating 6 on a 1–5 scale', { ...WEEKLY, q3: 6 }, 'Question "q3": out-of-range'],
    ['rating -1', { ...WEEKLY, q3: -1 }, 'Question "q3": out-of-range'],
    ['a rating as text', { ...WEEKLY, q3: '5' }, 'Question "q3": wrong-type'],
    ['a hidden question answered', { ...RARELY, q3: 3 }, 'Question "q3": hidden-question'],
    ['an unknown question', { ...WEEKLY, q9: 'x' }, 'Question "q9": unknown-question'],
    [
      '"constructor" as a name',
      { ...WEEKLY, constructor: 'x' },
      'Question "constructor": unknown-question',
    ],
    ['"toString" as a name', { ...WEEKLY, toString: 'x' }, 'Question "toString": unknown-question'],
  ];
  it.each(cases)('%s', async (_what, answers, reason) => {
    const m = await ctx.signIn();
    const ack = await answer(m, 'welcome', answers);
    expect(ack).toMatchObject(refusal('invalid-answer', reason));
    // The reason names the question, never echoes what was answered.
    expect(ack.status === 'rejected' && ack.reason).not.toMatch(/secret|xxxx|cars/);
    expect(await balance(m)).toEqual({ available: 0, pending: 0 });
    expect(await responses(m.member.id)).toBe(0);
    expect(await everything(m)).toEqual([]);
    // Refused, not blocked: the same member answers properly afterwards.
    expect(await answer(m, 'welcome', WEEKLY)).toMatchObject({ status: 'accepted' });
  });

  // What the contract refuses before the survey is looked at: ack code 'invalid'.
  const raw: [string, string][] = [
    ['rating 2.5', '{"q1":"weekly","q2":["books"],"q3":2.5}'],
    ['rating 1e309 (Infinity once parsed)', '{"q1":"weekly","q2":["books"],"q3":1e309}'],
    ['rating 1001', '{"q1":"weekly","q2":["books"],"q3":1001}'],
    ['U+0000 in text', '{"q1":"weekly","q2":["books"],"q3":3,"q4":"a\\u0000b"}'],
    ['a lone surrogate in text', '{"q1":"weekly","q2":["books"],"q3":3,"q4":"a\\ud800b"}'],
    ['a lone surrogate in a choice', '{"q1":"\\udfff","q2":["books"],"q3":3}'],
    ['answers as a list', '["weekly"]'],
    ['answers as null', 'null'],
  ];
  it.each(raw)('%s', async (_what, answers) => {
    const m = await ctx.signIn();
    const id = randomUUID();
    const body = `{"ops":[{"id":"${id}","type":"survey-answer","createdAt":"${new Date().toISOString()}","surveyId":"welcome","answers":${answers}}]}`;
    const res = await ctx.sync(m.token, body);
    expect(res.status).toBe(200);
    expect(res.body.acks).toEqual([expect.objectContaining({ opId: id, ...refusal('invalid') })]);
    expect(await balance(m)).toEqual({ available: 0, pending: 0 });
    expect(await responses(m.member.id)).toBe(0);
    expect(await answer(m, 'welcome', WEEKLY)).toMatchObject({ status: 'accepted' });
  });

  it('"__proto__" as a name is dropped by the contract (zod never copies it): stored answers do not have it, no prototype is touched', async () => {
    const m = await ctx.signIn();
    const id = randomUUID();
    const answers = '{"q1":"weekly","q2":["books"],"q3":3,"__proto__":{"polluted":1}}';
    const body = `{"ops":[{"id":"${id}","type":"survey-answer","createdAt":"${new Date().toISOString()}","surveyId":"welcome","answers":${answers}}]}`;
    expect((await ctx.sync(m.token, body)).body.acks[0]).toMatchObject({ status: 'accepted' });
    const { rows } = await sql<{ answers: unknown; has: boolean }>`
      SELECT answers, answers ? '__proto__' AS has FROM survey_responses WHERE id = ${id}`.execute(
      ctx.db,
    );
    expect(rows[0]).toEqual({ answers: { q1: 'weekly', q2: ['books'], q3: 3 }, has: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('takes text of exactly the limit (200 characters)', async () => {
    const m = await ctx.signIn();
    expect(await answer(m, 'welcome', { ...WEEKLY, q4: 'x'.repeat(200) })).toMatchObject({
      status: 'accepted',
    });
  });
});

describe('targeting and validity', () => {
  it('a Gold-only survey is neither listed for nor accepted from a Blue member; a Gold member gets it as "targeted"', async () => {
    const blue = await ctx.signIn();
    expect(await listed(blue)).not.toContain('t-gold');
    expect(await answer(blue, 't-gold', { a: 'yes' })).toMatchObject(refusal('survey-not-for-you'));
    expect(await balance(blue)).toEqual({ available: 0, pending: 0 });

    const gold = await ctx.signIn();
    await sql`INSERT INTO member_tiers (member_id, tier_id, since, review_at)
      VALUES (${gold.member.id}, 'gold', now(), now() + interval '300 days')`.execute(ctx.db);
    expect((await surveys(gold)).surveys.find((s) => s.id === 't-gold')).toMatchObject({
      reason: 'targeted',
      rewardPoints: 30,
    });
    expect(await answer(gold, 't-gold', { a: 'yes' })).toMatchObject({ status: 'accepted' });
    expect(await balance(gold)).toEqual({ available: 30, pending: 0 });
  });

  it('the Demo Shop "how was it?" survey comes with a confirmed purchase there (not a pending one), first in the list, and goes when its 14 days pass', async () => {
    const m = await ctx.signIn();
    const nps = { nps: 9 };
    expect(await listed(m)).not.toContain('demo-shop-feedback');
    expect(await listed(m)).not.toContain('t-buyers');
    const early = surveyOp('demo-shop-feedback', nps);
    expect((await ctx.sync(m.token, { ops: [early] })).body.acks[0]).toMatchObject(
      refusal('survey-not-for-you'),
    );
    // Claimed but not confirmed: still not offered.
    expect((await ctx.sync(m.token, { ops: [claimOp()] })).body.acks[0]!.status).toBe('accepted');
    expect(await listed(m)).not.toContain('demo-shop-feedback');

    const confirmId = await buyAtDemoShop(m);
    const list = await surveys(m);
    expect(list.surveys[0]).toMatchObject({
      id: 'demo-shop-feedback',
      reason: 'after-purchase',
      partnerId: 'demo-shop',
      rewardPoints: 20,
    });
    expect(list.surveys.find((s) => s.id === 't-buyers')).toMatchObject({ reason: 'targeted' });
    // Then priority, then the soonest to close.
    const ids = list.surveys.map((s) => s.id);
    expect(ids.indexOf('t-prio')).toBe(1);
    expect(ids.indexOf('t-soon')).toBeLessThan(ids.indexOf('welcome'));

    await confirmedDaysAgo(confirmId, 15);
    expect(await listed(m)).not.toContain('demo-shop-feedback');
    expect(await listed(m)).toContain('t-buyers'); // bought there, whenever
    expect(await answer(m, 'demo-shop-feedback', nps)).toMatchObject(refusal('survey-not-for-you'));
    // The op refused before the purchase keeps its answer: a new answer is a new op.
    expect((await ctx.sync(m.token, { ops: [early] })).body.acks[0]).toMatchObject(
      refusal('survey-not-for-you'),
    );

    await confirmedDaysAgo(confirmId, 13);
    expect(await listed(m)).toContain('demo-shop-feedback');
    const before = (await balance(m)).available;
    expect(
      await answer(m, 'demo-shop-feedback', { nps: 0, comment: 'Slow delivery' }),
    ).toMatchObject({
      status: 'accepted',
    });
    expect((await balance(m)).available).toBe(before + 20);
    expect(await listed(m)).not.toContain('demo-shop-feedback');
  });

  it('NPS takes 0 and 10, refuses 11 and a missing score', async () => {
    const m = await ctx.signIn();
    await buyAtDemoShop(m);
    expect(await answer(m, 'demo-shop-feedback', { nps: 11 })).toMatchObject(
      refusal('invalid-answer', 'Question "nps": out-of-range'),
    );
    expect(await answer(m, 'demo-shop-feedback', { comment: 'hi' })).toMatchObject(
      refusal('invalid-answer', 'Question "nps": required'),
    );
    expect(await answer(m, 'demo-shop-feedback', { nps: 10 })).toMatchObject({
      status: 'accepted',
    });
  });

  it('outside its dates a survey is closed, an unknown one unknown; neither is listed', async () => {
    const m = await ctx.signIn();
    const ids = await listed(m);
    expect(ids).not.toContain('t-future');
    expect(ids).not.toContain('t-past');
    expect(await answer(m, 't-future', { a: 'yes' })).toMatchObject(refusal('survey-closed'));
    expect(await answer(m, 't-past', { a: 'yes' })).toMatchObject(refusal('survey-closed'));
    expect(await answer(m, 'no-such-survey', { a: 'yes' })).toMatchObject(
      refusal('unknown-survey', 'No survey "no-such-survey"'),
    );
    expect(await balance(m)).toEqual({ available: 0, pending: 0 });
    expect(await responses(m.member.id)).toBe(0);
  });

  it('a stored definition that no longer parses is not listed and not answerable, never a 500', async () => {
    await sql`INSERT INTO surveys (id, definition, reward_points, valid_from, valid_until)
      VALUES ('t-broken', '{"title":"x","pages":[{"elements":[{"type":"html","name":"h"}]}]}'::jsonb,
        10, now() - interval '1 day', now() + interval '1 day')`.execute(ctx.db);
    const m = await ctx.signIn();
    const res = await listing(m);
    expect(res.status).toBe(200);
    expect(SurveyList.parse(await res.json()).surveys.map((s) => s.id)).not.toContain('t-broken');
    expect(await answer(m, 't-broken', { h: 'x' })).toMatchObject(refusal('unknown-survey'));
    await sql`DELETE FROM surveys WHERE id = 't-broken'`.execute(ctx.db);
  });
});

describe('one reward per member and survey', () => {
  const surveyEntries = async (memberId: string) =>
    Number(
      (
        await sql<{ n: number | string }>`SELECT count(*) AS n FROM entries
          WHERE member_id = ${memberId} AND kind = 'survey'`.execute(ctx.db)
      ).rows[0]!.n,
    );

  it('20 concurrent submissions with different op ids: exactly one is credited, the others are "already answered"', async () => {
    const m = await ctx.signIn();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => ctx.sync(m.token, { ops: [surveyOp('welcome', WEEKLY)] })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const acks = results.map((r) => r.body.acks[0]!);
    expect(acks.filter((a) => a.status === 'accepted')).toHaveLength(1);
    expect(
      acks.filter((a) => a.status === 'rejected' && a.code === 'survey-already-answered'),
    ).toHaveLength(19);
    expect(await balance(m)).toEqual({ available: 50, pending: 0 });
    expect(await responses(m.member.id)).toBe(1);
    expect(await surveyEntries(m.member.id)).toBe(1);
  });

  it('the same op sent 10 times (at once) answers the same ack and credits once; 10 new op ids, in one batch, are all "already answered"', async () => {
    const m = await ctx.signIn();
    const op = surveyOp('welcome', RARELY);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ctx.sync(m.token, { ops: [op] })),
    );
    const acks = results.map((r) => r.body.acks[0]);
    expect(new Set(acks.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(acks[0]).toMatchObject({ opId: op.id, status: 'accepted' });
    const again = await ctx.sync(m.token, {
      ops: Array.from({ length: 10 }, () => surveyOp('welcome', RARELY)),
    });
    expect(again.body.acks.map((a) => a.status === 'rejected' && a.code)).toEqual(
      Array(10).fill('survey-already-answered'),
    );
    expect(await balance(m)).toEqual({ available: 50, pending: 0 });
    expect(await responses(m.member.id)).toBe(1);
    expect(await surveyEntries(m.member.id)).toBe(1);
  });

  it("another member's op id is refused, their answer counts for nobody else, and they may answer too", async () => {
    const a = await ctx.signIn();
    const b = await ctx.signIn();
    const op = surveyOp('welcome', WEEKLY);
    expect(await answer(a, 'welcome', WEEKLY, op.id)).toMatchObject({ status: 'accepted' });
    expect(await answer(b, 'welcome', WEEKLY, op.id)).toMatchObject(
      refusal('invalid', 'This op id is already used'),
    );
    const list = await surveys(b);
    expect(list.surveys.map((s) => s.id)).toContain('welcome');
    expect(list.stats).toEqual({ completed: 0, streakWeeks: 0, bestStreakWeeks: 0, badges: [] });
    expect(await balance(b)).toEqual({ available: 0, pending: 0 });
    expect(await answer(b, 'welcome', WEEKLY)).toMatchObject({ status: 'accepted' });
    expect(await balance(a)).toEqual({ available: 50, pending: 0 });
    expect(await balance(b)).toEqual({ available: 50, pending: 0 });
  });

  it('a refused survey op never blocks its batch: the claim beside it is accepted', async () => {
    const m = await ctx.signIn();
    const bad = surveyOp('welcome', { ...WEEKLY, q1: 'daily' });
    const unknown = surveyOp('nope', {});
    const claim = claimOp();
    const res = await ctx.sync(m.token, { ops: [bad, claim, unknown] });
    expect(res.status).toBe(200);
    expect(res.body.acks.map((a) => [a.opId, a.status === 'rejected' ? a.code : a.status])).toEqual(
      [
        [bad.id, 'invalid-answer'],
        [claim.id, 'accepted'],
        [unknown.id, 'unknown-survey'],
      ],
    );
    // A refused answer leaves no entry, only its ack.
    expect(res.body.changes.map((e) => e.id)).toEqual([claim.id]);
    // Two answers to one survey in one batch: the first counts.
    const first = surveyOp('welcome', WEEKLY);
    const second = surveyOp('welcome', RARELY);
    const both = await ctx.sync(m.token, { ops: [first, second] });
    expect(both.body.acks.map((a) => (a.status === 'rejected' ? a.code : a.status))).toEqual([
      'accepted',
      'survey-already-answered',
    ]);
    expect((await balance(m)).available).toBe(50);
  });
});

describe('streaks and badges', () => {
  const badgesOf = async (m: Member) => (await surveys(m)).stats.badges.map((b) => b.id);

  it('five-surveys comes with the fifth survey, not the fourth, as a badge entry through sync', async () => {
    const m = await ctx.signIn();
    expect(await answer(m, 'welcome', WEEKLY)).toMatchObject({ status: 'accepted' });
    for (const n of [1, 2, 3]) {
      expect(await answer(m, `t-five-${n}`, { a: 'no' })).toMatchObject({ status: 'accepted' });
    }
    expect(await badgesOf(m)).toEqual(['first-survey']);
    const res = await ctx.sync(m.token, { cursor: 0, ops: [surveyOp('t-five-4', { a: 'yes' })] });
    expect(res.body.changes.filter((e) => e.kind === 'badge').map((e) => e.badge)).toEqual([
      'first-survey',
      'five-surveys',
    ]);
    expect(await badgesOf(m)).toEqual(['first-survey', 'five-surveys']);
    expect((await surveys(m)).stats.completed).toBe(5);
    expect(await balance(m)).toEqual({ available: 50 + 4 * 10, pending: 0 });
    // Awarding again (a retry) finds nothing new and posts nothing.
    expect(await inTx(ctx.db, (trx) => awardBadges(trx, m.member.id, new Date()))).toBe(0);
    expect((await everything(m)).filter((e) => e.kind === 'badge')).toHaveLength(2);
  });

  it('four consecutive weeks earn four-week-streak, and GET /v1/surveys shows the streak', async () => {
    const m = await ctx.signIn();
    // Each survey is answered through sync; its submission is then moved back
    // by whole weeks, as if it had been sent then: 3, 2, 1 and 0 weeks ago.
    for (const [n, weeksAgo] of [
      [1, 3],
      [2, 2],
      [3, 1],
    ] as const) {
      const op = surveyOp(`t-five-${n}`, { a: 'yes' });
      expect((await ctx.sync(m.token, { ops: [op] })).body.acks[0]!.status).toBe('accepted');
      await sql`UPDATE survey_responses SET submitted_at = submitted_at - make_interval(weeks => ${weeksAgo})
        WHERE id = ${op.id}`.execute(ctx.db);
    }
    expect(await badgesOf(m)).toEqual(['first-survey']);
    expect((await surveys(m)).stats).toMatchObject({ streakWeeks: 3, bestStreakWeeks: 3 });
    const res = await ctx.sync(m.token, { cursor: 0, ops: [surveyOp('t-five-4', { a: 'yes' })] });
    expect(res.body.changes.at(-1)).toMatchObject({ kind: 'badge', badge: 'four-week-streak' });
    const { stats } = await surveys(m);
    expect(stats).toMatchObject({ completed: 4, streakWeeks: 4, bestStreakWeeks: 4 });
    expect(stats.badges.map((b) => b.id)).toEqual(['first-survey', 'four-week-streak']);
  });
});

describe('GET /v1/surveys', () => {
  it('needs a member, answers 304 to its own ETag, and a new ETag once something changed', async () => {
    expect((await ctx.app.request('/v1/surveys')).status).toBe(401);
    const m = await ctx.signIn();
    const first = await listing(m);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await listing(m, etag)).status).toBe(304);
    expect(await answer(m, 'welcome', WEEKLY)).toMatchObject({ status: 'accepted' });
    const after = await listing(m, etag);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('lists at most 20, best first, and is in the OpenAPI document', async () => {
    const many = Array.from({ length: 25 }, (_, i) => `t-many-${i}`);
    for (const id of many) await upsertSurvey(ctx.db, id, simple({ priority: 10 }));
    const m = await ctx.signIn();
    const { surveys: list } = await surveys(m);
    expect(list).toHaveLength(20);
    expect(list.every((s) => s.id.startsWith('t-many-'))).toBe(true);
    await sql`DELETE FROM surveys WHERE id LIKE 't-many-%'`.execute(ctx.db);
    const doc = (await (await ctx.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain('/v1/surveys');
  });
});

describe('the ledger after all of the above', () => {
  it('balances equal their entries and lots equal available, for every member', async () => {
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
    expect(await lotDiscrepancies(ctx.db)).toEqual([]);
  });
});
