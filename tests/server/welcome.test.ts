import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { welcomeBonusId } from '../../server/services/welcome';
import { MeResponse, SyncResponse } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, type TestContext } from './helpers';

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
  it('is granted once, on the first verified sign-in, pending until the first confirmed purchase', async () => {
    const email = 'welcome@example.test';
    // Requesting a code alone earns nothing: the address is not verified yet.
    await ctx.post('/v1/auth/start', { email });
    const first = await signIn(email);
    // A new account alone is worth nothing to spend: the bonus waits.
    expect((await me(first)).balance).toEqual({ available: 0, pending: 300 });

    const sync = SyncResponse.parse(
      await (
        await ctx.post('/v1/sync', { cursor: 0, ops: [] }, { authorization: `Bearer ${first}` })
      ).json(),
    );
    expect(sync.changes).toEqual([
      expect.objectContaining({
        kind: 'bonus',
        points: 300,
        code: 'welcome-pending',
        id: welcomeBonusId((await me(first)).member.id),
      }),
    ]);

    // Signing in again, also concurrently, never adds a second bonus.
    const again = await Promise.all([signIn(email), signIn('welcome2@example.test')]);
    expect((await me(again[0])).balance).toEqual({ available: 0, pending: 300 });
    expect((await me(again[1])).balance).toEqual({ available: 0, pending: 300 });

    // A cancelled purchase releases nothing; the first confirmed one releases it, once.
    const auth = { authorization: `Bearer ${first}` };
    const [a, b, c] = [claimOp(), claimOp(), claimOp()];
    await ctx.post('/v1/sync', { cursor: 0, ops: [a, b, c] }, auth);
    const verdict = (op: typeof a, e: 'confirm' | 'cancel') =>
      ctx.webhook('demo-shop', {
        event: e,
        eventId: randomUUID(),
        orderRef: op.claim.orderRef,
        ...(e === 'confirm' ? { buyer: buyerProof(email) } : {}),
      });
    expect((await verdict(a, 'cancel')).status).toBe(200);
    expect((await me(first)).balance.available).toBe(0);
    expect((await verdict(b, 'confirm')).status).toBe(200);
    // 12.34 EUR at 2 points per euro = 24 points, plus the bonus.
    expect((await me(first)).balance).toEqual({ available: 24 + 300, pending: 24 });
    expect((await verdict(c, 'confirm')).status).toBe(200);
    expect((await me(first)).balance).toEqual({ available: 24 + 300 + 24, pending: 0 });
    const all = SyncResponse.parse(
      await (await ctx.post('/v1/sync', { cursor: 0, ops: [] }, auth)).json(),
    );
    expect(all.changes.filter((ch) => ch.code === 'welcome-released')).toEqual([
      expect.objectContaining({
        kind: 'confirm',
        points: 300,
        claimId: welcomeBonusId((await me(first)).member.id),
      }),
    ]);
  });

  it('the demo seed and a later sign-in of the demo member give one bonus, not two', async () => {
    const token = await signIn('demo@pointpilot.test');
    // The seed posted 500 for the demo member; the sign-in's bonus has the same entry id.
    expect((await me(token)).balance).toEqual({ available: 0, pending: 500 });
  });
});
