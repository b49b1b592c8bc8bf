import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Logger } from '../log';
import type { AppEnv } from './env';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** One JSON line per request; the request id is echoed in x-request-id. */
export const requestLog = (log: Logger) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && SAFE_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('x-request-id', requestId);
    log.info({
      msg: 'request',
      requestId,
      method: c.req.method,
      route: routePath(c) || c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
