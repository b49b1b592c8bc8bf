import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_LIMITS } from '../../server/services/throttle';
import { createTestContext, type TestContext } from './helpers';

/**
 * Issue 9, defects 1 and 4: sign-in codes could be guessed without limit (the
 * counter died with the code), one client could flood any address with codes
 * and create member rows, and the 6th request replaced the victim's code.
 * Here with the production limits, behind a trusted proxy so each test can
 * speak from its own client address.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ trustProxy: true, authLimits: DEFAULT_AUTH_LIMITS });
});
afterAll(() => ctx.close());

const from = (addr: string) => ({ 'x-forwarded-for': addr });
const start = (email: string, addr: string) => ctx.post('/v1/auth/start', { email }, from(addr));
const verify = (email: string, code: string, addr: string) =>
  ctx.post('/v1/auth/verify', { email, code }, from(addr));
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');
const count = async (table: 'members' | 'sign_in_codes') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
let n = 0;
const newAddr = () => `198.51.100.${++n}`;

describe('sign-in limits', () => {
  it('stops the guess-and-restart loop after 5 guesses per email, from any number of addresses, with a lockout that doubles', async () => {
    const email = `victim-${randomUUID()}@example.test`;
    const answered: number[] = [];
    // The attack: request a code, guess 5 times, request again … from a new address each round.
    for (let round = 0; round < 10; round++) {
      const addr = newAddr();
      await start(email, addr);
      for (let g = 0; g < 5; g++) {
        const code = String(round * 5 + g).padStart(6, '0');
        answered.push((await verify(email, code, addr)).status);
      }
    }
    // Only the first 5 guesses were checked at all; the 5th set the lock.
    expect(answered.slice(0, 5)).toEqual([401, 401, 401, 401, 429]);
    expect(answered.slice(5).every((s) => s === 429)).toBe(true);
    // Locked means locked: even the right code is refused, so a lucky guess learns nothing.
    const addr = newAddr();
    expect((await start(email, addr)).status).toBe(429);
    const locked = await verify(email, '123456', addr);
    expect(locked.status).toBe(429);
    const wait = Number(locked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);

    // After the lock: 5 more guesses, then a lock twice as long.
    await sql`UPDATE auth_throttle SET locked_until = now() - interval '1 second'
      WHERE locked_until IS NOT NULL`.execute(ctx.db);
    const a2 = newAddr();
    expect((await start(email, a2)).status).toBe(202);
    const code = ctx.devCodes!.get(email)!;
    const second: number[] = [];
    for (let g = 0; g < 6; g++) second.push((await verify(email, wrongFor(code), a2)).status);
    expect(second).toEqual([401, 401, 401, 401, 429, 429]);
    const again = await verify(email, code, a2);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(29 * 60);
    // No member was ever created for the address under attack.
    const { rows } = await sql`SELECT 1 FROM members WHERE email = ${email}`.execute(ctx.db);
    expect(rows).toHaveLength(0);
  });

  it('stops one address after 20 wrong codes over all emails; other addresses are unaffected', async () => {
    const attacker = newAddr();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const email = `many-${i}-${randomUUID()}@example.test`;
      await start(email, attacker);
      for (let g = 0; g < 4; g++) statuses.push((await verify(email, '999999', attacker)).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
    expect(statuses.slice(19).every((s) => s === 429)).toBe(true);
    const email = `bystander-${randomUUID()}@example.test`;
    expect((await start(email, attacker)).status).toBe(429);
    const other = newAddr();
    expect((await start(email, other)).status).toBe(202);
    expect((await verify(email, ctx.devCodes!.get(email)!, other)).status).toBe(200);
  });

  it('sends the same code again within its window; the 6th request is refused and the code still works', async () => {
    const email = `resend-${randomUUID()}@example.test`;
    const codes: string[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await start(email, newAddr())).status);
      codes.push(ctx.devCodes!.get(email)!);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(new Set(codes).size).toBe(1);
    expect((await verify(email, codes[0]!, newAddr())).status).toBe(200);
  });

  it('refuses a code flood from one address without creating member rows', async () => {
    const flooder = newAddr();
    const members = await count('members');
    const codes = await count('sign_in_codes');
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push((await start(`flood-${i}-${randomUUID()}@example.test`, flooder)).status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(DEFAULT_AUTH_LIMITS.codesPerAddressHour);
    expect(statuses.slice(DEFAULT_AUTH_LIMITS.codesPerAddressHour).every((s) => s === 429)).toBe(
      true,
    );
    expect(await count('members')).toBe(members);
    expect(await count('sign_in_codes')).toBe(codes + DEFAULT_AUTH_LIMITS.codesPerAddressHour);
  });

  it("a correct code clears the email's failures", async () => {
    const email = `careless-${randomUUID()}@example.test`;
    const addr = newAddr();
    await start(email, addr);
    const code = ctx.devCodes!.get(email)!;
    for (let g = 0; g < 4; g++)
      expect((await verify(email, wrongFor(code), addr)).status).toBe(401);
    expect((await verify(email, code, addr)).status).toBe(200);
    await start(email, addr);
    const next = ctx.devCodes!.get(email)!;
    for (let g = 0; g < 4; g++)
      expect((await verify(email, wrongFor(next), addr)).status).toBe(401);
    expect((await verify(email, next, addr)).status).toBe(200);
  });

  it('"sign out everywhere" revokes every token of the member, and only theirs', async () => {
    const email = `stolen-${randomUUID()}@example.test`;
    const sessions = [];
    for (let i = 0; i < 3; i++) sessions.push(await ctx.signIn(email));
    const bystander = await ctx.signIn();
    const out = await ctx.post('/v1/auth/signout', { everywhere: true }, sessions[0]!.auth);
    expect(out.status).toBe(204);
    for (const s of sessions)
      expect((await ctx.app.request('/v1/me', { headers: s.auth })).status).toBe(401);
    expect((await ctx.app.request('/v1/me', { headers: bystander.auth })).status).toBe(200);
    const bad = await ctx.post('/v1/auth/signout', { everywhere: 'yes\u0000' }, bystander.auth);
    expect(bad.status).toBe(422);
  });
});
