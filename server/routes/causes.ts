import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { CauseList } from '../../utils/contract/donation';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import { jsonWithEtag } from '../http/etag';
import { bearer, document, json, problems } from '../http/openapi-doc';
import { loadCauses } from '../services/causes';

/** GET /v1/causes: the causes a member can donate points to, revalidated with If-None-Match. */
export function causeRoutes(deps: { db: Db; requireMember: MiddlewareHandler<AppEnv> }) {
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'get',
    path: '/causes',
    summary: 'The active causes and their minimum donation. Revalidate with If-None-Match.',
    description:
      'Donate with a sync op {type:"donate", causeId, points}; it arrives as a spend entry with code "donation" and causeId.',
    security: bearer,
    responses: {
      200: json(CauseList, 'Causes'),
      304: { description: 'Unchanged since the ETag sent' },
      ...problems(401, 429),
    },
  });
  app.get('/causes', deps.requireMember, async (c) => {
    // The tag is the content's hash: a new cause, a changed minimum or a withdrawn one changes it.
    return jsonWithEtag(c, await loadCauses(deps.db));
  });
  return app;
}
