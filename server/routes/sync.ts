import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { MAX_OPS_PER_SYNC, Op, SyncRequest, SyncResponse } from '../../utils/contract';
import type { Db } from '../db/schema';
import { parseJsonText } from '../http/body';
import type { AppEnv } from '../http/env';
import { bearer, document, json, jsonBody, problems } from '../http/openapi-doc';
import { ProblemError, validation, zodErrors } from '../http/problem';
import { type IncomingOp, syncMember } from '../services/sync';

/**
 * The envelope is checked strictly, each op on its own: an op that fails the
 * contract but carries a valid id is rejected alone (ack code 'invalid', never
 * retried), so one bad op cannot block the client's whole outbox.
 */
const Envelope = z.object({
  cursor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
  ops: z.array(z.unknown()).max(MAX_OPS_PER_SYNC).default([]),
});
const OpId = z.object({ id: z.uuid() });

/** The op with its id in lower case (as the database returns uuids), and the id as sent. */
function lowerId(value: unknown): { value: unknown; sentId?: string } {
  if (typeof value !== 'object' || value === null || !('id' in value)) return { value };
  const sentId = value.id;
  if (typeof sentId !== 'string') return { value };
  return { value: { ...value, id: sentId.toLowerCase() }, sentId };
}

export function parseOps(raw: unknown[]): IncomingOp[] {
  return raw.map((original, i) => {
    // Compared in lower case, answered under the id as sent.
    const { value, sentId } = lowerId(original);
    const op = Op.safeParse(value);
    if (op.success) return { id: op.data.id, sentId: sentId ?? op.data.id, op: op.data };
    const id = OpId.safeParse(value);
    if (!id.success) {
      throw new ProblemError(422, 'validation', 'Every op needs a UUID id', [
        { path: `ops.${i}.id`, message: 'UUID expected' },
      ]);
    }
    const why = zodErrors(op.error)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ');
    return { id: id.data.id, sentId: sentId ?? id.data.id, invalid: `Invalid op: ${why}` };
  });
}

export interface SyncDeps {
  db: Db;
  requireMember: MiddlewareHandler<AppEnv>;
  faults: MiddlewareHandler<AppEnv>;
  claimsPerMemberHour: number;
}

export function syncRoutes(deps: SyncDeps) {
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'post',
    path: '/sync',
    summary: 'Push ops, pull the ledger changes after the cursor',
    description:
      'Ops are idempotent on their id. An op that fails validation but has a UUID id is rejected alone (code "invalid").',
    security: bearer,
    request: jsonBody(SyncRequest),
    responses: {
      200: json(SyncResponse, 'Acks, changes, next cursor'),
      ...problems(400, 401, 413, 415, 422, 429),
    },
  });
  app.post('/sync', deps.requireMember, deps.faults, async (c) => {
    const envelope = Envelope.safeParse(parseJsonText(c, await c.req.text()));
    if (!envelope.success) throw validation(envelope.error);
    const ops = parseOps(envelope.data.ops);
    const res = await syncMember(deps.db, c.var.member.id, envelope.data.cursor, ops, {
      claimsPerMemberHour: deps.claimsPerMemberHour,
    });
    return c.json(res satisfies SyncResponse);
  });
  return app;
}
