import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies, lotDiscrepancies } from '../../server/services/ledger';
import { MeResponse, Program, SyncResponse } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, type TestContext } from './helpers';

/**
 * Issue 13, referrals: a new member signing up with a friend's code, both
 * paid at the friend's first confirmed purchase; once per referred member,
 * never for oneself or the same mailbox under another spelling, capped per
 * referrer and month (the capped referral recorded, never paid later).
 */
const BONUS = 100;
const CAP = 2;
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ referralBonusPoints: BONUS, referralMonthlyCap: CAP });
});
afterAll(() => ctx.close());

const uniq = () => randomUUID().slice(0, 8);

/** The verify answer (status and body) for a sign-in with an optional referral code. */
async function signUp(email: string, referralCode?: unknown) {
  const start = await ctx.post('/v1/auth/start', { email });
  expect(start.status).toBe(202);
  // The server keeps addresses lower-cased.
  const code = ctx.devCodes!.get(email.toLowerCase())!;
  const res = await ctx.post('/v1/auth/verify', {
    email,
    code,
    ...(referralCode === undefined ? {} : { referralCode }),
  });
  const body = (await res.json()) as {
    token: string;
    member: { id: string; memberNumber: string };
    referral?: { status: string; code?: string };
    errors?: { path: string }[];
  };
  return { status: res.status, body, auth: { authorization: `Bearer ${body.token}` }, code };
}

const get = (path: string, auth: Record<string, string>) =>
  ctx.app.request(path, { headers: auth });
const program = async (auth: Record<string, string>) =>
  Program.parse(await (await get('/v1/me/program', auth)).json());
const balance = async (auth: Record<string, string>) =>
  MeResponse.parse(await (await get('/v1/me', auth)).json()).balance;
const emailOf = async (auth: Record<string, string>) =>
  MeResponse.parse(await (await get('/v1/me', auth)).json()).member.email;
const referralEntries = async (auth: Record<string, string>) =>
  SyncResponse.parse(
    await (await ctx.post('/v1/sync', { cursor: 0, ops: [] }, auth)).json(),
  ).changes.filter((c) => c.code === 'referral');

async function member(email = `m-${uniq()}@example.test`) {
  const s = await signUp(email);
  expect(s.status).toBe(200);
  const code = (await program(s.auth)).referral!.code;
  return { ...s, email, referralCode: code };
}

/** A claim by `who`, then the partner's verdict naming them as the buyer. */
async function purchase(
  who: { auth: Record<string, string>; email: string },
  verdict: 'confirm' | 'cancel' = 'confirm',
) {
  const op = claimOp();
  const synced = await ctx.post('/v1/sync', { cursor: 0, ops: [op] }, who.auth);
  expect(synced.status).toBe(200);
  return () =>
    ctx.webhook('demo-shop', {
      event: verdict,
      eventId: randomUUID(),
      orderRef: op.claim.orderRef,
      ...(verdict === 'confirm' ? { buyer: buyerProof(who.email) } : {}),
    });
}

describe('referral codes and links', () => {
  it('every member has a short code of the unambiguous alphabet and a share link', async () => {
    const a = await member();
    const p = await program(a.auth);
    expect(p.referral).toEqual({
      code: expect.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/),
      link: `http://localhost/r/${p.referral!.code}`,
      bonusPoints: BONUS,
      paidThisMonth: 0,
      monthlyCap: CAP,
    });
    const page = await ctx.app.request(`/r/${p.referral!.code.toLowerCase()}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(p.referral!.code);
    // Hostile paths are a plain 404, never echoed.
    for (const bad of ['%00', '<script>', 'A'.repeat(300), '%ED%A0%80'])
      expect((await ctx.app.request(`/r/${bad}`)).status).toBe(404);
  });
});

describe('signing up with a code', () => {
  it("pays both once, at the friend's first confirmed purchase, available at once", async () => {
    const a = await member();
    const b = await signUp(`b-${uniq()}@example.test`, ` ${a.referralCode.toLowerCase()} `);
    expect(b.status).toBe(200);
    expect(b.body.referral).toEqual({ status: 'applied' });
    const friend = { auth: b.auth, email: await emailOf(b.auth) };
    // A cancelled purchase pays nothing.
    expect((await (await purchase(friend, 'cancel'))()).status).toBe(200);
    expect(await balance(a.auth)).toEqual({ available: 0, pending: 0 });
    expect(await balance(b.auth)).toEqual({ available: 0, pending: 0 });

    const confirm = await purchase(friend);
    const second = await purchase(friend);
    expect((await confirm()).status).toBe(200);
    // 12.34 EUR at 2/€ = 24 points, plus the bonus.
    expect(await balance(b.auth)).toEqual({ available: 24 + BONUS, pending: 24 });
    expect(await balance(a.auth)).toEqual({ available: BONUS, pending: 0 });
    expect((await second()).status).toBe(200);
    expect(await balance(b.auth)).toEqual({ available: 48 + BONUS, pending: 0 });
    expect(await balance(a.auth)).toEqual({ available: BONUS, pending: 0 });
    expect(await referralEntries(a.auth)).toEqual([
      expect.objectContaining({ kind: 'bonus', points: BONUS, code: 'referral' }),
    ]);
    expect(await referralEntries(b.auth)).toHaveLength(1);
    expect((await program(a.auth)).referral!.paidThisMonth).toBe(1);
  });

  it('refuses self-referral: the own code, and the own mailbox under another spelling', async () => {
    const a = await member(`Ali.Ce-${uniq()}@gmail.com`);
    const again = await signUp(a.email, a.referralCode);
    expect(again.status).toBe(200);
    expect(again.body.referral).toEqual({ status: 'ignored', code: 'self-referral' });
    // Same Gmail inbox: dots, case, a +tag and googlemail.com.
    const alias = a.email.replace('Ali.Ce', 'alice').replace('@gmail.com', '+x@GoogleMail.com');
    const twin = await signUp(alias, a.referralCode);
    expect(twin.status).toBe(200);
    expect(twin.body.referral).toEqual({ status: 'ignored', code: 'self-referral' });
    expect((await (await purchase({ auth: twin.auth, email: alias.toLowerCase() }))()).status).toBe(
      200,
    );
    expect(await balance(a.auth)).toEqual({ available: 0, pending: 0 });
    expect(await referralEntries(twin.auth)).toEqual([]);
  });

  it('refers a mailbox once: another spelling of a member or of a referred friend is refused', async () => {
    const a = await member();
    const c = await member();
    const id = uniq();
    const first = await signUp(`bob.${id}@gmail.com`, a.referralCode);
    expect(first.body.referral).toEqual({ status: 'applied' });
    // The same person, under another address, with another referrer's code.
    const second = await signUp(`Bob${id}+again@googlemail.com`, c.referralCode);
    expect(second.status).toBe(200);
    expect(second.body.referral).toEqual({ status: 'ignored', code: 'email-known' });
    // A member without any referral, signing up again under a +tag.
    const plain = await member(`carol-${id}@example.test`);
    const tagged = await signUp(`carol-${id}+promo@example.test`, a.referralCode);
    expect(tagged.body.referral).toEqual({ status: 'ignored', code: 'email-known' });
    expect(
      (await (await purchase({ auth: tagged.auth, email: `carol-${id}+promo@example.test` }))())
        .status,
    ).toBe(200);
    expect(
      (await (await purchase({ auth: second.auth, email: `bob${id}+again@googlemail.com` }))())
        .status,
    ).toBe(200);
    expect(await balance(c.auth)).toEqual({ available: 0, pending: 0 });
    expect(await balance(a.auth)).toEqual({ available: 0, pending: 0 });
    void plain;
  });

  it('an existing member cannot be referred; signing in again keeps a referral, never doubles it', async () => {
    const a = await member();
    const old = await member();
    const late = await signUp(old.email, a.referralCode);
    expect(late.status).toBe(200);
    expect(late.body.referral).toEqual({ status: 'ignored', code: 'already-member' });
    const email = `d-${uniq()}@example.test`;
    expect((await signUp(email, a.referralCode)).body.referral).toEqual({ status: 'applied' });
    // A second device signing in with the same link.
    expect((await signUp(email, a.referralCode)).body.referral).toEqual({ status: 'applied' });
    const other = await member();
    expect((await signUp(email, other.referralCode)).body.referral).toEqual({
      status: 'ignored',
      code: 'already-member',
    });
  });

  it('an unknown code on a first sign-in is 422 and keeps the sign-in code; malformed codes are 422', async () => {
    const email = `e-${uniq()}@example.test`;
    const start = await ctx.post('/v1/auth/start', { email });
    expect(start.status).toBe(202);
    const code = ctx.devCodes!.get(email)!;
    const unknown = await ctx.post('/v1/auth/verify', { email, code, referralCode: '22222222' });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ errors: [{ path: 'referralCode' }] });
    for (const referralCode of [
      'ABC\u0000DEFG',
      '\ud800ABCDEFG',
      'O0I1L0O1',
      'A'.repeat(40),
      12345678,
      null,
      '',
    ]) {
      const res = await ctx.post('/v1/auth/verify', { email, code, referralCode });
      expect(res.status, JSON.stringify(referralCode)).toBe(422);
    }
    // No member was created, and the same sign-in code still works.
    const ok = await ctx.post('/v1/auth/verify', { email, code });
    expect(ok.status).toBe(200);
    // Known now: an unknown code is simply ignored.
    const again = await signUp(email, '22222222');
    expect(again.body.referral).toEqual({ status: 'ignored', code: 'already-member' });
  });
});

describe('limits and races', () => {
  it('caps the bonuses per referrer and month; a capped referral is recorded and never paid later', async () => {
    const a = await member();
    const friends = [];
    for (let i = 0; i < CAP + 1; i++) {
      const email = `f${i}-${uniq()}@example.test`;
      const s = await signUp(email, a.referralCode);
      expect(s.body.referral).toEqual({ status: 'applied' });
      friends.push({ auth: s.auth, email, id: s.body.member.id });
    }
    for (const f of friends) expect((await (await purchase(f))()).status).toBe(200);
    expect(await balance(a.auth)).toEqual({ available: CAP * BONUS, pending: 0 });
    // Each friend got theirs, the capped one too.
    for (const f of friends) expect((await balance(f.auth)).available).toBe(24 + BONUS);
    const rows = await ctx.db
      .selectFrom('referrals')
      .select(['referred_id', 'state'])
      .where('referrer_id', '=', a.body.member.id)
      .execute();
    expect(rows.map((r) => r.state).sort()).toEqual(['capped', 'paid', 'paid']);
    expect((await program(a.auth)).referral).toMatchObject({ paidThisMonth: CAP, monthlyCap: CAP });
    // The capped friend's next purchases never pay the referrer.
    const capped = friends.find(
      (f) => rows.find((r) => r.referred_id === f.id)?.state === 'capped',
    )!;
    expect((await (await purchase(capped))()).status).toBe(200);
    expect(await balance(a.auth)).toEqual({ available: CAP * BONUS, pending: 0 });
  });

  it('two first confirmations at once pay one bonus each; two friends at the cap pay one', async () => {
    const a = await member();
    const email = `g-${uniq()}@example.test`;
    const b = await signUp(email, a.referralCode);
    const friend = { auth: b.auth, email };
    const verdicts = await Promise.all([purchase(friend), purchase(friend), purchase(friend)]);
    const answers = await Promise.all(verdicts.map((v) => v()));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await balance(a.auth)).toEqual({ available: BONUS, pending: 0 });
    expect((await balance(b.auth)).available).toBe(3 * 24 + BONUS);

    // a has 1 of 2: two more friends confirming at once pay exactly one more.
    const more = await Promise.all(
      [1, 2].map(async (i) => {
        const e = `h${i}-${uniq()}@example.test`;
        const s = await signUp(e, a.referralCode);
        return purchase({ auth: s.auth, email: e });
      }),
    );
    expect((await Promise.all(more.map((v) => v()))).map((r) => r.status)).toEqual([200, 200]);
    expect(await balance(a.auth)).toEqual({ available: CAP * BONUS, pending: 0 });
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
    expect(await lotDiscrepancies(ctx.db)).toEqual([]);
  });

  it('a replayed confirmation (same event id) is refused and pays nothing more', async () => {
    const a = await member();
    const email = `r-${uniq()}@example.test`;
    const b = await signUp(email, a.referralCode);
    const op = claimOp();
    await ctx.post('/v1/sync', { cursor: 0, ops: [op] }, b.auth);
    const event = {
      event: 'confirm',
      eventId: randomUUID(),
      orderRef: op.claim.orderRef,
      buyer: buyerProof(email),
    };
    const [first, replay] = await Promise.all([
      ctx.webhook('demo-shop', event),
      ctx.webhook('demo-shop', event),
    ]);
    expect([first.status, replay.status].sort()).toEqual([200, 409]);
    expect(await balance(a.auth)).toEqual({ available: BONUS, pending: 0 });
    expect(await balance(b.auth)).toEqual({ available: 24 + BONUS, pending: 0 });
  });

  it('two spellings of one mailbox signing up at once: one is referred, and paid once', async () => {
    // Several rounds: on PostgreSQL the three sign-ins really run at once, and which one wins varies.
    for (let round = 0; round < 6; round++) {
      const a = await member();
      const id = uniq();
      const emails = [`x.y.${id}@gmail.com`, `xy${id}+1@gmail.com`, `X.Y${id}@googlemail.com`];
      const outs = await Promise.all(emails.map((e) => signUp(e, a.referralCode)));
      expect(outs.map((o) => o.status)).toEqual([200, 200, 200]);
      expect(outs.filter((o) => o.body.referral?.status === 'applied')).toHaveLength(1);
      for (const [i, o] of outs.entries())
        expect((await (await purchase({ auth: o.auth, email: emails[i]! }))()).status).toBe(200);
      expect(await balance(a.auth)).toEqual({ available: BONUS, pending: 0 });
    }
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });
});
