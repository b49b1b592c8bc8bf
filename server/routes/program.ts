import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { CouponList, Program, type Tier, type TierBenefit } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import { jsonWithEtag } from '../http/etag';
import { bearer, document, json, problems } from '../http/openapi-doc';
import { couponsFor } from '../services/coupon-ops';
import { loadTiers, memberTier, type TierRow, type TierSettings } from '../services/tiers';
import type { Settings } from '../settings';

const toTier = (r: TierRow): Tier => ({
  id: r.id,
  name: r.name,
  position: r.position,
  minQualifying: r.min_qualifying,
  multiplier: Number(r.earn_multiplier),
  benefits: (Array.isArray(r.benefits) ? r.benefits : []) as TierBenefit[],
});

/** The tiers and the member's standing in them. */
async function programFor(db: Db, memberId: string, now: Date, s: TierSettings): Promise<Program> {
  const tiers = await loadTiers(db);
  return { tiers: tiers.map(toTier), member: await memberTier(db, memberId, now, s, tiers) };
}

const notModified = { description: 'Unchanged since the ETag sent' };

/** GET /v1/me/program (tiers and the member's standing) and GET /v1/coupons. */
export function programRoutes(deps: {
  db: Db;
  requireMember: MiddlewareHandler<AppEnv>;
  settings: Settings;
}) {
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'get',
    path: '/me/program',
    summary: "The tiers and the member's standing. Revalidate with If-None-Match.",
    security: bearer,
    responses: {
      200: json(Program, 'Tiers and standing'),
      304: notModified,
      ...problems(401, 429),
    },
  });
  app.get('/me/program', deps.requireMember, async (c) => {
    const program = await programFor(deps.db, c.var.member.id, new Date(), deps.settings);
    return jsonWithEtag(c, Program.parse(program));
  });

  document(app, {
    method: 'get',
    path: '/coupons',
    summary:
      'The eCoupons this member may see, with their state for them. Revalidate with If-None-Match.',
    security: bearer,
    responses: {
      200: json(CouponList, 'Coupons'),
      304: notModified,
      ...problems(401, 429),
    },
  });
  app.get('/coupons', deps.requireMember, async (c) => {
    const coupons = await couponsFor(deps.db, c.var.member.id, new Date());
    return jsonWithEtag(c, CouponList.parse({ coupons }));
  });
  return app;
}
