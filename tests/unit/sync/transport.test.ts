import { describe, expect, it, vi } from 'vitest';
import type { SyncResponse } from '../../../utils/contract';
import { httpTransport, SyncError } from '../../../utils/sync';

const ok: SyncResponse = {
  acks: [],
  changes: [],
  cursor: 0,
  hasMore: false,
  balance: { available: 0, pending: 0 },
};
const transport = (fetchFn: typeof fetch) =>
  httpTransport({ baseUrl: 'http://127.0.0.1:8787', token: 't0k3n', fetch: fetchFn });
const answer = (status: number, body: unknown) =>
  vi.fn(
    async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }),
  );

async function failure(fetchFn: typeof fetch): Promise<SyncError> {
  const err = await transport(fetchFn)
    .sync({ cursor: 0, ops: [] })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SyncError);
  return err as SyncError;
}

describe('httpTransport', () => {
  it('posts the request with the bearer token and returns the parsed answer', async () => {
    const f = answer(200, ok);
    expect(await transport(f).sync({ cursor: 7, ops: [] })).toEqual(ok);
    const [url, init] = f.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe('http://127.0.0.1:8787/v1/sync');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer t0k3n');
    expect(JSON.parse(String(init.body))).toEqual({ cursor: 7, ops: [] });
  });

  it.each([
    ['no network', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))), 'offline'],
    ['a 500', answer(500, { type: 'internal', title: 'Internal', status: 500 }), 'server'],
    ['a 503 with an HTML page', answer(503, '<html>maintenance</html>'), 'server'],
    ['a 429', answer(429, { type: 'rate-limited', title: 'Slow down', status: 429 }), 'server'],
    ['a 401', answer(401, { type: 'unauthorized', title: 'Unauthorized', status: 401 }), 'auth'],
    ['a 422', answer(422, { type: 'validation', title: 'Invalid', status: 422 }), 'request'],
    ['a 200 with garbage', answer(200, '{"acks": "nope"'), 'response'],
    ['a 200 with the wrong shape', answer(200, { ...ok, cursor: -1 }), 'response'],
    ['a 200 with an empty body', answer(200, ''), 'response'],
  ] as const)('turns %s into a %s error', async (_, f, kind) => {
    expect((await failure(f as unknown as typeof fetch)).kind).toBe(kind);
  });
});
