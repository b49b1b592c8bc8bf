import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { normalizeEmail } from '../../utils/account/email-normalize';
import type { ReferralOutcome } from '../../utils/contract';
import type { Db } from '../db/schema';
import { inTx } from '../db/tx';
import { ProblemError } from '../http/problem';
import { sha256 } from './hash';
import { ensureMember, type MemberRow } from './members';
import { findReferrer, memberExists, recordReferral } from './referrals';
import { newNonce, sameCode, signInCode } from './sign-in-code';
import {
  type AuthLimits,
  addressThrottleKey,
  clearFailures,
  countFailure,
  countSend,
  emailThrottleKey,
  lockedFor,
} from './throttle';
import { tokenCacheFor } from './token-cache';
import { grantWelcomeBonus } from './welcome';

export const CODE_TTL_MINUTES = 10;

export interface SignInOptions {
  /** HMAC key the codes are derived from (services/sign-in-code.ts). */
  secret: string;
  limits: AuthLimits;
  /** Client address as a throttle key part (http/client-address.ts). */
  address: string;
}

const tooMany = (detail: string, wait: number) =>
  new ProblemError(429, 'rate-limited', detail, undefined, { 'retry-after': String(wait) });

/**
 * The code for `email`: the live one again if there is one (so a re-send never
 * invalidates the code the person already has), else a new one. Creates no
 * member: that waits for a verified code. Refused, changing nothing, when the
 * address or the email is locked or over its hourly number of codes.
 */
export async function startSignIn(db: Db, email: string, opts: SignInOptions): Promise<string> {
  const emailKey = emailThrottleKey(email);
  const addrKey = addressThrottleKey(opts.address);
  type Outcome = { ok: true; code: string } | { ok: false; wait: number; why: 'locked' | 'sends' };
  const out = await inTx(db, async (trx): Promise<Outcome> => {
    const locked = await lockedFor(trx, [addrKey, emailKey]);
    if (locked > 0) return { ok: false, wait: locked, why: 'locked' };
    // The address first: a flood of new emails from one client stops here, creating nothing.
    const addrWait = await countSend(trx, addrKey, opts.limits.codesPerAddressHour);
    if (addrWait > 0) return { ok: false, wait: addrWait, why: 'sends' };
    const emailWait = await countSend(trx, emailKey, opts.limits.codesPerEmailHour);
    if (emailWait > 0) return { ok: false, wait: emailWait, why: 'sends' };
    const { rows } = await sql<{ nonce: string }>`
      INSERT INTO sign_in_codes (email, nonce, expires_at)
      VALUES (${email}, ${newNonce()}, now() + make_interval(mins => ${CODE_TTL_MINUTES}))
      ON CONFLICT (email) DO UPDATE SET
        nonce = CASE WHEN sign_in_codes.expires_at <= now() THEN EXCLUDED.nonce ELSE sign_in_codes.nonce END,
        expires_at = CASE WHEN sign_in_codes.expires_at <= now() THEN EXCLUDED.expires_at
          ELSE sign_in_codes.expires_at END
      RETURNING nonce`.execute(trx);
    return { ok: true, code: signInCode(opts.secret, email, rows[0]!.nonce) };
  });
  if (out.ok) return out.code;
  throw out.why === 'locked'
    ? tooMany('Too many wrong codes; sign-in is paused for a while', out.wait)
    : tooMany('Too many codes requested; try again later', out.wait);
}

/**
 * Checks the code; on success consumes it, creates the member on first
 * sign-in and returns a new bearer token. Every wrong code counts against
 * the email and the address, whatever code row exists or not.
 */
export async function verifySignIn(
  db: Db,
  email: string,
  code: string,
  opts: SignInOptions & {
    tokenTtlDays: number;
    welcomeBonusPoints?: number;
    /** A friend's code (services/referrals.ts): refers a new member only. */
    referralCode?: string;
  },
): Promise<{ member: MemberRow; token: string; referral?: ReferralOutcome }> {
  const emailKey = emailThrottleKey(email);
  const addrKey = addressThrottleKey(opts.address);
  const { limits } = opts;
  // Failures must be counted even though the request fails, so the
  // transaction returns an outcome and the error is thrown after the commit.
  const normalized = normalizeEmail(email);
  const outcome = await inTx(db, async (trx) => {
    // One sign-in per mailbox at a time (every spelling maps to one key): the
    // referral's "mailbox already known" check below then sees every earlier
    // spelling, races included. Taken first, so it orders before any row lock.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`mailbox:${normalized}`}, 0))`.execute(
      trx,
    );
    const locked = await lockedFor(trx, [addrKey, emailKey]);
    if (locked > 0) return { ok: false as const, wait: locked };
    const { rows } = await sql<{ nonce: string; expired: boolean }>`
      SELECT nonce, expires_at <= now() AS expired FROM sign_in_codes
      WHERE email = ${email} FOR UPDATE`.execute(trx);
    const row = rows[0];
    const expected = row && !row.expired ? signInCode(opts.secret, email, row.nonce) : '';
    if (!sameCode(expected, code)) {
      const byEmail = await countFailure(
        trx,
        emailKey,
        limits.failuresPerEmail,
        limits.lockoutMinutes,
      );
      const byAddr = await countFailure(
        trx,
        addrKey,
        limits.failuresPerAddress,
        limits.lockoutMinutes,
      );
      // After a lockout the old code is void: the next try needs a new one.
      if (byEmail > 0) await sql`DELETE FROM sign_in_codes WHERE email = ${email}`.execute(trx);
      return { ok: false as const, wait: Math.max(byEmail, byAddr) };
    }
    const existed = await memberExists(trx, email);
    const referrer = opts.referralCode ? await findReferrer(trx, opts.referralCode) : null;
    // An unknown code on a first sign-in keeps the sign-in code: the person can fix a typo.
    if (opts.referralCode && !referrer && !existed) return { ok: false as const, wait: -1 };
    await sql`DELETE FROM sign_in_codes WHERE email = ${email}`.execute(trx);
    await clearFailures(trx, emailKey);
    const member = await ensureMember(trx, email);
    await sql`UPDATE members SET normalized_email = ${normalized}
      WHERE id = ${member.id} AND normalized_email IS DISTINCT FROM ${normalized}`.execute(trx);
    await grantWelcomeBonus(trx, member.id, opts.welcomeBonusPoints ?? 0);
    const referral: ReferralOutcome | undefined = !opts.referralCode
      ? undefined
      : referrer
        ? await recordReferral(trx, member, normalized, referrer, existed)
        : { status: 'ignored', code: 'already-member' };
    const token = randomBytes(32).toString('base64url');
    await sql`
      INSERT INTO tokens (token_hash, member_id, expires_at)
      VALUES (${sha256(token)}, ${member.id}, now() + make_interval(days => ${opts.tokenTtlDays}))`.execute(
      trx,
    );
    return { ok: true as const, member, token, referral };
  });
  if (outcome.ok) {
    const { member, token, referral } = outcome;
    return { member, token, ...(referral ? { referral } : {}) };
  }
  if (outcome.wait < 0) {
    throw new ProblemError(422, 'validation', 'No member has this referral code', [
      { path: 'referralCode', message: 'unknown referral code' },
    ]);
  }
  if (outcome.wait > 0)
    throw tooMany('Too many wrong codes; request a new code later', outcome.wait);
  throw new ProblemError(401, 'unauthorized', 'The code is wrong or has expired');
}

/** The member a live bearer token belongs to, or null; through this instance's token cache. */
export async function memberForToken(db: Db, token: string): Promise<MemberRow | null> {
  return tokenCacheFor(db).member(db, sha256(token));
}

// Each revocation also forgets the cached tokens on this instance (services/token-cache.ts).
export async function revokeToken(db: Db, token: string): Promise<void> {
  const hash = sha256(token);
  await sql`UPDATE tokens SET revoked_at = now()
    WHERE token_hash = ${hash} AND revoked_at IS NULL`.execute(db);
  tokenCacheFor(db).forgetToken(hash);
}

/** "Sign out everywhere": every live token of the member; returns how many. */
export async function revokeAllTokens(db: Db, memberId: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    WITH r AS (UPDATE tokens SET revoked_at = now()
      WHERE member_id = ${memberId} AND revoked_at IS NULL RETURNING 1)
    SELECT count(*) AS n FROM r`.execute(db);
  tokenCacheFor(db).forgetMember(memberId);
  return Number(rows[0]?.n ?? 0);
}
