import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { PlanAnswer, PlanUpdate } from '../../utils/contract';
import type { Db } from '../db/schema';
import { jsonBody } from '../http/body';
import type { AppEnv } from '../http/env';
import { bearer, jsonBody as bodyDoc, document, json, problems } from '../http/openapi-doc';
import { ProblemError } from '../http/problem';
import type { OperatorGuard } from '../http/require-operator';
import { endPlan, planAt, setPlan } from '../services/plans';

const MemberNumber = z.string().regex(/^\d{16}$/);

function memberNumberOf(raw: string): string {
  if (!MemberNumber.safeParse(raw).success) {
    throw new ProblemError(422, 'validation', 'Some fields are invalid', [
      { path: 'memberNumber', message: 'a member number is 16 digits' },
    ]);
  }
  return raw;
}

/**
 * The paid plan "Plus" for the operator's billing system, under the shared
 * operator guard (services/plans.ts has the rules). PUT sets or extends the
 * period, DELETE ends it now; both are safe to repeat.
 */
export function operatorPlanRoutes(deps: { db: Db; operator: OperatorGuard; multiplier: number }) {
  const { db, operator } = deps;
  const app = new OpenAPIHono<AppEnv>();
  const params = { params: z.object({ memberNumber: MemberNumber }) };

  document(app, {
    method: 'put',
    path: '/operator/members/{memberNumber}/plan',
    summary: "Set the member's paid plan Plus until endsAt (the billing system's reference kept)",
    description:
      'Starts a period now, or moves the end of the active one. While active, claims earn the plan multiplier (PLUS_MULTIPLIER when the period started) on top of the tier; a claim keeps the plan of its purchase time when the period ends before the partner confirms it.',
    security: bearer,
    request: { ...params, ...bodyDoc(PlanUpdate) },
    responses: {
      200: json(PlanAnswer, 'The plan now'),
      ...problems(400, 401, 404, 413, 415, 422, 429),
    },
  });
  app.put('/operator/members/:memberNumber/plan', operator, async (c) => {
    const memberNumber = memberNumberOf(c.req.param('memberNumber'));
    const update = await jsonBody(c, PlanUpdate);
    const { plan, reference } = await setPlan(db, memberNumber, update, deps.multiplier);
    return c.json(PlanAnswer.parse({ memberNumber, plan, reference }));
  });

  document(app, {
    method: 'delete',
    path: '/operator/members/{memberNumber}/plan',
    summary: "End the member's paid plan now (nothing active: no change)",
    security: bearer,
    request: params,
    responses: { 200: json(PlanAnswer, 'The plan now: none'), ...problems(401, 404, 422, 429) },
  });
  app.delete('/operator/members/:memberNumber/plan', operator, async (c) => {
    const memberNumber = memberNumberOf(c.req.param('memberNumber'));
    const { ended } = await endPlan(db, memberNumber);
    return c.json(PlanAnswer.parse({ memberNumber, plan: null, reference: ended }));
  });

  document(app, {
    method: 'get',
    path: '/operator/members/{memberNumber}/plan',
    summary: "The member's plan now",
    security: bearer,
    request: params,
    responses: { 200: json(PlanAnswer, 'The plan now'), ...problems(401, 404, 422, 429) },
  });
  app.get('/operator/members/:memberNumber/plan', operator, async (c) => {
    const memberNumber = memberNumberOf(c.req.param('memberNumber'));
    const row = await db
      .selectFrom('members')
      .select('id')
      .where('member_number', '=', memberNumber)
      .executeTakeFirst();
    if (!row) throw new ProblemError(404, 'not-found', `No member ${memberNumber}`);
    const plan = await planAt(db, row.id, new Date());
    return c.json(PlanAnswer.parse({ memberNumber, plan, reference: null }));
  });
  return app;
}
