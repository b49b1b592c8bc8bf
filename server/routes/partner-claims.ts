import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  feedSigningText,
  PartnerId,
  ReportedClaimFeed,
  SIGNATURE_HEADER,
} from '../../utils/contract';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import { document, json, problems } from '../http/openapi-doc';
import { ProblemError } from '../http/problem';
import { reportedClaims } from '../services/missing-claim-feed';
import { findPartner } from '../services/partners';
import { verifySignature } from '../services/signature';

/**
 * The partner's feed of missing-purchase reports. Signed like the webhook,
 * over "GET <path>" (there is no body), so only the partner reads it.
 */
export function partnerClaimRoutes(deps: { db: Db }) {
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'get',
    path: '/partners/{id}/reported-claims',
    summary: "Partner: pending missing-purchase reports, answered through the partner's webhook",
    description: `Signed with ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.GET <path>")>, e.g. "<t>.GET /v1/partners/demo-shop/reported-claims". Confirm or cancel each order with POST /v1/partners/{id}/orders.`,
    request: {
      params: z.object({ id: PartnerId }),
      headers: z.object({ [SIGNATURE_HEADER]: z.string() }),
    },
    responses: {
      200: json(ReportedClaimFeed, 'Pending reports, oldest first (at most 500)'),
      ...problems(401, 404),
    },
  });
  app.get('/partners/:id/reported-claims', async (c) => {
    const id = c.req.param('id');
    const partner = PartnerId.safeParse(id).success ? await findPartner(deps.db, id) : null;
    if (!partner) throw new ProblemError(404, 'not-found', `No partner "${id.slice(0, 64)}"`);
    const check = verifySignature(
      c.req.header(SIGNATURE_HEADER),
      feedSigningText(new URL(c.req.url).pathname),
      partner.secret,
    );
    if (!check.ok) throw new ProblemError(401, 'bad-signature', 'Missing or wrong signature');
    return c.json(ReportedClaimFeed.parse(await reportedClaims(deps.db, partner.partner.id)));
  });
  return app;
}
