import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/schema';
import { inTx } from '../db/tx';
import { ProblemError } from '../http/problem';
import { sameHex, sha256 } from './hash';
import { ensureMember, type MemberRow } from './members';
import { grantWelcomeBonus } from './welcome';

export const CODE_TTL_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_CODES_PER_HOUR = 5;

// The member id salts the hash so equal codes of two members hash differently.
const codeHash = (memberId: string, code: string) => sha256(`${memberId}:${code}`);

/**
 * Issues a fresh 6-digit code for `email` (creating the member on first
 * sign-in). Replaces any earlier code; at most MAX_CODES_PER_HOUR per hour.
 */
export async function startSignIn(
  db: Db,
  email: string,
): Promise<{ member: MemberRow; code: string }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const result = await inTx(db, async (trx) => {
    const member = await ensureMember(trx, email);
    const hash = codeHash(member.id, code);
    const { rows } = await sql<{ sent_in_window: number }>`
      INSERT INTO auth_codes (member_id, code_hash, expires_at, attempts, window_started_at, sent_in_window)
      VALUES (${member.id}, ${hash}, now() + make_interval(mins => ${CODE_TTL_MINUTES}), 0, now(), 1)
      ON CONFLICT (member_id) DO UPDATE SET
        code_hash = EXCLUDED.code_hash,
        expires_at = EXCLUDED.expires_at,
        attempts = 0,
        window_started_at = CASE WHEN auth_codes.window_started_at < now() - interval '1 hour'
          THEN now() ELSE auth_codes.window_started_at END,
        sent_in_window = CASE WHEN auth_codes.window_started_at < now() - interval '1 hour'
          THEN 1 ELSE auth_codes.sent_in_window + 1 END
      RETURNING sent_in_window`.execute(trx);
    return { member, sent: rows[0]!.sent_in_window };
  });
  if (result.sent > MAX_CODES_PER_HOUR) {
    throw new ProblemError(
      429,
      'rate-limited',
      'Too many codes requested; try again later',
      undefined,
      {
        'retry-after': '3600',
      },
    );
  }
  return { member: result.member, code };
}

/** Checks the code; on success consumes it and returns a new bearer token. */
export async function verifySignIn(
  db: Db,
  email: string,
  code: string,
  tokenTtlDays: number,
  welcomeBonusPoints = 0,
): Promise<{ member: MemberRow; token: string }> {
  // Failed attempts must be counted even though the request fails, so the
  // transaction returns an outcome and the error is thrown after the commit.
  const outcome = await inTx(db, async (trx) => {
    const { rows } = await sql<
      MemberRow & { code_hash: string; attempts: number; expired: boolean }
    >`
      SELECT m.id, m.email, m.member_number, c.code_hash, c.attempts, c.expires_at < now() AS expired
      FROM members m JOIN auth_codes c ON c.member_id = m.id
      WHERE m.email = ${email}
      FOR UPDATE OF c`.execute(trx);
    const row = rows[0];
    if (!row || row.expired) return { ok: false as const, why: 'expired' };
    if (!sameHex(row.code_hash, codeHash(row.id, code))) {
      if (row.attempts + 1 >= MAX_CODE_ATTEMPTS) {
        await sql`DELETE FROM auth_codes WHERE member_id = ${row.id}`.execute(trx);
        return { ok: false as const, why: 'locked' };
      }
      await sql`UPDATE auth_codes SET attempts = attempts + 1 WHERE member_id = ${row.id}`.execute(
        trx,
      );
      return { ok: false as const, why: 'wrong' };
    }
    await sql`DELETE FROM auth_codes WHERE member_id = ${row.id}`.execute(trx);
    // A verified address earns the welcome bonus once (not merely requesting a code).
    await grantWelcomeBonus(trx, row.id, welcomeBonusPoints);
    const token = randomBytes(32).toString('base64url');
    await sql`
      INSERT INTO tokens (token_hash, member_id, expires_at)
      VALUES (${sha256(token)}, ${row.id}, now() + make_interval(days => ${tokenTtlDays}))`.execute(
      trx,
    );
    return {
      ok: true as const,
      member: { id: row.id, email: row.email, member_number: row.member_number },
      token,
    };
  });
  if (outcome.ok) return { member: outcome.member, token: outcome.token };
  if (outcome.why === 'locked') {
    throw new ProblemError(429, 'rate-limited', 'Too many wrong codes; request a new code');
  }
  throw new ProblemError(401, 'unauthorized', 'The code is wrong or has expired');
}

/** The member a live bearer token belongs to, or null. */
export async function memberForToken(db: Db, token: string): Promise<MemberRow | null> {
  const { rows } = await sql<MemberRow>`
    SELECT m.id, m.email, m.member_number
    FROM tokens t JOIN members m ON m.id = t.member_id
    WHERE t.token_hash = ${sha256(token)} AND t.revoked_at IS NULL AND t.expires_at > now()`.execute(
    db,
  );
  return rows[0] ?? null;
}

export async function revokeToken(db: Db, token: string): Promise<void> {
  await sql`UPDATE tokens SET revoked_at = now()
    WHERE token_hash = ${sha256(token)} AND revoked_at IS NULL`.execute(db);
}
