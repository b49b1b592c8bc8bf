import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOp, createTestContext, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('member isolation', () => {
  it("A's token never reads or changes B's data", async () => {
    const a = await ctx.signIn();
    const b = await ctx.signIn();
    const bOp = claimOp({ orderRef: `B-${randomUUID()}` });
    const bSync = await ctx.sync(b.token, { cursor: 0, ops: [bOp] });
    expect(bSync.body.acks[0]!.status).toBe('accepted');

    // A sees none of B's entries, whatever cursor it sends.
    const aSync = await ctx.sync(a.token, { cursor: 0, ops: [] });
    expect(aSync.body.changes).toEqual([]);
    expect(aSync.body.balance).toEqual({ available: 0, pending: 0 });

    // A re-sending B's op id learns nothing and changes nothing.
    const stolen = await ctx.sync(a.token, {
      cursor: 0,
      ops: [{ ...bOp, claim: { ...bOp.claim, orderRef: 'A-own' } }],
    });
    expect(stolen.body.acks[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
    expect(JSON.stringify(stolen.body)).not.toContain(bOp.claim.orderRef);
    const { rows } = await sql<{
      member_id: string;
    }>`SELECT member_id FROM entries WHERE id = ${bOp.id}`.execute(ctx.db);
    expect(rows).toEqual([{ member_id: b.member.id }]);

    // /v1/me answers for the token's member only.
    const me = (await (await ctx.app.request('/v1/me', { headers: a.auth })).json()) as {
      member: { id: string };
    };
    expect(me.member.id).toBe(a.member.id);

    // B's view is unchanged.
    const bAgain = await ctx.sync(b.token, { cursor: 0, ops: [] });
    expect(bAgain.body.changes.map((c) => c.id)).toEqual([bOp.id]);
  });

  it("signing out A leaves B's token working", async () => {
    const a = await ctx.signIn();
    const b = await ctx.signIn();
    await ctx.app.request('/v1/auth/signout', { method: 'POST', headers: a.auth });
    expect((await ctx.app.request('/v1/me', { headers: a.auth })).status).toBe(401);
    expect((await ctx.app.request('/v1/me', { headers: b.auth })).status).toBe(200);
  });
});
