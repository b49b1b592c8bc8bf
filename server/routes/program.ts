import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { CouponList, Program, type Tier, type TierBenefit } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import { jsonWithEtag } from '../http/etag';
import { bearer, document, json, problems } from '../http/openapi-doc';
import { couponsFor } from '../services/coupon-ops';
import { expiringFor } from '../services/expiry';
import { planAt } from '../services/plans';
import { referralInfo } from '../services/referrals';
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

/** The tiers and the member's standing in them; their referral code and paid plan. */
async function programFor(
  db: Db,
  memberId: string,
  now: Date,
  s: TierSettings &
    Pick<Settings, 'referralBonusPoints' | 'referralMonthlyCap' | 'expiry' | 'expiryWarningDays'>,
  linkBase: string,
): Promise<Program> {
  const tiers = await loadTiers(db);
  const [member, referral, plan, expiring] = await Promise.all([
    memberTier(db, memberId, now, s, tiers),
    referralInfo(db, memberId, linkBase, s),
    planAt(db, memberId, now),
    // Off: no warning, as the run expires nothing then.
    s.expiry.mode === 'off' ? [] : expiringFor(db, memberId, now, s.expiryWarningDays),
  ]);
  return {
    tiers: tiers.map(toTier),
    member,
    ...(referral ? { referral } : {}),
    ...(plan ? { plan } : {}),
    ...(expiring.length > 0 ? { expiring } : {}),
  };
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
    // Share links point at the configured public address, else where this request came to.
    const linkBase = deps.settings.publicUrl ?? new URL(c.req.url).origin;
    const program = await programFor(deps.db, c.var.member.id, new Date(), deps.settings, linkBase);
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
