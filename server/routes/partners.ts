import { OpenAPIHono } from '@hono/zod-openapi';
import { PartnerCatalogue } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import { etagMatches } from '../http/etag';
import { document, json } from '../http/openapi-doc';
import { loadCatalogue } from '../services/partners';

export function partnerRoutes(deps: { db: Db }) {
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'get',
    path: '/partners',
    summary: 'The partner catalogue (public). Revalidate with If-None-Match.',
    responses: {
      200: json(PartnerCatalogue, 'Catalogue'),
      304: { description: 'Unchanged since the ETag sent' },
    },
  });
  app.get('/partners', async (c) => {
    const catalogue = await loadCatalogue(deps.db);
    const etag = `"${catalogue.version}"`;
    // Clients may cache, but must ask again each time; the answer is usually a 304.
    c.header('etag', etag);
    c.header('cache-control', 'no-cache');
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.json(catalogue);
  });
  return app;
}
