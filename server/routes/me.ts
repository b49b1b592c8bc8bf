import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { MeResponse } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import { bearer, document, json, problems } from '../http/openapi-doc';
import { readBalance, toBalance } from '../services/ledger';
import { toMember } from '../services/members';

export function meRoutes(deps: { db: Db; requireMember: MiddlewareHandler<AppEnv> }) {
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'get',
    path: '/me',
    summary: 'The signed-in member and their balance',
    security: bearer,
    responses: { 200: json(MeResponse, 'Member and balance'), ...problems(401, 429) },
  });
  app.get('/me', deps.requireMember, async (c) => {
    const member = c.var.member;
    const balance = await readBalance(deps.db, member.id);
    return c.json(MeResponse.parse({ member: toMember(member), balance: toBalance(balance) }));
  });
  return app;
}
