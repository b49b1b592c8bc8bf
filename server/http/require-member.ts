import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/schema';
import { memberForToken } from '../services/auth';
import { sha256 } from '../services/hash';
import type { AppEnv } from './env';
import { ProblemError } from './problem';
import type { WindowLimiter } from './rate-limit';

const BEARER = /^Bearer ([A-Za-z0-9_-]{32,128})$/;

/** Bearer auth: resolves the member every query of the request is scoped to. */
export const requireMember = (db: Db, limiter: WindowLimiter) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const match = BEARER.exec(c.req.header('authorization') ?? '');
    const challenge = { 'www-authenticate': 'Bearer realm="pointpilot"' };
    if (!match)
      throw new ProblemError(
        401,
        'unauthorized',
        'Send Authorization: Bearer <token>',
        undefined,
        challenge,
      );
    const token = match[1]!;
    const member = await memberForToken(db, token);
    if (!member)
      throw new ProblemError(
        401,
        'unauthorized',
        'The token is unknown, expired or revoked',
        undefined,
        challenge,
      );
    const wait = limiter.hit(sha256(token));
    if (wait > 0) {
      throw new ProblemError(429, 'rate-limited', 'Too many requests for this token', undefined, {
        'retry-after': String(wait),
      });
    }
    c.set('member', member);
    c.set('token', token);
    await next();
  });
