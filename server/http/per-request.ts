import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Logger } from '../log';
import type { AppEnv } from './env';
import { ProblemError, problemResponse } from './problem';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const EXPOSE = 'etag,retry-after,x-request-id';

export interface PerRequestOptions {
  log: Logger;
  /** The origin to grant (echoed back), or null for none. */
  allowOrigin: (origin: string) => string | null;
  bodyLimitBytes: number;
}

/**
 * Everything every request gets, in one middleware: a request id (echoed in
 * x-request-id), no-store and nosniff, CORS for the allowed origins (/v1
 * only), the body limit (/v1 only) and one JSON log line.
 *
 * Why one hand-folded middleware instead of hono/cors, hono/body-limit and
 * `c.header()` after `next()`: each `c.header()` on a finished response
 * copies the Response, and the four layers together cost ~0.3 ms of CPU per
 * request, more than an empty poll's database work (bench/load.ts, "app
 * middleware"). Here the headers are set once on the final response. The
 * libraries still do the rare cases: hono/cors answers preflights, and
 * hono/body-limit counts bodies that come without a Content-Length.
 */
export function perRequest(opts: PerRequestOptions): MiddlewareHandler<AppEnv> {
  const preflight = cors({
    origin: (o) => opts.allowOrigin(o),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type', 'if-none-match', 'x-request-id'],
    exposeHeaders: EXPOSE.split(','),
    maxAge: 600,
  });
  const tooLarge = () =>
    problemResponse(
      // The unread rest of the body makes the connection unusable: say so.
      new ProblemError(
        413,
        'payload-too-large',
        `Bodies are limited to ${opts.bodyLimitBytes} bytes`,
        undefined,
        { connection: 'close' },
      ),
    );
  const streamLimit = bodyLimit({ maxSize: opts.bodyLimitBytes, onError: tooLarge });

  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && SAFE_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    const api = c.req.path.startsWith('/v1/');
    const method = c.req.method;
    if (api && method === 'OPTIONS') {
      const answered: unknown = await preflight(c, next);
      if (answered instanceof Response) c.res = answered;
    } else if (!api || method === 'GET' || method === 'HEAD') await next();
    else {
      const length = c.req.header('content-length');
      if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
        // Over the limit it answers without calling next(): its answer is the
        // response. Otherwise it resolves to what next() resolves to (the context).
        const refused: unknown = await streamLimit(c, next);
        if (refused instanceof Response) c.res = refused;
      } else if (Number(length) > opts.bodyLimitBytes) c.res = tooLarge();
      else await next();
    }
    // Responses carry tokens and balances: never cached, never sniffed.
    const h = c.res.headers;
    h.set('cache-control', 'no-store');
    h.set('x-content-type-options', 'nosniff');
    h.set('x-request-id', requestId);
    if (api && method !== 'OPTIONS') {
      const origin = c.req.header('origin');
      const granted = origin ? opts.allowOrigin(origin) : null;
      if (granted) {
        h.set('access-control-allow-origin', granted);
        h.set('access-control-expose-headers', EXPOSE);
      }
      h.append('vary', 'Origin');
    }
    opts.log.info({
      msg: 'request',
      requestId,
      method,
      route: routePath(c) || c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}
