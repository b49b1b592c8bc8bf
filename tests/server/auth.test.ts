import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidMemberNumber } from '../../server/services/member-number';
import { AuthVerifyResponse, MeResponse } from '../../utils/contract';
import { createTestContext, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('sign-in', () => {
  it('creates the member on first sign-in and returns a token that reads /v1/me', async () => {
    const email = 'First.Time@Example.test';
    const start = await ctx.post('/v1/auth/start', { email });
    expect(start.status).toBe(202);
    const code = ctx.devCodes!.get('first.time@example.test')!;
    expect(code).toMatch(/^\d{6}$/);
    expect(ctx.log.lines.some((l) => String(l.msg).includes(`code=${code}`))).toBe(true);
    const verify = await ctx.post('/v1/auth/verify', { email, code });
    expect(verify.status).toBe(200);
    const body = AuthVerifyResponse.parse(await verify.json());
    expect(body.member.email).toBe('first.time@example.test');
    expect(isValidMemberNumber(body.member.memberNumber)).toBe(true);
    // The code is single-use.
    expect((await ctx.post('/v1/auth/verify', { email, code })).status).toBe(401);

    const me = await ctx.app.request('/v1/me', {
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.status).toBe(200);
    const meBody = MeResponse.parse(await me.json());
    expect(meBody).toEqual({ member: body.member, balance: { available: 0, pending: 0 } });
  });

  it('stores codes and tokens only hashed', async () => {
    const { token, member } = await ctx.signIn();
    const { rows } = await sql<{
      token_hash: string;
    }>`SELECT token_hash FROM tokens WHERE member_id = ${member.id}`.execute(ctx.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses expired codes', async () => {
    const email = 'late@example.test';
    await ctx.post('/v1/auth/start', { email });
    await sql`UPDATE sign_in_codes SET expires_at = now() - interval '1 second'
      WHERE email = ${email}`.execute(ctx.db);
    const res = await ctx.post('/v1/auth/verify', { email, code: ctx.devCodes!.get(email)! });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sign-out revokes the token', async () => {
    const { auth } = await ctx.signIn();
    expect((await ctx.app.request('/v1/me', { headers: auth })).status).toBe(200);
    expect(
      (await ctx.app.request('/v1/auth/signout', { method: 'POST', headers: auth })).status,
    ).toBe(204);
    const after = await ctx.app.request('/v1/me', { headers: auth });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { type: string }).type).toBe(
      'https://pointpilot.dev/problems/unauthorized',
    );
  });

  it('refuses expired tokens and missing or malformed bearer headers', async () => {
    const { auth, member } = await ctx.signIn();
    await sql`UPDATE tokens SET expires_at = now() - interval '1 second' WHERE member_id = ${member.id}`.execute(
      ctx.db,
    );
    expect((await ctx.app.request('/v1/me', { headers: auth })).status).toBe(401);
    expect((await ctx.app.request('/v1/me')).status).toBe(401);
    expect(
      (await ctx.app.request('/v1/me', { headers: { authorization: 'Basic abc' } })).status,
    ).toBe(401);
  });
});
