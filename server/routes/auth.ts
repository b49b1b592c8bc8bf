import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AuthStartRequest, AuthVerifyRequest, AuthVerifyResponse } from '../../utils/contract';
import type { Db } from '../db/schema';
import { jsonBody } from '../http/body';
import type { AppEnv } from '../http/env';
import { bearer, jsonBody as body, document, json, problems } from '../http/openapi-doc';
import type { Logger } from '../log';
import { revokeToken, startSignIn, verifySignIn } from '../services/auth';
import { toMember } from '../services/members';

export interface AuthDeps {
  db: Db;
  log: Logger;
  production: boolean;
  tokenTtlDays: number;
  welcomeBonusPoints: number;
  /** Remembers the last code per email for GET /v1/dev/last-code (tests only). */
  devCodes: Map<string, string> | null;
  requireMember: MiddlewareHandler<AppEnv>;
}

export function authRoutes(deps: AuthDeps) {
  const app = new OpenAPIHono<AppEnv>();

  document(app, {
    method: 'post',
    path: '/auth/start',
    summary: 'Send a one-time sign-in code (creates the member on first sign-in)',
    request: body(AuthStartRequest),
    responses: {
      202: json(z.object({ status: z.literal('code-sent') }), 'Code issued'),
      ...problems(400, 415, 422, 429),
    },
  });
  app.post('/auth/start', async (c) => {
    const { email } = await jsonBody(c, AuthStartRequest);
    const { code } = await startSignIn(deps.db, email);
    // No mailer in the reference backend: in development the code goes to the log.
    if (!deps.production) deps.log.info({ msg: `sign-in code for ${email} code=${code}`, email });
    deps.devCodes?.set(email, code);
    return c.json({ status: 'code-sent' as const }, 202);
  });

  document(app, {
    method: 'post',
    path: '/auth/verify',
    summary: 'Exchange email + code for a bearer token',
    request: body(AuthVerifyRequest),
    responses: { 200: json(AuthVerifyResponse, 'Signed in'), ...problems(400, 401, 415, 422, 429) },
  });
  app.post('/auth/verify', async (c) => {
    const { email, code } = await jsonBody(c, AuthVerifyRequest);
    const { member, token } = await verifySignIn(
      deps.db,
      email,
      code,
      deps.tokenTtlDays,
      deps.welcomeBonusPoints,
    );
    return c.json(AuthVerifyResponse.parse({ token, member: toMember(member) }));
  });

  document(app, {
    method: 'post',
    path: '/auth/signout',
    summary: 'Revoke the bearer token',
    security: bearer,
    responses: { 204: { description: 'Token revoked' }, ...problems(401) },
  });
  app.post('/auth/signout', deps.requireMember, async (c) => {
    await revokeToken(deps.db, c.var.token);
    return c.body(null, 204);
  });

  return app;
}
