import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/schema';
import { memberForToken } from '../services/auth';
import type { AppEnv } from './env';
import { ProblemError } from './problem';
import type { WindowLimiter } from './rate-limit';

const BEARER = /^Bearer ([A-Za-z0-9_-]{32,128})$/;
const CHALLENGE = { 'www-authenticate': 'Bearer realm="pointpilot"' };

/** Bearer auth: resolves the member every query of the request is scoped to. */
export const authenticate = (db: Db) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const match = BEARER.exec(c.req.header('authorization') ?? '');
    if (!match) {
      throw new ProblemError(
        401,
        'unauthorized',
        'Send Authorization: Bearer <token>',
        undefined,
        CHALLENGE,
      );
    }
    const token = match[1]!;
    const member = await memberForToken(db, token);
    if (!member) {
      throw new ProblemError(
        401,
        'unauthorized',
        'The token is unknown, expired or revoked',
        undefined,
        CHALLENGE,
      );
    }
    c.set('member', member);
    c.set('token', token);
    await next();
  });

/**
 * Bearer auth plus the request limit, counted per member: minting more
 * tokens does not buy a member more requests.
 */
export const requireMember = (db: Db, limiter: WindowLimiter) => {
  const auth = authenticate(db);
  return createMiddleware<AppEnv>((c, next) =>
    auth(c, async () => {
      const wait = limiter.hit(c.var.member.id);
      if (wait > 0) {
        throw new ProblemError(429, 'rate-limited', 'Too many requests; slow down', undefined, {
          'retry-after': String(wait),
        });
      }
      await next();
    }),
  );
};
