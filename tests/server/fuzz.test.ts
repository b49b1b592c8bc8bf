import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies } from '../../server/services/ledger';
import { signHeader } from '../../server/services/signature';
import { claimOp, createTestContext, DEMO_SECRET, entryCount, type TestContext } from './helpers';

/**
 * Property tests: random JSON, mutated valid bodies, garbage bytes and
 * garbage headers at every endpoint. The server must answer 4xx (or a 2xx
 * when the mutation happened to stay valid), never 5xx, and a refused
 * request must leave the ledger as it was.
 */
let ctx: TestContext;
let token: string;
let orderRef: string;
beforeAll(async () => {
  ctx = await createTestContext({ faults: { fail: 0, drop: 0, maxDelayMs: 0 } });
  token = (await ctx.signIn()).token;
  orderRef = `FUZZ-${randomUUID()}`;
  await ctx.sync(token, { cursor: 0, ops: [claimOp({ orderRef })] });
});
afterAll(() => ctx.close());

const RUNS = 60;
const printable = fc.stringMatching(/^[\x20-\x7e]{0,80}$/);

/** A JSON value that is a valid body with one random thing changed. */
function mutated(valid: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v))
        walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
    }
  };
  walk(valid, []);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.oneof(fc.jsonValue(), fc.constant(undefined)),
      fc.boolean(),
    )
    .map(([path, replacement, drop]) => {
      const copy = structuredClone(valid) as Record<string | number, unknown>;
      if (path.length === 0) return replacement;
      let node: Record<string | number, unknown> = copy;
      for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      if (drop) delete node[last];
      else node[last] = replacement;
      return copy;
    });
}

const validBodies = () => ({
  '/v1/auth/start': { email: 'fuzz@example.test' },
  '/v1/auth/verify': { email: 'fuzz@example.test', code: '123456' },
  '/v1/sync': { cursor: 0, ops: [claimOp()] },
  '/v1/partners/demo-shop/orders': {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef: `NOPE-${randomUUID()}`,
  },
  '/v1/dev/faults': { fail: 0, drop: 0, maxDelayMs: 0 },
});

type Body = { kind: 'json'; value: unknown } | { kind: 'text'; text: string; type: string };

const bodyArb = (valid: unknown): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 3, arbitrary: mutated(valid).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.string({ unit: 'binary' }),
            fc.constantFrom('{', '{"cursor":', '[]', 'null', '{"ops":[{]}', '\u0000'),
          ),
          fc.constantFrom(
            'application/json',
            'text/plain',
            '',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-8',
          ),
        )
        .map(([text, type]) => ({ kind: 'text' as const, text, type })),
    },
  );

async function send(path: string, body: Body, extra: Record<string, string>) {
  const text =
    body.kind === 'json' ? (body.value === undefined ? '' : JSON.stringify(body.value)) : body.text;
  const headers: Record<string, string> = {
    ...(body.kind === 'json'
      ? { 'content-type': 'application/json' }
      : body.type
        ? { 'content-type': body.type }
        : {}),
    ...extra,
  };
  if (path.includes('/orders') && !('pointpilot-signature' in extra)) {
    headers['pointpilot-signature'] = signHeader(DEMO_SECRET, text);
  }
  return ctx.app.request(path, { method: 'POST', headers, body: text });
}

async function expectRefusedCleanly(res: Response, before: number) {
  expect(res.status, await res.clone().text()).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { type: string; status: number };
    expect(problem.status).toBe(res.status);
    expect(problem.type).toMatch(/^https:\/\/pointpilot\.dev\/problems\//);
    expect(JSON.stringify(problem)).not.toMatch(/\bat .*\.ts:\d+/); // no stack traces
    expect(await entryCount(ctx)).toBe(before);
  }
}

describe('random and mutated input never causes a 5xx', () => {
  for (const [path, valid] of Object.entries(validBodies())) {
    it(`POST ${path}`, async () => {
      await fc.assert(
        fc.asyncProperty(bodyArb(valid), fc.boolean(), async (body, authed) => {
          const before = await entryCount(ctx);
          const res = await send(path, body, authed ? { authorization: `Bearer ${token}` } : {});
          // A mutation of the faults body may be valid: switch faults off again.
          ctx.faults.current = { fail: 0, drop: 0, maxDelayMs: 0 };
          await expectRefusedCleanly(res, before);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('garbage headers on every route', async () => {
    const routes = [
      ['GET', '/v1/me'],
      ['GET', '/v1/partners'],
      ['POST', '/v1/sync'],
      ['POST', '/v1/auth/signout'],
      ['POST', '/v1/partners/demo-shop/orders'],
      ['GET', '/v1/dev/last-code'],
      ['GET', '/healthz'],
      ['DELETE', '/v1/sync'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.record(
          {
            authorization: fc.oneof(
              printable,
              printable.map((s) => `Bearer ${s}`),
            ),
            'content-type': printable,
            'if-none-match': printable,
            'pointpilot-signature': fc.oneof(
              printable,
              fc.integer().map((t) => `t=${t},v1=${'ab'.repeat(32)}`),
            ),
            'x-request-id': printable,
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue(),
        async ([method, path], headers, json) => {
          const before = await entryCount(ctx);
          const res = await ctx.app.request(path, {
            method,
            headers,
            body: method === 'GET' ? undefined : JSON.stringify(json),
          });
          await expectRefusedCleanly(res, before);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('random query strings and path ids', async () => {
    await fc.assert(
      fc.asyncProperty(printable, printable, async (id, q) => {
        const before = await entryCount(ctx);
        const a = await ctx.app.request(`/v1/partners/${encodeURIComponent(id)}/orders`, {
          method: 'POST',
          body: '{}',
        });
        await expectRefusedCleanly(a, before);
        const b = await ctx.app.request(`/v1/dev/last-code?email=${encodeURIComponent(q)}`);
        await expectRefusedCleanly(b, before);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves the ledger consistent', async () => {
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });
});
