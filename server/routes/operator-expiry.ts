import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Db } from '../db/schema';
import { parseJsonText, rawBody } from '../http/body';
import type { AppEnv } from '../http/env';
import { bearer, jsonBody as bodyDoc, document, json, problems } from '../http/openapi-doc';
import { ProblemError, validation } from '../http/problem';
import type { OperatorGuard } from '../http/require-operator';
import { declareExpiryPolicy, runExpiry } from '../services/expiry';
import type { Settings } from '../settings';

const ExpiryRunRequest = z.strictObject({
  /** Run as of this time instead of now: outside production only (tests, the demo). */
  now: z.iso.datetime({ offset: true }).optional(),
});

const ExpiryRunResponse = z.object({
  now: z.iso.datetime(),
  members: z.number().int().nonnegative(),
  lots: z.number().int().nonnegative(),
  points: z.number().int().nonnegative(),
});

/**
 * POST /v1/operator/expiry/run: the expiry run (the same as `npm run expire`)
 * for an operator's scheduler. Repeating it, or two at once, expires nothing
 * twice (services/expiry.ts).
 */
export function operatorExpiryRoutes(deps: {
  db: Db;
  operator: OperatorGuard;
  settings: Pick<Settings, 'expiry' | 'production'>;
}) {
  const { db, operator, settings } = deps;
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'post',
    path: '/operator/expiry/run',
    summary: 'Expire what is left of every lot whose expiry date has come',
    description:
      'Declares the configured policy (EXPIRY_*), then posts one expire entry per due lot. Idempotent and safe to interrupt. The body may be empty; `now` is accepted only outside production.',
    security: bearer,
    request: bodyDoc(ExpiryRunRequest),
    responses: {
      200: json(ExpiryRunResponse, 'What this run expired (0 when repeated)'),
      ...problems(400, 401, 403, 413, 415, 422, 429),
    },
  });
  app.post('/operator/expiry/run', operator, async (c) => {
    const text = await rawBody(c);
    const parsed = ExpiryRunRequest.safeParse(text.trim() === '' ? {} : parseJsonText(c, text));
    if (!parsed.success) throw validation(parsed.error);
    if (parsed.data.now && settings.production) {
      throw new ProblemError(403, 'forbidden', 'A run as of another time is refused in production');
    }
    const now = parsed.data.now ? new Date(parsed.data.now) : new Date();
    await declareExpiryPolicy(db, settings.expiry);
    const result = await runExpiry(db, { now });
    return c.json(ExpiryRunResponse.parse({ now: now.toISOString(), ...result }));
  });
  return app;
}
