import { sql } from 'kysely';
import type { Tx } from '../db/tx';
import { sha256 } from './hash';

/**
 * Sign-in limits, kept in auth_throttle apart from the codes so that neither
 * a new code nor a deleted one resets them. Two keys per request: the email
 * (hashed) and the client address. Wrong codes lead to a lockout that doubles
 * with every repeat, until a correct code clears it.
 */
export interface AuthLimits {
  /** Codes sent to one email per hour (re-sends of the same code count). */
  codesPerEmailHour: number;
  /** Codes requested from one client address per hour, over all emails. */
  codesPerAddressHour: number;
  /** Wrong codes for one email before it is locked. */
  failuresPerEmail: number;
  /** Wrong codes from one address before it is locked. */
  failuresPerAddress: number;
  /** The first lockout; each further one doubles, up to a day. */
  lockoutMinutes: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  codesPerEmailHour: 5,
  codesPerAddressHour: 20,
  failuresPerEmail: 5,
  failuresPerAddress: 20,
  lockoutMinutes: 15,
};

const MAX_LOCKOUT_MINUTES = 24 * 60;

export const emailThrottleKey = (email: string) => `email:${sha256(email)}`;
export const addressThrottleKey = (addr: string) => `addr:${addr}`;

/** Seconds until the longest lock on any of `keys` ends; 0 when none is locked. */
export async function lockedFor(trx: Tx, keys: string[]): Promise<number> {
  const { rows } = await sql<{ wait: number | string | null }>`
    SELECT ceil(extract(epoch FROM max(locked_until) - now())) AS wait FROM auth_throttle
    WHERE key IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))
      AND locked_until > now()`.execute(trx);
  return Math.max(0, Number(rows[0]?.wait ?? 0));
}

/**
 * Counts one code sent under `key` in the current hour; returns 0 while within
 * `limit`, else the seconds until the hour is over.
 */
export async function countSend(trx: Tx, key: string, limit: number): Promise<number> {
  const { rows } = await sql<{ sends: number; wait: number | string }>`
    INSERT INTO auth_throttle (key, window_started_at, sends) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      window_started_at = CASE WHEN auth_throttle.window_started_at <= now() - interval '1 hour'
        THEN now() ELSE auth_throttle.window_started_at END,
      sends = CASE WHEN auth_throttle.window_started_at <= now() - interval '1 hour'
        THEN 1 ELSE auth_throttle.sends + 1 END
    RETURNING sends,
      ceil(extract(epoch FROM window_started_at + interval '1 hour' - now())) AS wait`.execute(trx);
  const row = rows[0]!;
  return row.sends > limit ? Math.max(1, Number(row.wait)) : 0;
}

/**
 * Counts a wrong code under `key`; at `threshold` failures the key is locked
 * for lockoutMinutes × 2^(earlier lockouts), at most a day. Returns the
 * seconds of the lock just set, or 0.
 */
export async function countFailure(
  trx: Tx,
  key: string,
  threshold: number,
  lockoutMinutes: number,
): Promise<number> {
  const { rows } = await sql<{ wait: number | string | null }>`
    INSERT INTO auth_throttle (key, window_started_at, failures) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET failures = auth_throttle.failures + 1
    RETURNING CASE WHEN failures >= ${threshold} THEN 1 END AS wait`.execute(trx);
  if (rows[0]?.wait == null) return 0;
  const { rows: locked } = await sql<{ wait: number | string }>`
    UPDATE auth_throttle SET
      failures = 0,
      lockouts = lockouts + 1,
      locked_until = now() + make_interval(mins => LEAST(${MAX_LOCKOUT_MINUTES},
        ${lockoutMinutes} * power(2, LEAST(lockouts, 20))::int))
    WHERE key = ${key}
    RETURNING ceil(extract(epoch FROM locked_until - now())) AS wait`.execute(trx);
  return Math.max(1, Number(locked[0]?.wait ?? 1));
}

/** A correct code: the email's failures and lockout history are forgiven. */
export async function clearFailures(trx: Tx, key: string): Promise<void> {
  await sql`UPDATE auth_throttle SET failures = 0, lockouts = 0, locked_until = NULL
    WHERE key = ${key}`.execute(trx);
}
