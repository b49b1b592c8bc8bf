import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { RewardList } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import { jsonWithEtag } from '../http/etag';
import { bearer, document, json, problems } from '../http/openapi-doc';
import { loadRewards } from '../services/rewards';

/** GET /v1/rewards: the rewards catalogue, revalidated with If-None-Match. */
export function rewardRoutes(deps: { db: Db; requireMember: MiddlewareHandler<AppEnv> }) {
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'get',
    path: '/rewards',
    summary: 'The rewards catalogue (available: codes are left). Revalidate with If-None-Match.',
    description:
      'Redeem one with a sync op {type:"redeem", rewardId}; its voucher arrives as a spend entry.',
    security: bearer,
    responses: {
      200: json(RewardList, 'Rewards'),
      304: { description: 'Unchanged since the ETag sent' },
      ...problems(401, 429),
    },
  });
  app.get('/rewards', deps.requireMember, async (c) => {
    // The tag is the content's hash: it changes with a price, a new reward or a sold-out one.
    return jsonWithEtag(c, RewardList.parse(await loadRewards(deps.db)));
  });
  return app;
}
