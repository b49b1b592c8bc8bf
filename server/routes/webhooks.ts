import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  PartnerId,
  PartnerOrderEvent,
  PartnerOrderResult,
  SIGNATURE_HEADER,
} from '../../utils/contract';
import type { Db } from '../db/schema';
import { parseJsonText } from '../http/body';
import type { AppEnv } from '../http/env';
import { document, json, jsonBody, problems } from '../http/openapi-doc';
import { ProblemError, validation } from '../http/problem';
import { applyOrderEvent } from '../services/orders';
import { findPartner } from '../services/partners';
import { verifySignature } from '../services/signature';
import { DEFAULT_SETTINGS, type Settings } from '../settings';

const REASONS = {
  malformed: `Missing or malformed ${SIGNATURE_HEADER} header (t=<unix>,v1=<hex>)`,
  stale: 'Signature timestamp outside the 5-minute tolerance',
  mismatch: 'Signature does not match the body',
};

export function webhookRoutes(deps: {
  db: Db;
  /** How tiers are counted at a confirmation (default: DEFAULT_SETTINGS). */
  settings?: Pick<Settings, 'tierPeriod' | 'tierGraceDays'>;
}) {
  const tiers = deps.settings ?? DEFAULT_SETTINGS;
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'post',
    path: '/partners/{id}/orders',
    summary: 'Partner webhook: confirm, cancel or partly return an order',
    description: `Signed with ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. An event id is processed once; a second delivery gets 409.`,
    request: {
      params: z.object({ id: PartnerId }),
      headers: z.object({ [SIGNATURE_HEADER]: z.string() }),
      ...jsonBody(PartnerOrderEvent),
    },
    responses: {
      200: json(PartnerOrderResult, 'Posted to the ledger'),
      ...problems(400, 401, 404, 409, 413, 415, 422),
    },
  });
  app.post('/partners/:id/orders', async (c) => {
    const id = c.req.param('id');
    const partner = PartnerId.safeParse(id).success ? await findPartner(deps.db, id) : null;
    if (!partner) throw new ProblemError(404, 'not-found', `No partner "${id.slice(0, 64)}"`);
    // The signature covers the exact bytes received, so verify before parsing.
    const raw = await c.req.text();
    const header = c.req.header(SIGNATURE_HEADER);
    const check = verifySignature(header, raw, partner.secret);
    if (!check.ok) throw new ProblemError(401, 'bad-signature', REASONS[check.reason]);
    const event = PartnerOrderEvent.safeParse(parseJsonText(c, raw));
    if (!event.success) throw validation(event.error);
    const result = await applyOrderEvent(deps.db, partner, event.data, header!, tiers);
    return c.json(PartnerOrderResult.parse(result));
  });
  return app;
}
