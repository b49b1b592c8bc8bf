import type { Partner } from '../contract';
import type { EarnRules } from '../loyalty/earn';
import { earnRulesNow } from '../loyalty/preview';
import { couponViews } from '../program/coupons';
import type { LedgerDb } from './db';
import { entriesOfKind, readProgram } from './queries';

/**
 * The earn rules a purchase at `partner` gets on this device now: the tier
 * and the coupons the popup shows as activated (or activating). One read for
 * the banner's preview and the pending estimate of a new claim (the paid plan
 * included while it lasts), so the page
 * never previews one figure and then records another.
 */
export async function localEarnRules(
  db: LedgerDb,
  partner: Pick<Partner, 'id' | 'earn'>,
  now: number,
): Promise<EarnRules> {
  const [stored, activations] = await Promise.all([
    readProgram(db).catch(() => ({}) as Awaited<ReturnType<typeof readProgram>>),
    entriesOfKind(db, 'activate').catch(() => []),
  ]);
  const rules = earnRulesNow({
    rate: partner.earn,
    partnerId: partner.id,
    program: stored.program,
    coupons: couponViews(stored.coupons?.coupons ?? [], activations, now),
    now,
  });
  // The paid plan, while it lasts by its end date, as the server applies it (services/plans.ts).
  const plan = stored.program?.plan;
  const active = plan && Date.parse(plan.startsAt) <= now && now < Date.parse(plan.endsAt);
  return active ? { ...rules, planMultiplier: plan.multiplier } : rules;
}
