import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  AuthStartRequest,
  AuthVerifyRequest,
  AuthVerifyResponse,
  SignOutRequest,
} from '../../utils/contract';
import type { Db } from '../db/schema';
import { jsonBody, parseJsonText } from '../http/body';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { bearer, jsonBody as body, document, json, problems } from '../http/openapi-doc';
import { validation } from '../http/problem';
import { revokeAllTokens, revokeToken, startSignIn, verifySignIn } from '../services/auth';
import type { Mailer } from '../services/mailer';
import { toMember } from '../services/members';
import type { AuthLimits } from '../services/throttle';

export interface AuthDeps {
  db: Db;
  mailer: Mailer;
  secret: string;
  limits: AuthLimits;
  trustProxy: boolean;
  tokenTtlDays: number;
  welcomeBonusPoints: number;
  /** Bearer check without the request limit: signing out always works. */
  authenticate: MiddlewareHandler<AppEnv>;
}

export function authRoutes(deps: AuthDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const opts = (c: Parameters<typeof clientAddress>[0]) => ({
    secret: deps.secret,
    limits: deps.limits,
    address: clientAddress(c, deps.trustProxy),
  });

  document(app, {
    method: 'post',
    path: '/auth/start',
    summary: 'Email a one-time sign-in code (the same code again while it is valid)',
    description:
      'Creates no member: that happens with the first verified code. Limited per email and per client address; 429 with Retry-After when over.',
    request: body(AuthStartRequest),
    responses: {
      202: json(z.object({ status: z.literal('code-sent') }), 'Code sent'),
      ...problems(400, 415, 422, 429),
    },
  });
  app.post('/auth/start', async (c) => {
    const { email } = await jsonBody(c, AuthStartRequest);
    const code = await startSignIn(deps.db, email, opts(c));
    await deps.mailer.sendSignInCode(email, code);
    return c.json({ status: 'code-sent' as const }, 202);
  });

  document(app, {
    method: 'post',
    path: '/auth/verify',
    summary: 'Exchange email + code for a bearer token',
    description:
      'Wrong codes count per email and per client address; at the limit both are locked for a time that doubles with each lockout (429 with Retry-After). An optional `referralCode` refers a new member (answered in `referral`: applied, or ignored with a code); an unknown one on a first sign-in is 422 and keeps the sign-in code.',
    request: body(AuthVerifyRequest),
    responses: { 200: json(AuthVerifyResponse, 'Signed in'), ...problems(400, 401, 415, 422, 429) },
  });
  app.post('/auth/verify', async (c) => {
    const { email, code, referralCode } = await jsonBody(c, AuthVerifyRequest);
    const { member, token, referral } = await verifySignIn(deps.db, email, code, {
      ...opts(c),
      tokenTtlDays: deps.tokenTtlDays,
      welcomeBonusPoints: deps.welcomeBonusPoints,
      ...(referralCode ? { referralCode } : {}),
    });
    return c.json(AuthVerifyResponse.parse({ token, member: toMember(member), referral }));
  });

  document(app, {
    method: 'post',
    path: '/auth/signout',
    summary: 'Revoke the bearer token, or with {"everywhere": true} every token of the member',
    security: bearer,
    request: { body: { content: { 'application/json': { schema: SignOutRequest } } } },
    responses: { 204: { description: 'Token(s) revoked' }, ...problems(401, 415, 422) },
  });
  app.post('/auth/signout', deps.authenticate, async (c) => {
    const text = await c.req.text();
    let everywhere = false;
    if (text.trim() !== '') {
      const parsed = SignOutRequest.safeParse(parseJsonText(c, text));
      if (!parsed.success) throw validation(parsed.error);
      everywhere = parsed.data.everywhere;
    }
    if (everywhere) await revokeAllTokens(deps.db, c.var.member.id);
    else await revokeToken(deps.db, c.var.token);
    return c.body(null, 204);
  });

  return app;
}
