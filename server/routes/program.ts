import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import type { Settings } from '../settings';

/** GET /v1/me/program (tiers and the member's standing) and GET /v1/coupons. TODO(issue 11). */
export function programRoutes(_deps: {
  db: Db;
  requireMember: MiddlewareHandler<AppEnv>;
  settings: Settings;
}) {
  return new OpenAPIHono<AppEnv>();
}
