import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { PartnerId } from '../../utils/contract';
import type { Db } from '../db/schema';
import { jsonBody } from '../http/body';
import type { AppEnv } from '../http/env';
import { bearer, jsonBody as bodyDoc, document, json, problems } from '../http/openapi-doc';
import { ProblemError } from '../http/problem';
import type { OperatorGuard } from '../http/require-operator';
import {
  PartnerSaved,
  PartnerUpload,
  StoredPartnerList,
  savePartner,
  storedPartners,
} from '../services/partner-admin';
import { findPartner } from '../services/partners';

const invalid = (path: string, message: string) =>
  new ProblemError(422, 'validation', 'Some fields are invalid', [{ path, message }]);

/**
 * The operator's partner catalogue under /v1/operator: create or update one
 * partner, list them all. The same operator guard as the survey API;
 * secrets go in, never out.
 */
export function operatorPartnerRoutes(deps: {
  db: Db;
  /** The shared operator bearer check (server/http/require-operator.ts operatorGuard). */
  operator: OperatorGuard;
}) {
  const { db, operator } = deps;
  const app = new OpenAPIHono<AppEnv>();

  document(app, {
    method: 'put',
    path: '/operator/partners/{id}',
    summary: 'Create or update a partner in the catalogue',
    description:
      'The body is the catalogue entry (Partner without id, or with the same id), plus `secret` (the webhook and feed HMAC key: required for a new partner, kept when omitted) and `memberClaimsPerHour` (kept when omitted; 20 for a new partner). GET /v1/partners gets a new version and ETag whenever an entry changes. The secret is never answered.',
    security: bearer,
    request: { params: z.object({ id: PartnerId }), ...bodyDoc(PartnerUpload) },
    responses: {
      200: json(PartnerSaved, 'The partner as stored, and whether it was new'),
      ...problems(400, 401, 409, 413, 415, 422, 429),
    },
  });
  app.put('/operator/partners/:id', operator, async (c) => {
    const id = c.req.param('id');
    if (!PartnerId.safeParse(id).success) {
      throw invalid(
        'id',
        'a partner id is 2–64 of a-z, 0-9 and -, starting with a letter or digit',
      );
    }
    const { id: bodyId, secret, memberClaimsPerHour, ...entry } = await jsonBody(c, PartnerUpload);
    if (bodyId !== undefined && bodyId !== id) {
      throw invalid('id', `the body names "${bodyId}", the path "${id}"`);
    }
    const { created } = await savePartner(
      db,
      { ...entry, id },
      {
        ...(secret === undefined ? {} : { secret }),
        ...(memberClaimsPerHour === undefined ? {} : { memberClaimsPerHour }),
      },
    );
    const stored = await findPartner(db, id);
    if (!stored)
      throw new ProblemError(409, 'conflict', 'The partner changed meanwhile; try again');
    return c.json(
      PartnerSaved.parse({
        partner: stored.partner,
        memberClaimsPerHour: stored.memberClaimsPerHour,
        created,
      }),
    );
  });

  document(app, {
    method: 'get',
    path: '/operator/partners',
    summary: 'Every partner: its catalogue entry and claim limit (no secrets)',
    security: bearer,
    responses: { 200: json(StoredPartnerList, 'Partners by id'), ...problems(401, 429) },
  });
  app.get('/operator/partners', operator, async (c) =>
    c.json(StoredPartnerList.parse({ partners: await storedPartners(db) })),
  );
  return app;
}
