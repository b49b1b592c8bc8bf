import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';

/** GET /v1/rewards: the rewards catalogue. TODO(issue 11). */
export function rewardRoutes(_deps: { db: Db; requireMember: MiddlewareHandler<AppEnv> }) {
  return new OpenAPIHono<AppEnv>();
}
