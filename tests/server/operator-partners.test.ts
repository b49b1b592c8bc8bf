import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { memoryLogger } from '../../server/log';
import { signHeader } from '../../server/services/signature';
import { DEV_OPERATOR_TOKEN } from '../../server/settings';
import { feedSigningText, MeResponse, PartnerCatalogue } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, type TestContext } from './helpers';

/**
 * Issue 14 support: the operator creates and updates partners over
 * PUT /v1/operator/partners/{id}. A change reaches the public catalogue (new
 * version and ETag), an update without a secret keeps the one partners sign
 * with, secrets are never answered, and every hostile request is a 4xx
 * problem that leaves the catalogue as it was.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const OPERATOR = { authorization: `Bearer ${DEV_OPERATOR_TOKEN}` };
const SECRET = 'new-shop-secret-0123456789abcdef';

/** A valid upload for a test partner; `over` replaces fields. */
const entry = (over: Record<string, unknown> = {}) => ({
  name: 'New Shop',
  domains: ['new-shop.example'],
  earn: { pointsPerUnit: 2, currency: 'EUR' },
  ...over,
});

function put(id: string, body: unknown, headers: Record<string, string> = OPERATOR) {
  return ctx.app.request(`/v1/operator/partners/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function saved(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as {
    partner: Record<string, unknown>;
    memberClaimsPerHour: number;
    created: boolean;
  };
}

const catalogue = (etag?: string) =>
  ctx.app.request('/v1/partners', { headers: etag ? { 'if-none-match': etag } : {} });

/** Everything stored about partners, secrets and write times included, and the public ETag. */
async function snapshot() {
  const { rows } = await sql`
    SELECT id, definition, secret, member_claims_per_hour, updated_at FROM partners ORDER BY id`.execute(
    ctx.db,
  );
  return { rows, etag: (await catalogue()).headers.get('etag') };
}

async function expectProblem(res: Response, status: number, type: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = JSON.parse(text) as { type: string; errors?: { path: string }[] };
  expect(body.type).toBe(`https://pointpilot.dev/problems/${type}`);
  return body;
}

const balance = async (auth: Record<string, string>) =>
  MeResponse.parse(await (await ctx.app.request('/v1/me', { headers: auth })).json()).balance;

describe('operator partners: access', () => {
  it('refuses a missing, wrong or member token with 401, and changes nothing', async () => {
    const before = await snapshot();
    const member = await ctx.signIn();
    for (const headers of [
      {},
      { authorization: 'Bearer not-the-operator-token-000000' },
      { authorization: DEV_OPERATOR_TOKEN },
      member.auth,
    ]) {
      await expectProblem(
        await put('auth-shop', { ...entry(), secret: SECRET }, headers),
        401,
        'unauthorized',
      );
      await expectProblem(
        await ctx.app.request('/v1/operator/partners', { headers }),
        401,
        'unauthorized',
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it('is off in production when only the dev token is configured', async () => {
    const { app } = createApp({
      db: ctx.db,
      log: memoryLogger(),
      settings: { production: true, operatorToken: DEV_OPERATOR_TOKEN, requestsPerMinute: 0 },
    });
    const res = await app.request('/v1/operator/partners', { headers: OPERATOR });
    const problem = await expectProblem(res, 401, 'unauthorized');
    expect(problem).toMatchObject({ detail: expect.stringContaining('OPERATOR_TOKEN') });
  });

  it('is in the API document, behind the bearer', async () => {
    const doc = (await (await ctx.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(doc.paths['/v1/operator/partners/{id}']?.put?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/operator/partners']?.get?.security).toEqual([{ bearer: [] }]);
  });
});

describe('operator partners: create and update', () => {
  it('creates a partner that the public catalogue serves, without ever answering its secret', async () => {
    const res = await saved(await put('new-shop', { ...entry(), secret: SECRET }));
    expect(res).toEqual({
      partner: expect.objectContaining({
        id: 'new-shop',
        name: 'New Shop',
        domains: ['new-shop.example'],
        earn: { pointsPerUnit: 2, currency: 'EUR' },
        requiresActivation: false,
        confirmationDays: 30,
        rules: [],
      }),
      memberClaimsPerHour: 20,
      created: true,
    });
    const listed = PartnerCatalogue.parse(await (await catalogue()).json());
    expect(listed.partners.find((p) => p.id === 'new-shop')).toEqual(res.partner);

    const list = await ctx.app.request('/v1/operator/partners', { headers: OPERATOR });
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('secret');
    const { partners } = JSON.parse(text) as {
      partners: { partner: { id: string }; memberClaimsPerHour: number }[];
    };
    expect(partners.find((p) => p.partner.id === 'new-shop')).toEqual({
      partner: res.partner,
      memberClaimsPerHour: 20,
    });
    expect(partners.map((p) => p.partner.id)).toContain('demo-shop');
  });

  it('gives the catalogue a new ETag on a change: the old one is answered 200 with the new entry', async () => {
    const old = (await catalogue()).headers.get('etag')!;
    expect((await catalogue(old)).status).toBe(304);
    // Only the private settings change: the public catalogue stays the same.
    await saved(await put('new-shop', { ...entry(), memberClaimsPerHour: 20 }));
    expect((await catalogue(old)).status).toBe(304);

    const res = await saved(await put('new-shop', entry({ name: 'New Shop Berlin' })));
    expect(res.created).toBe(false);
    const after = await catalogue(old);
    expect(after.status).toBe(200);
    const fresh = after.headers.get('etag')!;
    expect(fresh).not.toBe(old);
    const body = PartnerCatalogue.parse(await after.json());
    expect(body.partners.find((p) => p.id === 'new-shop')?.name).toBe('New Shop Berlin');
    expect((await catalogue(fresh)).status).toBe(304);
  });

  it('keeps the stored secret and claim limit when an update omits them; the old secret still signs webhooks', async () => {
    await saved(await put('keep-shop', { ...entry(), secret: SECRET, memberClaimsPerHour: 7 }));
    const updated = await saved(await put('keep-shop', entry({ confirmationDays: 14 })));
    expect(updated).toMatchObject({
      partner: { confirmationDays: 14 },
      memberClaimsPerHour: 7,
      created: false,
    });

    const m = await ctx.signIn();
    const orderRef = `KEEP-${randomUUID().slice(0, 8)}`;
    const op = claimOp({
      partnerId: 'keep-shop',
      orderRef,
      total: { minor: 1000, currency: 'EUR' },
    });
    const synced = await ctx.sync(m.token, { cursor: 0, ops: [op] });
    expect(synced.body.acks[0]).toMatchObject({ status: 'accepted' });
    const confirm = (secret: string) =>
      ctx.webhook(
        'keep-shop',
        {
          event: 'confirm',
          eventId: randomUUID(),
          orderRef,
          buyer: buyerProof(m.member.email, secret),
        },
        secret,
      );
    await expectProblem(await confirm('some-other-secret-0123456789'), 401, 'bad-signature');
    expect((await confirm(SECRET)).status).toBe(200);
    expect(await balance(m.auth)).toEqual({ available: 20, pending: 0 });
  });

  it('replaces the secret when one is sent: the old one no longer signs', async () => {
    const next = 'keep-shop-rotated-0123456789abc';
    await saved(await put('keep-shop', { ...entry(), secret: next }));
    const path = '/v1/partners/keep-shop/reported-claims';
    const feed = (secret: string) =>
      ctx.app.request(path, {
        headers: { 'pointpilot-signature': signHeader(secret, feedSigningText(path)) },
      });
    expect((await feed(SECRET)).status).toBe(401);
    expect((await feed(next)).status).toBe(200);
  });

  it('accepts an id in the body when it equals the path’s', async () => {
    const res = await saved(
      await put('new-shop', { ...entry({ name: 'New Shop' }), id: 'new-shop' }),
    );
    expect(res.partner.name).toBe('New Shop');
  });
});

describe('operator partners: hostile input', () => {
  const big = JSON.stringify({ ...entry({ name: 'x'.repeat(300 * 1024) }), secret: SECRET });
  const cases: [string, string, unknown, number, string, string?][] = [
    // [what, path id, body (string: raw text), status, problem type, errors[].path]
    [
      'a body id other than the path’s',
      'new-shop',
      { ...entry(), id: 'demo-shop' },
      422,
      'validation',
      'id',
    ],
    ['an upper-case id', 'New-Shop', { ...entry(), secret: SECRET }, 422, 'validation', 'id'],
    ['a one-letter id', 'n', { ...entry(), secret: SECRET }, 422, 'validation', 'id'],
    ['a 65-character id', 'n'.repeat(65), { ...entry(), secret: SECRET }, 422, 'validation', 'id'],
    ['an id with U+0000', 'new%00shop', { ...entry(), secret: SECRET }, 422, 'validation', 'id'],
    [
      'a name with U+0000',
      'nul-shop',
      { ...entry({ name: 'Nul\u0000Shop' }), secret: SECRET },
      422,
      'validation',
      'name',
    ],
    [
      'a name with a lone surrogate',
      'lone-shop',
      `{"name":"Lone \\ud800 Shop","domains":["lone.example"],"earn":{"pointsPerUnit":1,"currency":"EUR"},"secret":"${SECRET}"}`,
      422,
      'validation',
      'name',
    ],
    [
      'a rule selector with U+0000',
      'rule-shop',
      {
        ...entry({
          rules: [
            {
              urlPattern: '/thanks',
              orderRef: { selector: '#o\u0000' },
              total: { selector: '#t' },
            },
          ],
        }),
        secret: SECRET,
      },
      422,
      'validation',
      'rules.0.orderRef.selector',
    ],
    [
      'a rule pattern that is no RegExp',
      'rule-shop',
      {
        ...entry({
          rules: [{ urlPattern: '(', orderRef: { selector: '#o' }, total: { selector: '#t' } }],
        }),
        secret: SECRET,
      },
      422,
      'validation',
      'rules.0.urlPattern',
    ],
    [
      'pointsPerUnit 1e309',
      'big-shop',
      `{"name":"Big","domains":["big.example"],"earn":{"pointsPerUnit":1e309,"currency":"EUR"},"secret":"${SECRET}"}`,
      422,
      'validation',
      'earn.pointsPerUnit',
    ],
    [
      'confirmationDays 366',
      'new-shop',
      entry({ confirmationDays: 366 }),
      422,
      'validation',
      'confirmationDays',
    ],
    [
      'confirmationDays -1',
      'new-shop',
      entry({ confirmationDays: -1 }),
      422,
      'validation',
      'confirmationDays',
    ],
    [
      'a negative rate',
      'new-shop',
      entry({ earn: { pointsPerUnit: -2, currency: 'EUR' } }),
      422,
      'validation',
      'earn.pointsPerUnit',
    ],
    [
      'memberClaimsPerHour 100001',
      'new-shop',
      { ...entry(), memberClaimsPerHour: 100_001 },
      422,
      'validation',
      'memberClaimsPerHour',
    ],
    [
      'memberClaimsPerHour 1.5',
      'new-shop',
      { ...entry(), memberClaimsPerHour: 1.5 },
      422,
      'validation',
      'memberClaimsPerHour',
    ],
    [
      '51 domains',
      'new-shop',
      entry({ domains: Array.from({ length: 51 }, (_, i) => `d${i}.example`) }),
      422,
      'validation',
      'domains',
    ],
    ['a new partner without a secret', 'nosecret-shop', entry(), 422, 'validation', 'secret'],
    ['a short secret', 'short-shop', { ...entry(), secret: 'short' }, 422, 'validation', 'secret'],
    [
      'a secret with a space',
      'space-shop',
      { ...entry(), secret: 'has a space 0123456789' },
      422,
      'validation',
      'secret',
    ],
    ['a misspelt field', 'new-shop', { ...entry(), memberClaimPerHour: 5 }, 422, 'validation'],
    ['an array', 'new-shop', [entry()], 422, 'validation'],
    ['null', 'new-shop', 'null', 422, 'validation'],
    ['a body that is not JSON', 'new-shop', '{"name": "New Shop",', 400, 'validation'],
    ['a huge body', 'huge-shop', big, 413, 'payload-too-large'],
  ];

  for (const [what, id, body, status, type, errorPath] of cases) {
    it(`refuses ${what} with ${status} and changes nothing`, async () => {
      const before = await snapshot();
      const problem = await expectProblem(await put(id, body), status, type);
      if (errorPath) expect(problem.errors?.map((e) => e.path)).toContain(errorPath);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('refuses a body sent as text/plain with 415 and changes nothing', async () => {
    const before = await snapshot();
    await expectProblem(
      await put('new-shop', JSON.stringify(entry()), { ...OPERATOR, 'content-type': 'text/plain' }),
      415,
      'validation',
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('operator partners: concurrency', () => {
  it('concurrent creates of one new id all succeed (or conflict), never 5xx, and leave one partner', async () => {
    const id = `race-${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => put(id, { ...entry({ name: `Race ${n}` }), secret: SECRET })),
    );
    const statuses = results.map((r) => r.status);
    expect(
      statuses.every((s) => s === 200 || s === 409),
      String(statuses),
    ).toBe(true);
    const ok = await Promise.all(results.filter((r) => r.status === 200).map((r) => r.json()));
    expect(ok.filter((b) => (b as { created: boolean }).created)).toHaveLength(1);
    const { rows } = await sql<{ n: string | number }>`
      SELECT count(*) AS n FROM partners WHERE id = ${id}`.execute(ctx.db);
    expect(Number(rows[0]!.n)).toBe(1);
    const listed = PartnerCatalogue.parse(await (await catalogue()).json());
    expect(listed.partners.filter((p) => p.id === id)).toHaveLength(1);
  });
});
