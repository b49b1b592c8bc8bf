import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { memoryLogger } from '../../server/log';
import { responsePages } from '../../server/services/survey-results';
import { DEV_OPERATOR_TOKEN, loadSettings } from '../../server/settings';
import type { QuestionResult, SurveyAnswers, SurveyResults } from '../../utils/contract';
import { parseCsv } from '../support/csv-reader';
import { createTestContext, type TestContext } from './helpers';

/**
 * The operator side of surveys (issue 12): upload, results with hand-checked
 * aggregates and NPS over answers submitted by real members through
 * /v1/sync, the CSV export read back with a CSV parser, and the operator
 * token kept apart from member tokens.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Member = Awaited<ReturnType<TestContext['signIn']>>;
const OPERATOR = { authorization: `Bearer ${DEV_OPERATOR_TOKEN}` };
const DAY = 86_400_000;

const call = (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = OPERATOR,
) =>
  ctx.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const put = (id: string, config: unknown, headers?: Record<string, string>) =>
  call('PUT', `/v1/operator/surveys/${id}`, config, headers);

const DEFINITION = {
  title: { default: 'How are we doing?', de: 'Wie machen wir uns?' },
  pages: [
    {
      elements: [
        { type: 'rating', name: 'nps', rateMin: 0, rateMax: 10, isRequired: true },
        {
          type: 'radiogroup',
          name: 'usage',
          choices: ['often', 'sometimes', { value: 'never', text: 'Never' }],
        },
        {
          type: 'checkbox',
          name: 'features',
          choices: ['points', 'coupons', 'surveys', 'rewards'],
        },
        { type: 'rating', name: 'stars' },
      ],
    },
    {
      elements: [
        { type: 'comment', name: 'why', visibleIf: '{nps} <= 6' },
        { type: 'text', name: 'other' },
      ],
    },
  ],
};
const config = (over: Record<string, unknown> = {}) => ({
  definition: DEFINITION,
  rewardPoints: 40,
  validFrom: new Date(Date.now() - DAY).toISOString(),
  validUntil: new Date(Date.now() + 30 * DAY).toISOString(),
  ...over,
});

const INJECTION =
  '=HYPERLINK("x"), he said "no", a,b\nnext line <script>alert(1)</script> Grüße 🎉';
// Line breaks, but no quote or comma that would get the cell quoted anyway.
const AT_FORMULA = '@SUM(A1) Käse\nline two\rthree';
/** Ten members' answers; hand-checked aggregates below. */
const ANSWERS: SurveyAnswers[] = [
  { nps: 10, usage: 'often', features: ['points', 'coupons'], stars: 5, other: 'Great' },
  { nps: 10, usage: 'often', features: ['points'], stars: 4, other: '-1 for the app' },
  { nps: 9, usage: 'sometimes', features: ['coupons', 'points'], stars: 5 },
  { nps: 9 },
  { nps: 8, usage: 'often', features: ['surveys'], stars: 3 },
  { nps: 7, usage: 'sometimes', stars: 4, other: '\uFF1D1+1 (full-width)' },
  { nps: 6, usage: 'often', features: ['points'], stars: 2, why: AT_FORMULA },
  { nps: 3, features: ['points', 'coupons', 'surveys'], stars: 1 },
  { nps: 0, usage: 'often', why: INJECTION },
  { nps: 10, usage: 'sometimes', features: ['points'], stars: 5, other: '\tindented' },
];

async function submit(m: Member, surveyId: string, answers: SurveyAnswers) {
  const op = {
    id: randomUUID(),
    type: 'survey-answer',
    createdAt: new Date().toISOString(),
    surveyId,
    answers,
  };
  const res = await ctx.sync(m.token, { ops: [op] });
  expect(res.status).toBe(200);
  expect(res.body.acks[0]).toMatchObject({ opId: op.id, status: 'accepted' });
  return op.id;
}

const byName = (r: SurveyResults, name: string) =>
  r.questions.find((q) => q.name === name) as QuestionResult;

describe('operator survey results', () => {
  const id = 'op-feedback';
  const members: Member[] = [];
  const opIds: string[] = [];

  beforeAll(async () => {
    const res = await put(id, config());
    expect(res.status).toBe(200);
    for (const answers of ANSWERS) {
      const m = await ctx.signIn();
      members.push(m);
      opIds.push(await submit(m, id, answers));
    }
  });

  it('stores the upload and answers it with the stored config, defaults filled in', async () => {
    const sent = config({ tiers: ['silver', 'gold'] });
    const res = await put('op-echo', sent);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...sent, afterPurchaseDays: 30, priority: 0 });
  });

  it('aggregates per question: NPS, rating mean, option counts, skipped vs hidden', async () => {
    const res = await call('GET', `/v1/operator/surveys/${id}/results`);
    expect(res.status).toBe(200);
    const r = (await res.json()) as SurveyResults;
    expect(r.surveyId).toBe(id);
    expect(r.responses).toBe(10);
    expect(r.questions.map((q) => q.name)).toEqual([
      'nps',
      'usage',
      'features',
      'stars',
      'why',
      'other',
    ]);
    // 10,10,9,9,8,7,6,3,0,10: promoters 5, passives 2, detractors 3 → (5 − 3) / 10 = 20.0; mean 72 / 10.
    expect(byName(r, 'nps')).toEqual({
      name: 'nps',
      type: 'rating',
      scale: 'nps',
      answered: 10,
      skipped: 0,
      counts: [1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 3],
      mean: 7.2,
      promoters: 5,
      passives: 2,
      detractors: 3,
      nps: 20,
    });
    // 5,4,5,3,4,2,1,5 → 29 / 8 = 3.625 → 3.63.
    expect(byName(r, 'stars')).toEqual({
      name: 'stars',
      type: 'rating',
      scale: 'rating',
      answered: 8,
      skipped: 2,
      counts: [1, 1, 1, 2, 3],
      mean: 3.63,
    });
    expect(byName(r, 'usage')).toEqual({
      name: 'usage',
      type: 'radiogroup',
      answered: 8,
      skipped: 2,
      options: [
        { value: 'often', count: 5 },
        { value: 'sometimes', count: 3 },
        { value: 'never', count: 0 },
      ],
    });
    expect(byName(r, 'features')).toEqual({
      name: 'features',
      type: 'checkbox',
      answered: 7,
      skipped: 3,
      options: [
        { value: 'points', count: 6 },
        { value: 'coupons', count: 3 },
        { value: 'surveys', count: 2 },
        { value: 'rewards', count: 0 },
      ],
    });
    // Shown only to the three detractors (6, 3, 0); two answered. Hidden for seven: neither.
    expect(byName(r, 'why')).toEqual({ name: 'why', type: 'comment', answered: 2, skipped: 1 });
    expect(byName(r, 'other')).toEqual({ name: 'other', type: 'text', answered: 4, skipped: 6 });
  });

  it('lists surveys with default title, validity, reward, targeting and responses', async () => {
    const res = await call('GET', '/v1/operator/surveys');
    expect(res.status).toBe(200);
    const { surveys } = (await res.json()) as { surveys: Record<string, unknown>[] };
    expect(surveys.find((s) => s.id === id)).toMatchObject({
      id,
      title: 'How are we doing?',
      rewardPoints: 40,
      tiers: null,
      boughtAt: null,
      afterPurchaseAt: null,
      responses: 10,
    });
  });

  it('exports CSV that reads back exactly, formula-like text guarded, member numbers not emails', async () => {
    const res = await call('GET', `/v1/operator/surveys/${id}/answers.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="survey-${id}-answers.csv"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const m of members) expect(text).not.toContain(m.member.email);
    // Quotes doubled inside a quoted cell, no HTML escaping anywhere.
    expect(text).toContain(`"'=HYPERLINK(""x""), he said ""no""`);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'response_id',
      'submitted_at',
      'member_number',
      'nps',
      'usage',
      'features',
      'stars',
      'why',
      'other',
    ]);
    expect(rows).toHaveLength(10);
    const row = (i: number) => rows.find((r) => r[0] === opIds[i])!;
    for (const [i, m] of members.entries()) {
      expect(row(i)[2]).toBe(m.member.memberNumber);
      expect(new Date(row(i)[1]!).toISOString()).toBe(row(i)[1]);
    }
    expect(row(0).slice(3)).toEqual(['10', 'often', 'points; coupons', '5', '', 'Great']);
    // Definition order, whatever order the member picked in.
    expect(row(2)[5]).toBe('points; coupons');
    expect(row(3).slice(3)).toEqual(['9', '', '', '', '', '']);
    expect(row(8)[7]).toBe(`'${INJECTION}`);
    expect(row(8)[7]).toContain('<script>alert(1)</script> Grüße 🎉');
    expect(row(6)[7]).toBe(`'${AT_FORMULA}`);
    expect(row(1)[8]).toBe("'-1 for the app");
    expect(row(9)[8]).toBe("'\tindented");
    expect(row(5)[8]).toBe("'\uFF1D1+1 (full-width)");
  });

  it('refuses to drop, retype or shrink questions of a survey with responses (409), allows texts and additions', async () => {
    const [first, second] = DEFINITION.pages as [{ elements: object[] }, { elements: object[] }];
    const without = { ...DEFINITION, pages: [first, { elements: second.elements.slice(0, 1) }] };
    const retyped = {
      ...DEFINITION,
      pages: [first, { elements: [second.elements[0], { type: 'comment', name: 'other' }] }],
    };
    const rescaled = {
      ...DEFINITION,
      pages: [{ elements: [{ type: 'rating', name: 'nps' }, ...first.elements.slice(1)] }, second],
    };
    const fewerOptions = {
      ...DEFINITION,
      pages: [
        {
          elements: [
            first.elements[0],
            { type: 'radiogroup', name: 'usage', choices: ['often', 'sometimes'] },
            ...first.elements.slice(2),
          ],
        },
        second,
      ],
    };
    for (const definition of [without, retyped, rescaled, fewerOptions]) {
      const res = await put(id, config({ definition }));
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const renamed = {
      ...DEFINITION,
      title: 'Your opinion',
      pages: [
        first,
        {
          elements: [
            ...second.elements,
            { type: 'rating', name: 'effort', rateMin: 1, rateMax: 5 },
          ],
        },
      ],
    };
    expect((await put(id, config({ definition: renamed, rewardPoints: 60 }))).status).toBe(200);
    const r = (await (
      await call('GET', `/v1/operator/surveys/${id}/results`)
    ).json()) as SurveyResults;
    expect(byName(r, 'nps')).toMatchObject({ nps: 20, answered: 10 });
    // Added after the responses: no definition history is kept, so it counts as shown and skipped.
    expect(byName(r, 'effort')).toMatchObject({ answered: 0, skipped: 10, mean: null });
    // Now that it is part of the survey, removing it again is refused too.
    expect((await put(id, config())).status).toBe(409);
  });
});

describe('results edge cases', () => {
  it('has nulls, not NaN, for a survey nobody answered', async () => {
    expect((await put('op-empty', config())).status).toBe(200);
    const r = (await (
      await call('GET', '/v1/operator/surveys/op-empty/results')
    ).json()) as SurveyResults;
    expect(r.responses).toBe(0);
    expect(byName(r, 'nps')).toMatchObject({
      answered: 0,
      skipped: 0,
      mean: null,
      nps: null,
      promoters: 0,
    });
    const csv = await (await call('GET', '/v1/operator/surveys/op-empty/answers.csv')).text();
    expect(parseCsv(csv.replace(/^\uFEFF/, ''))).toHaveLength(1);
  });

  it('a survey without responses may drop questions', async () => {
    const definition = { ...DEFINITION, pages: [DEFINITION.pages[0]] };
    expect((await put('op-empty', config({ definition }))).status).toBe(200);
  });

  it('pages by (submitted_at, id) to the microsecond, and counts answers that no longer fit as unanswered', async () => {
    expect((await put('op-pager', config())).status).toBe(200);
    const ids: string[] = [];
    const stored: unknown[] = [
      { nps: 'ten', usage: 42, stars: 9, features: ['points', 'points'] },
      [],
      { nps: 10, why: 'hidden for a promoter' },
      'garbage',
      { features: ['rewards', 'unknown'] },
      { nps: 5, stars: 0 },
      {},
    ];
    const times = [
      '00.000100',
      '00.000100',
      '00.000200',
      '00.000900',
      '00.000900',
      '00.001000',
      '01.000000',
    ];
    for (const [i, answers] of stored.entries()) {
      const m = await ctx.signIn();
      const rid = randomUUID();
      ids.push(rid);
      await sql`INSERT INTO survey_responses (id, member_id, survey_id, answers, submitted_at)
        VALUES (${rid}, ${m.member.id}, 'op-pager', ${JSON.stringify(answers)}::jsonb,
          ${`2025-03-01T10:00:${times[i]}Z`}::timestamptz)`.execute(ctx.db);
    }
    const seen: string[] = [];
    for await (const page of responsePages(ctx.db, 'op-pager', 2)) {
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((r) => r.id));
    }
    expect(seen).toHaveLength(stored.length);
    expect(new Set(seen)).toEqual(new Set(ids));
    const res = await call('GET', '/v1/operator/surveys/op-pager/results');
    expect(res.status).toBe(200);
    const r = (await res.json()) as SurveyResults;
    expect(r.responses).toBe(7);
    expect(byName(r, 'nps')).toMatchObject({
      answered: 2,
      skipped: 5,
      nps: 0,
      promoters: 1,
      detractors: 1,
    });
    expect(byName(r, 'stars')).toMatchObject({ answered: 0, skipped: 7 });
    expect(byName(r, 'features')).toMatchObject({ answered: 0 });
    // The promoter's stored text answers a question hidden for them: not counted.
    expect(byName(r, 'why')).toMatchObject({ answered: 0 });
    const csv = await call('GET', '/v1/operator/surveys/op-pager/answers.csv');
    expect(csv.status).toBe(200);
    expect(parseCsv((await csv.text()).replace(/^\uFEFF/, ''))).toHaveLength(8);
  });

  it('answers 404 for an unknown or malformed survey id', async () => {
    for (const path of [
      'nope/results',
      'nope/answers.csv',
      'NOPE%00/results',
      `${'a'.repeat(80)}/results`,
    ]) {
      const res = await call('GET', `/v1/operator/surveys/${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('operator API document', () => {
  it('documents every operator route with bearer security', async () => {
    const doc = (await (await ctx.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const ops = [
      ['/v1/operator/surveys/{id}', 'put'],
      ['/v1/operator/surveys', 'get'],
      ['/v1/operator/surveys/{id}/results', 'get'],
      ['/v1/operator/surveys/{id}/answers.csv', 'get'],
    ] as const;
    for (const [path, method] of ops)
      expect(doc.paths[path]?.[method]?.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(doc.paths['/v1/operator/surveys/{id}/results'])).toContain('promoters');
  });
});

describe('operator authentication', () => {
  const paths = [
    '/v1/operator/surveys',
    '/v1/operator/surveys/op-feedback/results',
    '/v1/operator/surveys/op-feedback/answers.csv',
  ];

  it('refuses no token, a wrong token and a member token with 401 and a Bearer challenge', async () => {
    const m = await ctx.signIn();
    const wrong = [
      {},
      { authorization: `Bearer ${DEV_OPERATOR_TOKEN}x` },
      { authorization: `Bearer ${DEV_OPERATOR_TOKEN.slice(0, -1)}` },
      { authorization: DEV_OPERATOR_TOKEN },
      { authorization: `Basic ${DEV_OPERATOR_TOKEN}` },
      m.auth,
    ];
    for (const headers of wrong) {
      for (const path of paths) {
        const res = await call('GET', path, undefined, headers);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
      }
      expect((await put('op-sneaky', config(), headers)).status).toBe(401);
    }
    expect((await call('GET', '/v1/operator/surveys/op-sneaky/results')).status).toBe(404);
    for (const path of paths) expect((await call('GET', path)).status).toBe(200);
  });

  it('the operator token is not a member token', async () => {
    for (const path of ['/v1/me', '/v1/surveys', '/v1/coupons']) {
      expect((await call('GET', path, undefined, OPERATOR)).status).toBe(401);
    }
    expect((await ctx.sync(DEV_OPERATOR_TOKEN, { ops: [] })).status).toBe(401);
  });

  it('production: no dev token, the API is off without OPERATOR_TOKEN', async () => {
    expect(loadSettings({ NODE_ENV: 'production' }, []).operatorToken).toBeNull();
    expect(loadSettings({}, []).operatorToken).toBe(DEV_OPERATOR_TOKEN);
    const own = 'a-real-operator-token-of-sufficient-length';
    expect(loadSettings({ NODE_ENV: 'production', OPERATOR_TOKEN: own }, []).operatorToken).toBe(
      own,
    );
    expect(() => loadSettings({ OPERATOR_TOKEN: 'too-short' }, [])).toThrow();
    expect(() =>
      loadSettings({ OPERATOR_TOKEN: 'has spaces but is long enough ok' }, []),
    ).toThrow();
    // Even given the dev default, a production app refuses it.
    const prod = createApp({ db: ctx.db, log: memoryLogger(), settings: { production: true } }).app;
    const res = await prod.request('/v1/operator/surveys', { headers: OPERATOR });
    expect(res.status).toBe(401);
    const off = createApp({
      db: ctx.db,
      log: memoryLogger(),
      settings: { operatorToken: null },
    }).app;
    expect((await off.request('/v1/operator/surveys', { headers: OPERATOR })).status).toBe(401);
    const custom = createApp({
      db: ctx.db,
      log: memoryLogger(),
      settings: { production: true, operatorToken: own },
    }).app;
    expect(
      (
        await custom.request('/v1/operator/surveys', {
          headers: { authorization: `Bearer ${own}` },
        })
      ).status,
    ).toBe(200);
  });

  it('limits requests per client address, failed ones included', async () => {
    const limited = createApp({
      db: ctx.db,
      log: memoryLogger(),
      settings: { requestsPerMinute: 3 },
    }).app;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const headers = i % 2 ? OPERATOR : { authorization: 'Bearer guess-guess-guess-guess-guess' };
      statuses.push((await limited.request('/v1/operator/surveys', { headers })).status);
    }
    expect(statuses).toEqual([401, 200, 401, 429, 429]);
  });
});

describe('bad uploads: a 4xx problem, never a 5xx, nothing stored', () => {
  const page = (elements: unknown[]) => ({ title: 'T', pages: [{ elements }] });
  const radio = { type: 'radiogroup', name: 'a', choices: ['x', 'y'] };
  const cases: [string, unknown, number][] = [
    ['unknown question type', config({ definition: page([{ type: 'matrix', name: 'a' }]) }), 422],
    ['unsupported SurveyJS key', config({ definition: { ...page([radio]), triggers: [] } }), 422],
    [
      'condition on a later question',
      config({
        definition: page([
          { ...radio, visibleIf: "{b} = 'x'" },
          { ...radio, name: 'b' },
        ]),
      }),
      422,
    ],
    ['duplicate names', config({ definition: page([radio, radio]) }), 422],
    ['U+0000 in a title', config({ definition: { ...page([radio]), title: 'a\u0000b' } }), 422],
    [
      'lone surrogate in a title',
      config({ definition: { ...page([radio]), title: 'a\ud800b' } }),
      422,
    ],
    [
      'U+0000 in a condition',
      config({ definition: page([radio, { ...radio, name: 'b', visibleIf: "{a} = 'x\u0000'" }]) }),
      422,
    ],
    [
      'U+0000 in a page name',
      config({ definition: { title: 'T', pages: [{ name: 'p\u0000', elements: [radio] }] } }),
      422,
    ],
    [
      'lone surrogate in a choice',
      config({ definition: page([{ ...radio, choices: ['x', '\udc00'] }]) }),
      422,
    ],
    ['rewardPoints -1', config({ rewardPoints: -1 }), 422],
    ['rewardPoints 1e12', config({ rewardPoints: 1e12 }), 422],
    ['rewardPoints 2.5', config({ rewardPoints: 2.5 }), 422],
    [
      'validFrom after validUntil',
      config({ validFrom: '2030-01-02T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }),
      422,
    ],
    ['unknown partner (after purchase)', config({ afterPurchaseAt: 'no-such-shop' }), 422],
    ['unknown partner (bought at)', config({ boughtAt: ['demo-shop', 'no-such-shop'] }), 422],
    ['unknown tier', config({ tiers: ['platinum-unobtainium'] }), 422],
    ['not JSON', '{"definition":', 400],
    ['an array', [], 422],
    [
      'a huge body',
      config({ definition: { ...page([radio]), description: 'x'.repeat(300_000) } }),
      413,
    ],
  ];
  for (const [name, body, status] of cases) {
    it(name, async () => {
      const id = `op-bad-${randomUUID().slice(0, 8)}`;
      const res = await put(id, body);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect((await call('GET', `/v1/operator/surveys/${id}/results`)).status).toBe(404);
    });
  }

  it('names the path of the invalid field', async () => {
    const res = await put('op-bad-path', config({ afterPurchaseAt: 'no-such-shop' }));
    expect(((await res.json()) as { errors: { path: string }[] }).errors).toEqual([
      { path: 'afterPurchaseAt', message: 'no partner "no-such-shop"' },
    ]);
    const bad = await put('op-bad-path', config({ rewardPoints: 2.5 }));
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe(
      'rewardPoints',
    );
  });

  it('refuses a malformed id and a wrong content type', async () => {
    for (const id of ['UPPER', '-lead', 'a'.repeat(65), 'sp%20ace', 'null%00']) {
      expect((await put(id, config())).status).toBe(422);
    }
    const res = await call('PUT', '/v1/operator/surveys/op-text', JSON.stringify(config()), {
      ...OPERATOR,
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(415);
  });

  it('accepts a known partner and tier in targeting', async () => {
    const res = await put(
      'op-targeted',
      config({ afterPurchaseAt: 'demo-shop', boughtAt: ['demo-shop'], tiers: ['gold'] }),
    );
    expect(res.status).toBe(200);
  });
});
