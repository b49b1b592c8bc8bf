import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { welcomeBonusId } from '../../server/services/welcome';
import { MeResponse, SyncResponse } from '../../utils/contract';
import { createTestContext, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ welcomeBonusPoints: 300 });
});
afterAll(() => ctx.close());

async function signIn(email: string) {
  await ctx.post('/v1/auth/start', { email });
  const res = await ctx.post('/v1/auth/verify', { email, code: ctx.devCodes!.get(email)! });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const me = async (token: string) =>
  MeResponse.parse(
    await (
      await ctx.app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } })
    ).json(),
  );

describe('welcome bonus', () => {
  it('is granted once, on the first verified sign-in, and shows up in the first sync', async () => {
    const email = 'welcome@example.test';
    // Requesting a code alone earns nothing: the address is not verified yet.
    await ctx.post('/v1/auth/start', { email });
    const first = await signIn(email);
    expect((await me(first)).balance).toEqual({ available: 300, pending: 0 });

    const sync = SyncResponse.parse(
      await (
        await ctx.post('/v1/sync', { cursor: 0, ops: [] }, { authorization: `Bearer ${first}` })
      ).json(),
    );
    expect(sync.changes).toEqual([
      expect.objectContaining({
        kind: 'bonus',
        points: 300,
        reason: 'Welcome bonus',
        id: welcomeBonusId((await me(first)).member.id),
      }),
    ]);

    // Signing in again, also concurrently, never adds a second bonus.
    const again = await Promise.all([signIn(email), signIn('welcome2@example.test')]);
    expect((await me(again[0])).balance.available).toBe(300);
    expect((await me(again[1])).balance.available).toBe(300);
  });

  it('the demo seed and a later sign-in of the demo member give one bonus, not two', async () => {
    const token = await signIn('demo@pointpilot.test');
    // The seed posted 500 for the demo member; the sign-in's bonus has the same entry id.
    expect((await me(token)).balance.available).toBe(500);
  });
});
