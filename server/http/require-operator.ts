import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { DEV_OPERATOR_TOKEN } from '../settings';
import { clientAddress } from './client-address';
import type { AppEnv } from './env';
import { ProblemError } from './problem';
import { WindowLimiter } from './rate-limit';

const BEARER = /^Bearer (\S{1,256})$/;
const CHALLENGE = { 'www-authenticate': 'Bearer realm="pointpilot-operator"' };

// Hashing both sides first gives equal lengths, so the comparison takes the
// same time whatever the guess (timingSafeEqual alone throws on a length mismatch).
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * The operator's bearer token (settings.operatorToken), not a member's: member
 * tokens live hashed in the database and never match it, and this token is
 * never looked up there. `token` null: every request is refused. The limit
 * counts every request per client address, failed ones too, before the check.
 */
export function requireOperator(deps: {
  token: string | null;
  limiter: WindowLimiter;
  trustProxy: boolean;
}) {
  const expected = deps.token === null ? null : digest(deps.token);
  return createMiddleware<AppEnv>(async (c, next) => {
    const wait = deps.limiter.hit(`operator:${clientAddress(c, deps.trustProxy)}`);
    if (wait > 0) {
      throw new ProblemError(429, 'rate-limited', 'Too many requests; slow down', undefined, {
        'retry-after': String(wait),
      });
    }
    const match = BEARER.exec(c.req.header('authorization') ?? '');
    if (!expected) {
      throw new ProblemError(
        401,
        'unauthorized',
        'The operator API is disabled: set OPERATOR_TOKEN',
        undefined,
        CHALLENGE,
      );
    }
    if (!match) {
      throw new ProblemError(
        401,
        'unauthorized',
        'Send Authorization: Bearer <operator token>',
        undefined,
        CHALLENGE,
      );
    }
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      throw new ProblemError(
        401,
        'unauthorized',
        'The operator token is wrong',
        undefined,
        CHALLENGE,
      );
    }
    await next();
  });
}

/**
 * The one operator guard every /v1/operator route shares (one rate-limit
 * budget per client address): the configured token, except the development
 * token in production, which turns the operator API off.
 */
export function operatorGuard(settings: {
  operatorToken: string | null;
  production: boolean;
  requestsPerMinute: number;
  trustProxy: boolean;
}) {
  const token =
    settings.production && settings.operatorToken === DEV_OPERATOR_TOKEN
      ? null
      : settings.operatorToken;
  const guard = requireOperator({
    token,
    limiter: new WindowLimiter(settings.requestsPerMinute),
    trustProxy: settings.trustProxy,
  });
  return { guard, enabled: token !== null };
}

export type OperatorGuard = ReturnType<typeof requireOperator>;
