import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies } from '../../server/services/ledger';
import { signHeader } from '../../server/services/signature';
import { PartnerOrderResult, SyncResponse } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, DEMO_SECRET, type TestContext } from './helpers';

/**
 * Property tests ("Must show 2"): mutated valid bodies, random JSON and
 * garbage bytes over the full Unicode range (lone surrogates, U+0000,
 * U+FFFF, bidi overrides, graphemes), boundary and huge numbers (-0, 2^31,
 * 2^53, 1e11 ± 1, 1e308, 1e400 = Infinity), malformed and mixed-case UUIDs
 * and other members' op ids, at /v1/sync, /v1/auth/*, and the signed partner
 * webhook (signed correctly, so the fuzz gets past the signature check).
 *
 * Properties: never a 5xx; a refused request (4xx) leaves the ledger as it
 * was (entries, balances, and no discrepancy); in a 200 sync answer every op
 * gets its ack and the new entries are exactly the newly accepted ops (plus
 * the refusal entries of refused well-formed claims).
 *
 * Reproduce a failure with FUZZ_SEED=<seed printed in the failure>; scale the
 * run counts with FUZZ_SCALE (e.g. 0.1 for a quick look, 4 for a long soak).
 */
const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const TIMEOUT = 240_000;

/** Runs per endpoint, counted as they happen; the last test checks the total. */
const RUNS = {
  '/v1/sync': runs(1_400),
  '/v1/sync mixed batches': runs(600),
  '/v1/partners/demo-shop/orders': runs(1_500),
  '/v1/auth/start': runs(500),
  '/v1/auth/verify': runs(500),
  '/v1/auth/signout': runs(500),
};
const counted = new Map<string, number>();
const count = (key: string) => counted.set(key, (counted.get(key) ?? 0) + 1);
/** What the fuzz reached (status codes, ack codes); printed with FUZZ_STATS=1. */
const reached = new Map<string, number>();
const saw = (what: string) => reached.set(what, (reached.get(what) ?? 0) + 1);

async function check<Ts extends unknown[]>(
  prop: fc.IAsyncPropertyWithHooks<Ts>,
  numRuns: number,
): Promise<void> {
  try {
    await fc.assert(prop, { numRuns, seed: SEED });
  } catch (err) {
    // fast-check prints seed and path; the env var reruns the whole file alike.
    (err as Error).message = `[rerun with FUZZ_SEED=${SEED}] ${(err as Error).message}`;
    throw err;
  }
}

// ---------------------------------------------------------------------------
// JSON with numbers JSON.stringify cannot write (-0, 1e400, 30-digit integers)

/** A number written verbatim into the JSON text. */
class RawNumber {
  constructor(readonly text: string) {}
}

/**
 * Stands for the newest seq at the time of sending: a sync with it as cursor
 * gets no old changes back (a cursor of 0 would page through the member's
 * whole ledger every time and make the fuzz slow, not better).
 */
const LIVE_CURSOR = new RawNumber('<live cursor>');
let liveCursor = 0;

/** A deep copy that keeps RawNumbers (structuredClone would make them plain objects). */
const clone = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(clone)
    : v && typeof v === 'object' && !(v instanceof RawNumber)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]))
      : v;

/** JSON.stringify, but -0 stays -0, ±Infinity becomes ±1e400 and RawNumbers are copied as written. */
function toJson(v: unknown): string {
  if (v === undefined) return '';
  if (v === LIVE_CURSOR) return String(liveCursor);
  if (v instanceof RawNumber) return v.text;
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return '-0';
    if (Number.isNaN(v)) return 'null';
    if (!Number.isFinite(v)) return v > 0 ? '1e400' : '-1e400';
    return JSON.stringify(v);
  }
  if (Array.isArray(v))
    return `[${v.map((x) => (x === undefined ? 'null' : toJson(x))).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const parts = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

// ---------------------------------------------------------------------------
// Leaves: strings, numbers, ids

const SPECIALS = [
  '\u0000',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\uDE00\uD83D', // a surrogate pair the wrong way round
  '\uFFFF',
  '\uFFFE',
  '\uFFFD',
  '\uFEFF',
  '\u202E',
  '\u200B',
  '\u2028',
  '\u0085',
  '\u00A0',
  '\u001F',
  '\u007F',
  '\r\n',
  '\t',
  '\\',
  '"',
  '\uD83D\uDE00',
  'e\u0301',
  '\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67',
  '\u{10FFFF}',
  '%00',
  "'; DROP TABLE entries; --",
] as const;

const special = fc.constantFrom(...SPECIALS);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** One unit of text anywhere in U+0000..U+10FFFF, lone surrogate halves included. */
const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: special },
);
const insertAt = ([s, x, at]: [string, string, number]) => {
  const i = s.length === 0 ? 0 : at % (s.length + 1);
  return s.slice(0, i) + x + s.slice(i);
};
const printable = fc.stringMatching(/^[\x20-\x7e]{0,80}$/);
/** Lengths around the contract's limits (event id 100, order ref 128, email 254, conflict 300). */
const LIMITS = [0, 1, 63, 64, 65, 99, 100, 101, 127, 128, 129, 253, 254, 255, 299, 300, 301, 501];
const wildString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 40 }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  special,
  fc.tuple(printable, fc.oneof(special, loneSurrogate), fc.nat()).map(insertAt),
  fc
    .tuple(fc.constantFrom(...LIMITS), fc.constantFrom('x', ' ', '\uD83D\uDE00', '\u0000', '7'))
    .map(([n, c]) => c.repeat(Math.ceil(n / c.length)).slice(0, n)),
  // A surrogate pair across a length limit: cutting there leaves half of it.
  fc.constantFrom(...LIMITS).map((n) => `${'x'.repeat(Math.max(0, n - 1))}\uD83D\uDE00`),
);

const BOUNDARY_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  0.1 + 0.2,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e11 - 1,
  1e11,
  1e11 + 1,
  1e11 + 0.5,
  10_000_000,
  10_000_001,
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  Infinity, // written as 1e400
  -Infinity,
];
const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  '-0',
  '-0.0',
  '0e0',
  '0.0',
  '1.0',
  '1e2',
  '1E11',
  '100000000000.0',
  '100000000000.00001',
  '9007199254740993',
  '123456789012345678901234567890',
  '4.9e-324',
  '1e-400',
  '2147483648.0',
];
const wildNumber: fc.Arbitrary<number | RawNumber> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...BOUNDARY_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS).map((t) => new RawNumber(t)) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.maxSafeInteger() },
  {
    weight: 1,
    arbitrary: fc
      .bigInt({ min: -(2n ** 90n), max: 2n ** 90n })
      .map((b) => new RawNumber(b.toString())),
  },
);

const uuid = fc.uuid();
/** Unbiased: small values are not preferred, so two runs rarely share an id. */
const freshUuid = fc.noBias(fc.uuid());
const mixCase = ([u, flips]: [string, boolean[]]) =>
  [...u].map((ch, i) => (flips[i] ? ch.toUpperCase() : ch)).join('');
/** UUID-ish ids: valid in any case, and malformed (braces, no dashes, urn, cut, odd versions). */
const wildUuid = (others: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    uuid,
    uuid.map((u) => u.toUpperCase()),
    fc.tuple(uuid, fc.array(fc.boolean(), { minLength: 36, maxLength: 36 })).map(mixCase),
    uuid.map((u) => `{${u}}`),
    uuid.map((u) => u.replaceAll('-', '')),
    uuid.map((u) => `urn:uuid:${u}`),
    uuid.map((u) => ` ${u} `),
    uuid.map((u) => `${u}\n`),
    uuid.map((u) => u.slice(0, 35)),
    uuid.map((u) => `${u}0`),
    uuid.map((u) => u.replace(/[a-f]/, '\u0430')), // Cyrillic a
    uuid.map((u) => `${u}\u0000`),
    fc.uuid({ version: [9, 10, 11, 12, 13, 14, 15] }),
    fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    ),
    ...(others.length > 0
      ? [fc.constantFrom(...others), fc.constantFrom(...others).map((u) => u.toUpperCase())]
      : []),
  );

/** Any replacement value: a wild leaf, an id, random JSON, an empty container, or nothing. */
const wildValue = (others: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: wildString },
    { weight: 4, arbitrary: wildNumber },
    { weight: 2, arbitrary: wildUuid(others) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, undefined, '', '[]', '{}') },
  );

// ---------------------------------------------------------------------------
// Mutations of valid bodies

type Path = (string | number)[];
type Mutation = { at: number; kind: 'set' | 'drop' | 'inject' | 'number' | 'case' | 'dup' };

function paths(v: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (v && typeof v === 'object' && !(v instanceof RawNumber)) {
    for (const [k, child] of Object.entries(v))
      paths(child, [...path, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

/** `valid` with the mutations applied, each at a path chosen by `at`; replacements come from `values`. */
function applyMutations(valid: unknown, mutations: [Mutation, unknown, string, number][]): unknown {
  let root: unknown = clone(valid);
  for (const [m, replacement, injected, boundary] of mutations) {
    const all = paths(root);
    const path = all[m.at % all.length]!;
    const get = (p: Path) =>
      p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], root);
    const current = get(path);
    let next: unknown = replacement;
    if (m.kind === 'inject' && typeof current === 'string')
      next = insertAt([current, injected, m.at]);
    else if (m.kind === 'number') next = BOUNDARY_NUMBERS[boundary % BOUNDARY_NUMBERS.length];
    else if (m.kind === 'case' && typeof current === 'string') next = current.toUpperCase();
    if (path.length === 0) {
      root = m.kind === 'drop' ? undefined : next;
      continue;
    }
    const parent = get(path.slice(0, -1)) as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (m.kind === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (m.kind === 'dup' && Array.isArray(parent)) {
      parent.push(clone(parent[Number(last)]));
    } else parent[last] = next;
  }
  return root;
}

const mutationsArb = (others: string[], max = 3) =>
  fc.array(
    fc.tuple(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('set', 'set', 'drop', 'inject', 'inject', 'number', 'case', 'dup'),
      }) as fc.Arbitrary<Mutation>,
      wildValue(others),
      fc.oneof(special, loneSurrogate, anyUnit),
      fc.nat(),
    ),
    { maxLength: max },
  );

/** A valid body with up to `max` random things changed (zero: the valid body itself). */
const mutated = (valid: fc.Arbitrary<unknown>, others: string[] = [], max = 3) =>
  fc.tuple(valid, mutationsArb(others, max)).map(([v, ms]) => applyMutations(v, ms));

// ---------------------------------------------------------------------------
// Bodies and requests

type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string; type: string }
  | { kind: 'bytes'; bytes: Uint8Array; type: string };

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON',
  'application/problem+json',
  'application/json-patch+json',
  'application/json; charset=utf-16',
  'text/plain',
  'text/json',
  '',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
];

const garbageText = (valid: unknown) =>
  fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: anyUnit, maxLength: 60 }),
    fc.nat().map((n) => {
      const text = toJson(valid);
      return text.slice(0, n % (text.length + 1)); // cut anywhere
    }),
    fc.constantFrom(
      '',
      ' ',
      '{',
      '[]',
      'null',
      '0',
      '-0',
      '1e400',
      '"\\ud800"',
      '{"cursor":1e400}',
      '{"cursor":-0,"ops":[]}',
      '{"cursor":0,"cursor":-1}',
      '{"ops":[{]}',
      '{"ops":{"length":1}}',
      '{"__proto__":{"cursor":1},"ops":[]}',
      '{"constructor":{"prototype":{"x":1}}}',
      '\u0000',
      '\uFEFF{}',
      '{"a":"\\u0000"}',
      '{"a":"\\udfff\\ud800"}',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `{"ops":${'['.repeat(2000)}${']'.repeat(2000)}}`,
    ),
  );

/** Bytes that are not UTF-8 (or barely): the server decodes them with U+FFFD. */
const garbageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom(
    Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), // UTF-16 LE "{}"
    Uint8Array.from(Buffer.from('{"email":"\xED\xA0\x80@example.test"}', 'latin1')), // CESU surrogate
    Uint8Array.from(Buffer.from('{"orderRef":"\xC0\xAF"}', 'latin1')), // overlong "/"
    Uint8Array.from(Buffer.from('{"cursor":0,"ops":[{"id":"\xF4\x90\x80\x80"}]}', 'latin1')), // > U+10FFFF
  ),
);

const bodyArb = (valid: fc.Arbitrary<unknown>, others: string[] = []): fc.Arbitrary<Body> =>
  fc.oneof(
    // The valid body itself: the paths behind validation get their share too.
    { weight: 2, arbitrary: valid.map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 8,
      arbitrary: mutated(valid, others).map((value) => ({ kind: 'json' as const, value })),
    },
    {
      weight: 1,
      arbitrary: fc.jsonValue().map((value) => ({ kind: 'json' as const, value })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          valid.chain((v) => garbageText(v)),
          fc.constantFrom(...CONTENT_TYPES),
        )
        .map(([text, type]) => ({ kind: 'text' as const, text, type })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(garbageBytes, fc.constantFrom(...CONTENT_TYPES))
        .map(([bytes, type]) => ({ kind: 'bytes' as const, bytes, type })),
    },
  );

const bodyText = (body: Body) =>
  body.kind === 'json'
    ? toJson(body.value)
    : body.kind === 'text'
      ? body.text
      : new TextDecoder().decode(body.bytes); // what the server reads (and must verify)

/** POSTs the body; webhook bodies are signed correctly unless `extra` names a signature ('' = none). */
async function send(path: string, body: Body, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = {
    ...(body.kind === 'json'
      ? { 'content-type': 'application/json' }
      : body.type
        ? { 'content-type': body.type }
        : {}),
    ...extra,
  };
  if (path.includes('/orders') && !('pointpilot-signature' in extra)) {
    headers['pointpilot-signature'] = signHeader(DEMO_SECRET, bodyText(body));
  }
  if (headers['pointpilot-signature'] === '') delete headers['pointpilot-signature'];
  const raw =
    body.kind === 'json' ? toJson(body.value) : body.kind === 'text' ? body.text : body.bytes;
  return ctx.app.request(path, { method: 'POST', headers, body: raw as BodyInit });
}

// ---------------------------------------------------------------------------
// Ledger probes

interface Snapshot {
  entries: number;
  maxSeq: number;
  /** Every member's available, pending and last_seq (all-zero rows left out), hashed. */
  balances: string;
}

/** The ledger in a nutshell; also moves the live cursor to the newest seq. */
async function snapshot(): Promise<Snapshot> {
  const { rows } = await sql<{
    entries: string | number;
    max_seq: string | number;
    balances: string;
  }>`
    SELECT e.entries, e.max_seq, b.balances
    FROM (SELECT count(*) AS entries, COALESCE(max(seq), 0) AS max_seq FROM entries) e,
      (SELECT md5(COALESCE(string_agg(concat_ws(':', member_id, available, pending, last_seq), ','
        ORDER BY member_id), '')) AS balances FROM balances
        -- A first sign-in adds an all-zero row: no ledger change.
        WHERE available <> 0 OR pending <> 0 OR last_seq <> 0) b`.execute(ctx.db);
  const r = rows[0]!;
  const snap = { entries: Number(r.entries), maxSeq: Number(r.max_seq), balances: r.balances };
  liveCursor = snap.maxSeq;
  return snap;
}

const describeRequest = (path: string, body: Body) =>
  `${path} ${body.kind === 'bytes' ? `bytes ${Buffer.from(body.bytes).toString('hex')}` : JSON.stringify(bodyText(body)).slice(0, 2000)}`;

/** < 500; a 4xx is a well-formed problem and changed nothing in the ledger. */
async function expectRefusedCleanly(res: Response, before: Snapshot, what: string) {
  saw(`${what.split(' ')[0]} ${res.status}`);
  expect(res.status, `${what} -> ${await res.clone().text()}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), what).toBe('application/problem+json');
    const problem = (await res.clone().json()) as { type: string; status: number };
    expect(problem.status, what).toBe(res.status);
    expect(problem.type, what).toMatch(/^https:\/\/pointpilot\.dev\/problems\//);
    expect(JSON.stringify(problem), what).not.toMatch(/\bat .*\.ts:\d+/); // no stack traces
    expect(await snapshot(), `${what}: a refused request changed the ledger`).toEqual(before);
    expect(await ledgerDiscrepancies(ctx.db), what).toEqual([]);
  }
}

// ---------------------------------------------------------------------------
// Fixture

let ctx: TestContext;
/** The member who syncs the fuzzed ops. */
let fuzzer: { token: string; email: string };
/** Another member: its op ids (and an entry id that is no op's) are fed to the fuzzer. */
let otherIds: string[] = [];
/** The buyer the webhook fuzz confirms for, and a second member who claims the same orders. */
let buyer: { token: string; email: string; memberNumber: string };
let rival: { token: string; email: string; memberNumber: string };
/** Orders the buyer claimed (webhook fuzz picks from these). */
const orderPool: string[] = [];

const ISO = '2025-06-01T12:00:00.000Z';
const PARTNERS = ['demo-shop', 'book-corner', 'green-grocer', 'travel-hub', 'no-such-shop'];

beforeAll(async () => {
  ctx = await createTestContext({
    faults: { fail: 0, drop: 0, maxDelayMs: 0 },
    // The fuzz claims thousands of orders: the hourly fraud limits would soon
    // refuse every valid claim and hide the paths behind them.
    claimsPerMemberHour: 1_000_000_000,
  });
  await sql`UPDATE partners SET member_claims_per_hour = 1000000000`.execute(ctx.db);

  const a = await ctx.signIn();
  fuzzer = { token: a.token, email: a.member.email };
  const b = await ctx.signIn();
  buyer = { token: b.token, email: b.member.email, memberNumber: b.member.memberNumber };
  const c = await ctx.signIn();
  rival = { token: c.token, email: c.member.email, memberNumber: c.member.memberNumber };

  // The rival's op ids: accepted, rejected, and one settled by a webhook.
  const settled = `OTHER-${randomUUID()}`;
  const rivalOps = [
    claimOp({ orderRef: settled }),
    claimOp(),
    claimOp({ orderRef: '' }), // rejected as invalid
    claimOp({ partnerId: 'no-such-shop' }), // rejected as unknown partner
  ];
  const r = await ctx.sync(rival.token, { cursor: 0, ops: rivalOps });
  expect(r.status).toBe(200);
  const confirm = await ctx.webhook('demo-shop', {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef: settled,
    buyer: buyerProof(rival.email),
  });
  expect(confirm.status).toBe(200);
  const { rows } = await sql<{ id: string }>`
    SELECT e.id FROM entries e JOIN members m ON m.id = e.member_id
    WHERE m.email = ${rival.email} AND e.kind = 'confirm'`.execute(ctx.db);
  otherIds = [...rivalOps.map((o) => o.id), ...rows.map((x) => x.id)];
  expect(otherIds).toHaveLength(5);

  // Orders for the webhook fuzz: one confirmed (so returns reach the ledger), some open.
  for (let i = 0; i < 4; i++) orderPool.push(await claimFor(buyer, `POOL-${i}-${randomUUID()}`));
  const ok = await ctx.webhook('demo-shop', {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef: orderPool[0],
    buyer: buyerProof(buyer.email),
  });
  expect(ok.status).toBe(200);
  expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
}, 120_000);
afterAll(() => ctx?.close());

async function claimFor(member: { token: string }, orderRef: string, minor = 1234) {
  const r = await ctx.sync(member.token, {
    cursor: Number.MAX_SAFE_INTEGER, // no changes back: only the ack matters
    ops: [claimOp({ orderRef, total: { minor, currency: 'EUR' } })],
  });
  expect(r.status).toBe(200);
  expect(r.body.acks[0]?.status, JSON.stringify(r.body.acks)).toBe('accepted');
  return orderRef;
}

// ---------------------------------------------------------------------------
// /v1/sync

/** A valid claim op (fresh id and order) as the extension sends it. */
const validOp = fc
  .record({
    id: freshUuid,
    ref: freshUuid,
    partnerId: fc.constantFrom(...PARTNERS),
    minor: fc.oneof(fc.integer({ min: 0, max: 500_000 }), fc.constantFrom(0, 1e11, 1e11 - 1)),
    currency: fc.constantFrom('EUR', 'EUR', 'USD', 'JPY'),
    tax: fc.boolean(),
    conflicts: fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 2 }),
  })
  .map(({ id, ref, partnerId, minor, currency, tax, conflicts }) => ({
    id,
    type: 'claim',
    createdAt: ISO,
    claim: {
      partnerId,
      orderRef: `FZ-${ref}`,
      total: { minor, currency },
      ...(tax ? { tax: { minor: Math.floor(minor / 5), currency } } : {}),
      detectedAt: ISO,
      signals: ['jsonld'],
      conflicts,
    },
  }));

const validSync = fc.record({
  cursor: fc.oneof(
    { weight: 6, arbitrary: fc.constant(LIVE_CURSOR) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.nat() },
    { weight: 3, arbitrary: wildNumber },
  ),
  ops: fc.array(validOp, { minLength: 0, maxLength: 4 }),
});

type SentOp = { id?: unknown };

/** The sync properties of a 200 answer: contract shape, one ack per op, entries = new accepts. */
async function expectSyncAnswer(res: Response, sent: unknown, before: Snapshot, what: string) {
  const body = (await res.clone().json()) as SyncResponse;
  const parsed = SyncResponse.safeParse(body);
  expect(parsed.success, `${what}: 200 answer breaks the contract: ${parsed.error}`).toBe(true);
  const ops = ((sent as { ops?: SentOp[] }).ops ?? []) as SentOp[];
  expect(
    body.acks.map((a) => a.opId),
    `${what}: one ack per op, in order`,
  ).toEqual(ops.map((o) => o.id));
  const after = await snapshot();
  const fresh = new Set(
    body.acks.flatMap((a) => (a.status === 'accepted' && a.seq > before.maxSeq ? [a.seq] : [])),
  );
  // A refused well-formed claim stays in the history as a 'refusal' entry of its op.
  const { rows: refusals } = await sql<{ id: string }>`
    SELECT id FROM entries WHERE kind = 'refusal' AND seq > ${before.maxSeq}`.execute(ctx.db);
  const refused = new Set(
    body.acks.flatMap((a) => (a.status === 'rejected' ? [a.opId.toLowerCase()] : [])),
  );
  for (const r of refusals)
    expect(refused.has(r.id), `${what}: refusal of a refused op`).toBe(true);
  expect(
    after.entries - before.entries,
    `${what}: new entries = newly accepted ops + refusals`,
  ).toBe(fresh.size + refusals.length);
  for (const a of body.acks) {
    if (a.status === 'accepted') expect(a.seq, what).toBeLessThanOrEqual(after.maxSeq);
    saw(
      `/v1/sync ack ${a.status === 'accepted' ? (a.seq > before.maxSeq ? 'accepted' : 'accepted (replay)') : a.code}`,
    );
  }
  expect(await ledgerDiscrepancies(ctx.db), what).toEqual([]);
}

describe('fuzz: /v1/sync', () => {
  it(
    'random, mutated and garbage bodies never cause a 5xx or a ledger change when refused',
    async () => {
      const hugeBatch = fc
        .array(validOp, { minLength: 101, maxLength: 101 })
        .map((ops) => ({ kind: 'json' as const, value: { cursor: LIVE_CURSOR, ops } }));
      await check(
        fc.asyncProperty(
          fc.oneof(
            { weight: 30, arbitrary: bodyArb(validSync, otherIds) },
            { weight: 1, arbitrary: hugeBatch as fc.Arbitrary<Body> },
          ),
          fc.oneof(
            { weight: 16, arbitrary: fc.constant('fuzzer') },
            { weight: 2, arbitrary: fc.constant('rival') },
            { weight: 1, arbitrary: fc.constantFrom('none', 'bad') },
          ),
          async (body, who) => {
            count('/v1/sync');
            const auth: Record<string, string> =
              who === 'fuzzer'
                ? { authorization: `Bearer ${fuzzer.token}` }
                : who === 'rival'
                  ? { authorization: `Bearer ${rival.token}` }
                  : who === 'bad'
                    ? { authorization: `Bearer ${'x'.repeat(43)}` }
                    : {};
            const before = await snapshot();
            const res = await send('/v1/sync', body, auth);
            const what = describeRequest('/v1/sync', body);
            await expectRefusedCleanly(res, before, what);
            if (res.status === 200 && body.kind === 'json') {
              await expectSyncAnswer(res, body.value, before, what);
            }
            if (who === 'none' || who === 'bad') expect(res.status, what).toBe(401);
          },
        ),
        RUNS['/v1/sync'],
      );
    },
    TIMEOUT,
  );

  it(
    'a valid op next to a poison op: an ack for each, the valid one accepted',
    async () => {
      // Poison: a claim with up to 4 wild changes, under an id the server can
      // still answer (any case, nil/max, another member's, an entry's).
      const poisonId = fc.oneof(
        uuid,
        uuid.map((u) => u.toUpperCase()),
        fc.tuple(uuid, fc.array(fc.boolean(), { minLength: 36, maxLength: 36 })).map(mixCase),
        // (Upper-case FFFF…FFFF is no UUID to zod, unlike every other upper-case UUID.)
        fc.constantFrom(
          '00000000-0000-0000-0000-000000000000',
          'ffffffff-ffff-ffff-ffff-ffffffffffff',
        ),
        fc.constantFrom(...otherIds),
        fc.constantFrom(...otherIds).map((u) => u.toUpperCase()),
      );
      const poison = fc.tuple(validOp, mutationsArb(otherIds, 4), poisonId).map(([op, ms, id]) => {
        const bad = applyMutations(op, ms);
        const base = bad && typeof bad === 'object' && !Array.isArray(bad) ? bad : {};
        return { ...base, id };
      });
      await check(
        fc.asyncProperty(
          validOp,
          poison,
          fc.boolean(),
          fc.oneof(
            { weight: 8, arbitrary: fc.constant(LIVE_CURSOR) },
            { weight: 1, arbitrary: fc.constant(0) },
            {
              weight: 1,
              arbitrary: fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 1e11 + 1, -0),
            },
          ),
          async (good, bad, poisonFirst, cursor) => {
            count('/v1/sync mixed batches');
            // A fresh id and order whatever the shrinker does (the same id twice
            // would be one op, answered twice).
            const goodOp = {
              ...good,
              id: randomUUID(),
              claim: {
                ...good.claim,
                partnerId: 'demo-shop',
                orderRef: `GOOD-${randomUUID()}`,
                total: { minor: good.claim.total.minor % 100_000, currency: 'EUR' },
              },
            };
            const poisonOp = bad;
            const ops = poisonFirst ? [poisonOp, goodOp] : [goodOp, poisonOp];
            const sent = { cursor, ops };
            const body: Body = { kind: 'json', value: sent };
            const before = await snapshot();
            const what = describeRequest('/v1/sync', body);
            const res = await send('/v1/sync', body, { authorization: `Bearer ${fuzzer.token}` });
            expect(res.status, `${what} -> ${await res.clone().text()}`).toBe(200);
            await expectSyncAnswer(res, sent, before, what);
            const { acks } = (await res.json()) as SyncResponse;
            const ack = acks[poisonFirst ? 1 : 0]!;
            expect(ack.status, `${what}: ${JSON.stringify(ack)}`).toBe('accepted');
          },
        ),
        RUNS['/v1/sync mixed batches'],
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------
// /v1/partners/demo-shop/orders (signed)

const WEBHOOK = '/v1/partners/demo-shop/orders';

const webhookCase = fc.record({
  source: fc.constantFrom('fresh', 'fresh', 'contested', 'pool', 'pool', 'unknown'),
  ref: uuid,
  poolAt: fc.nat(),
  claimMinor: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(1, 5_000_000)),
  event: fc.constantFrom('confirm', 'confirm', 'confirm', 'cancel', 'return', 'return'),
  eventId: freshUuid,
  proof: fc.constantFrom('buyer-hmac', 'buyer-number', 'both', 'rival-hmac', 'nobody'),
  amount: fc.option(
    fc.record({
      minor: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(0, 1e11)),
      currency: fc.constantFrom('EUR', 'EUR', 'EUR', 'USD'),
    }),
  ),
  reason: fc.option(fc.string({ unit: 'grapheme', maxLength: 30 })),
  signature: fc.constantFrom(
    'good',
    'good',
    'good',
    'good',
    'good',
    'good',
    'good',
    'good',
    'upper',
    'rotated',
    'stale',
    'none',
  ),
});
type WebhookCase = typeof webhookCase extends fc.Arbitrary<infer T> ? T : never;

function webhookEvent(k: WebhookCase, orderRef: string): Record<string, unknown> {
  const base = { event: k.event, eventId: k.eventId, orderRef };
  const proof = {
    'buyer-hmac': buyerProof(buyer.email),
    'buyer-number': { memberNumber: buyer.memberNumber },
    both: { ...buyerProof(buyer.email), memberNumber: buyer.memberNumber },
    'rival-hmac': buyerProof(rival.email),
    nobody: buyerProof(`nobody-${k.eventId}@example.test`),
  }[k.proof];
  if (k.event === 'confirm')
    return { ...base, buyer: proof, ...(k.amount ? { amount: k.amount } : {}) };
  if (k.event === 'cancel') return { ...base, ...(k.reason !== null ? { reason: k.reason } : {}) };
  return { ...base, amount: k.amount ?? { minor: 500, currency: 'EUR' } };
}

function signatureFor(kind: WebhookCase['signature'], text: string): string | null {
  const good = signHeader(DEMO_SECRET, text);
  if (kind === 'upper') return good.replace(/v1=(\w+)/, (_, h: string) => `v1=${h.toUpperCase()}`);
  if (kind === 'rotated') return `${signHeader('old-secret', text)},${good.split(',')[1]}`;
  if (kind === 'stale') return signHeader(DEMO_SECRET, text, Date.now() - 301_000);
  if (kind === 'none') return null;
  return good;
}

/**
 * The one refusal that writes, by design (services/orders.ts): a confirmation
 * whose buyer has not claimed the order rejects the other members' claims and
 * answers 404 unrecorded. Only `reject … not-buyer` entries may appear.
 */
const BUYER_NOT_YET = /^No claim of order .* by its buyer yet/;

describe('fuzz: signed partner webhook', () => {
  it(
    'mutated events, correctly signed, never cause a 5xx or a ledger change when refused',
    async () => {
      const body = fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .tuple(webhookCase, mutationsArb(otherIds, 3), fc.nat({ max: 3 }))
            .map(([k, ms, keep]) => ({ k, ms: keep === 0 ? [] : ms, garbage: null })),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              webhookCase,
              bodyArb(
                webhookCase.map((k) => webhookEvent(k, orderPool[k.poolAt % orderPool.length]!)),
              ),
            )
            .map(([k, garbage]) => ({ k, ms: [], garbage })),
        },
      );
      await check(
        fc.asyncProperty(body, async ({ k, ms, garbage }) => {
          count(WEBHOOK);
          let orderRef = `NOPE-${k.ref}`;
          if (k.source === 'fresh' || k.source === 'contested') {
            orderRef = await claimFor(buyer, `WH-${randomUUID()}`, k.claimMinor);
            if (k.source === 'contested') await claimFor(rival, orderRef, k.claimMinor);
            orderPool.push(orderRef);
          } else if (k.source === 'pool') orderRef = orderPool[k.poolAt % orderPool.length]!;
          const event = applyMutations(webhookEvent(k, orderRef), ms);
          const req: Body = garbage ?? { kind: 'json', value: event };
          const text = bodyText(req);
          const sig = signatureFor(k.signature, text);
          const what = `${describeRequest(WEBHOOK, req)} signature=${k.signature}`;
          const before = await snapshot();
          const res = await send(WEBHOOK, req, { 'pointpilot-signature': sig ?? '' });
          if (k.signature === 'stale' || k.signature === 'none') {
            expect(res.status, what).toBe(401);
          }
          const detail = res.status === 404 ? ((await res.clone().json()).detail as string) : '';
          if (BUYER_NOT_YET.test(detail)) {
            saw(`${WEBHOOK} 404 (buyer has not claimed: other claims rejected)`);
            const { rows } = await sql<{ kind: string; code: string | null; n: string }>`
              SELECT kind, code, count(*) AS n FROM entries WHERE seq > ${before.maxSeq}
              GROUP BY kind, code`.execute(ctx.db);
            for (const r of rows) expect(`${r.kind}/${r.code}`, what).toBe('reject/not-buyer');
            expect(await ledgerDiscrepancies(ctx.db), what).toEqual([]);
            return;
          }
          await expectRefusedCleanly(res, before, what);
          if (res.status === 200) {
            const result = PartnerOrderResult.safeParse(await res.json());
            expect(result.success, `${what}: ${result.error}`).toBe(true);
            saw(`${WEBHOOK} 200 ${result.data?.status}`);
            expect(await ledgerDiscrepancies(ctx.db), what).toEqual([]);
          }
        }),
        RUNS[WEBHOOK],
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------
// /v1/auth/*

const emailArb = fc.oneof(
  uuid.map((u) => `fz-${u}@example.test`),
  uuid.map((u) => `FZ-${u.toUpperCase()}@EXAMPLE.TEST`),
  fc.emailAddress(),
  fc.constantFrom(
    'fuzz@example.test',
    'a@b.c',
    'a@bü.de',
    'ü@example.test',
    '"a b"@example.test',
    'a@[127.0.0.1]',
    'a@localhost',
    `${'a'.repeat(64)}@example.test`,
    `${'a'.repeat(65)}@example.test`,
    `${'a'.repeat(242)}@example.test`, // 254
    `${'a'.repeat(243)}@example.test`, // 255
    ' fuzz@example.test ',
    'fuzz@example.test\n',
    'fuzz\u0000@example.test',
    'fuzz\uD800@example.test',
    'fuzz@example.test\u202E',
    'fuzz@\uFF45xample.test', // fullwidth e
  ),
  wildString,
);

const CODE = '<<code>>';
const codeArb = fc.oneof(
  fc.constant(CODE),
  fc.stringMatching(/^\d{6}$/),
  fc.constantFrom(
    '000000',
    '١٢٣٤٥٦', // Arabic-Indic digits
    '１２３４５６', // fullwidth digits
    '12345\n',
    ' 123456',
    '1234567',
    '',
  ),
  wildNumber,
  wildString,
);

describe('fuzz: /v1/auth', () => {
  it(
    'POST /v1/auth/start',
    async () => {
      const valid = fc.record({ email: emailArb });
      await check(
        fc.asyncProperty(bodyArb(valid, otherIds), async (body) => {
          count('/v1/auth/start');
          const before = await snapshot();
          const res = await send('/v1/auth/start', body);
          const what = describeRequest('/v1/auth/start', body);
          await expectRefusedCleanly(res, before, what);
          expect([202, 400, 413, 415, 422, 429], what).toContain(res.status);
          expect(await snapshot(), what).toEqual(before); // sign-in never writes the ledger
        }),
        RUNS['/v1/auth/start'],
      );
    },
    TIMEOUT,
  );

  it(
    'POST /v1/auth/verify (sometimes with the right code, mutated)',
    async () => {
      const valid = fc.record({ email: emailArb, code: codeArb });
      await check(
        fc.asyncProperty(bodyArb(valid, otherIds), fc.boolean(), uuid, async (body, known, id) => {
          count('/v1/auth/verify');
          let req = body;
          if (known && body.kind === 'json') {
            // A code really sent: the mutations then hit a live sign-in.
            const email = `known-${id}@example.test`;
            const start = await ctx.post('/v1/auth/start', { email });
            expect(start.status).toBe(202);
            const code = ctx.devCodes!.get(email)!;
            const fill = (v: unknown): unknown =>
              v === CODE
                ? code
                : Array.isArray(v)
                  ? v.map(fill)
                  : v && typeof v === 'object' && !(v instanceof RawNumber)
                    ? Object.fromEntries(
                        Object.entries(v).map(([k, x]) => [k, k === 'email' ? email : fill(x)]),
                      )
                    : v;
            req = { kind: 'json', value: fill(body.value) };
          }
          const before = await snapshot();
          const res = await send('/v1/auth/verify', req);
          const what = describeRequest('/v1/auth/verify', req);
          await expectRefusedCleanly(res, before, what);
          expect([200, 400, 401, 413, 415, 422, 429], what).toContain(res.status);
          expect(await snapshot(), what).toEqual(before);
        }),
        RUNS['/v1/auth/verify'],
      );
    },
    TIMEOUT,
  );

  it(
    'POST /v1/auth/signout: a refused sign-out revokes nothing',
    async () => {
      let session = await ctx.signIn();
      const valid = fc.oneof(
        fc.constant(undefined),
        fc.record({ everywhere: fc.oneof(fc.boolean(), wildNumber, wildString) }),
      );
      const emptyish = fc.constantFrom('', ' ', '\n', '\t\r\n', '\uFEFF', '\u00A0', '\u2028');
      const authArb = fc.oneof(
        { weight: 8, arbitrary: fc.constant('valid') },
        {
          weight: 3,
          arbitrary: fc.oneof(
            fc.constantFrom('', 'Bearer', 'Bearer ', 'bearer <t>', 'Bearer  <t>', 'Bearer <t> x'),
            fc.constantFrom('Bearer <t>=', 'Basic <t>', 'Bearer <T>', `Bearer ${'A'.repeat(129)}`),
            fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => `Bearer ${s}`),
            fc.string({ unit: 'binary-ascii', maxLength: 60 }),
          ),
        },
      );
      await check(
        fc.asyncProperty(
          fc.oneof(
            { weight: 6, arbitrary: bodyArb(valid, otherIds) },
            {
              weight: 1,
              arbitrary: fc
                .tuple(emptyish, fc.constantFrom(...CONTENT_TYPES))
                .map(([text, type]) => ({ kind: 'text' as const, text, type }) as Body),
            },
          ),
          authArb,
          async (body, auth) => {
            count('/v1/auth/signout');
            const header =
              auth === 'valid'
                ? `Bearer ${session.token}`
                : auth
                    .replaceAll('<t>', session.token)
                    .replaceAll('<T>', session.token.toUpperCase())
                    // Header values are ByteStrings without NUL, CR, LF.
                    .replace(/[\0\r\n]/g, '');
            const before = await snapshot();
            const res = await send('/v1/auth/signout', body, { authorization: header });
            const what = `${describeRequest('/v1/auth/signout', body)} authorization=${JSON.stringify(header)}`;
            await expectRefusedCleanly(res, before, what);
            expect([204, 400, 401, 413, 415, 422], what).toContain(res.status);
            const me = await ctx.app.request('/v1/me', { headers: session.auth });
            if (res.status === 204) {
              expect(me.status, `${what}: token still valid after 204`).toBe(401);
              session = await ctx.signIn(); // a new member: codes per email are limited
            } else {
              expect(me.status, `${what}: a refused sign-out revoked the token`).toBe(200);
            }
          },
        ),
        RUNS['/v1/auth/signout'],
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------
// Everything else: dev faults, headers, path ids, query strings

describe('fuzz: other routes', () => {
  it('POST /v1/dev/faults', async () => {
    const valid = fc.record({
      fail: fc.constantFrom(0, 0.5, 1),
      drop: fc.constant(0),
      maxDelayMs: fc.constant(0),
    });
    await check(
      fc.asyncProperty(bodyArb(valid), async (body) => {
        const before = await snapshot();
        const res = await send('/v1/dev/faults', body);
        // A valid body switches faults on: switch them off again.
        ctx.faults.current = { fail: 0, drop: 0, maxDelayMs: 0 };
        await expectRefusedCleanly(res, before, describeRequest('/v1/dev/faults', body));
      }),
      runs(100),
    );
  });

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
      ['OPTIONS', '/v1/sync'],
    ] as const;
    const headerValue = fc.oneof(
      printable,
      fc.string({ unit: 'binary-ascii', maxLength: 80 }).map((s) => s.replace(/[\0\r\n]/g, '')),
    );
    await check(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.record(
          {
            authorization: fc.oneof(
              headerValue,
              headerValue.map((s) => `Bearer ${s}`),
            ),
            'content-type': fc.oneof(headerValue, fc.constantFrom(...CONTENT_TYPES)),
            'content-length': fc.oneof(headerValue, wildNumber.map(toJson)),
            'if-none-match': headerValue,
            origin: fc.oneof(headerValue, fc.constant('chrome-extension://abc')),
            'pointpilot-signature': fc.oneof(
              headerValue,
              fc.integer().map((t) => `t=${t},v1=${'ab'.repeat(32)}`),
              wildNumber.map((t) => `t=${toJson(t)},v1=${'ab'.repeat(32)}`),
            ),
            'x-forwarded-for': headerValue,
            'x-request-id': headerValue,
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue(),
        async ([method, path], headers, json) => {
          const before = await snapshot();
          let res: Response;
          try {
            res = await ctx.app.request(path, {
              method,
              headers,
              body: method === 'GET' || method === 'OPTIONS' ? undefined : JSON.stringify(json),
            });
          } catch (err) {
            // Only the Request constructor may refuse (e.g. a bad content-length), never the app.
            expect(String(err)).toMatch(/TypeError|content-length/i);
            return;
          }
          await expectRefusedCleanly(res, before, `${method} ${path} ${JSON.stringify(headers)}`);
        },
      ),
      runs(300),
    );
  });

  it('random path ids and query strings', async () => {
    // Percent-encoding of anything, invalid UTF-8 sequences included.
    const pathPart = fc.oneof(
      printable.map(encodeURIComponent),
      wildString.map((s) => encodeURIComponent(s.toWellFormed())),
      fc.constantFrom('%ED%A0%80', '%00', '%C0%AF', '%', '%zz', '%FF', 'DEMO-SHOP', 'demo-shop%20'),
      fc.constantFrom('demo-shop%00', '..%2F..%2Fsync', `${'a'.repeat(64)}`, `${'a'.repeat(65)}`),
    );
    await check(
      fc.asyncProperty(pathPart, pathPart, async (id, q) => {
        const before = await snapshot();
        const a = await ctx.app.request(`/v1/partners/${id}/orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'pointpilot-signature': signHeader(DEMO_SECRET, '{}'),
          },
          body: '{}',
        });
        await expectRefusedCleanly(a, before, `partner id ${id}`);
        const b = await ctx.app.request(`/v1/dev/last-code?email=${q}`);
        await expectRefusedCleanly(b, before, `last-code ${q}`);
      }),
      runs(300),
    );
  });
});

describe('fuzz: totals', () => {
  it('ran at least 5,000 fuzz requests at sync, webhook and auth, and the ledger is consistent', async () => {
    for (const [key, planned] of Object.entries(RUNS)) expect(counted.get(key), key).toBe(planned);
    const total = [...counted.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(Math.ceil(5_000 * SCALE));
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
    if (process.env.FUZZ_STATS) console.log(Object.fromEntries([...reached].sort()));
  });
});
