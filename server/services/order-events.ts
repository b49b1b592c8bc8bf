import type { EntryCode, Money, PartnerOrderEvent, PartnerOrderResult } from '../../utils/contract';
import { POINTS_MAX } from '../../utils/contract/rules';
import { earn } from '../../utils/loyalty/earn';
import { currencyExponent } from '../../utils/money';
import type { Tx } from '../db/tx';
import { ProblemError } from '../http/problem';
import { DEFAULT_SETTINGS } from '../settings';
import { provesBuyer } from './buyer-proof';
import { releaseActivations, type StoredEarn, storedEarn } from './coupons';
import { lockBalance, postEntry } from './ledger';
import { type OrderClaim, setOrderState } from './orders';
import type { PartnerRecord } from './partners';
import { payReferral, type ReferralSettings } from './referrals';
import { type TierSettings, upgradeIfReached } from './tiers';
import { releaseWelcomeBonus } from './welcome';

type Confirm = Extract<PartnerOrderEvent, { event: 'confirm' }>;

const fmt = (m: Money) =>
  `${(m.minor / 10 ** currencyExponent(m.currency)).toFixed(currencyExponent(m.currency))} ${m.currency}`;

const done = (seq: number | null) => {
  if (seq === null) throw new ProblemError(409, 'conflict', 'The order was settled concurrently');
  return seq;
};

/**
 * Points for `amount` under the claim's earn rules (partner rate, and the tier
 * multiplier and coupons stored with the claim; none: the base rate), within
 * the partner's per-order cap; 422 otherwise. `applied`: the coupons that added points.
 */
function pointsFor(
  partner: PartnerRecord,
  amount: Money,
  rules: StoredEarn | null = null,
): { points: number; applied: string[] } {
  const earned = earn(amount, {
    rate: partner.partner.earn,
    tierMultiplier: rules?.tierMultiplier ?? 1,
    planMultiplier: rules?.planMultiplier ?? 1,
    coupons: rules?.coupons ?? [],
  });
  const points = earned?.points ?? null;
  const currency = partner.partner.earn.currency;
  if (points === null) {
    throw new ProblemError(422, 'validation', `Amount must be in ${currency}`, [
      { path: 'amount.currency', message: `expected ${currency}` },
    ]);
  }
  // As at claim time: the partner's cap bounds the base points, the ledger's the total.
  const cap = Math.min(partner.maxPointsPerOrder, POINTS_MAX);
  const base = earned?.base ?? 0;
  if (base > cap || points > POINTS_MAX) {
    throw new ProblemError(
      422,
      'validation',
      `${Math.max(base, points)} points exceed this partner's cap of ${cap} per order`,
      [{ path: 'amount.minor', message: 'over the per-order cap' }],
    );
  }
  return { points, applied: earned?.applied ?? [] };
}

/**
 * Rejects every still-pending claim of the order except `keep`: as not the
 * buyer's (a confirmation for someone else) or with the partner's reason (a
 * cancellation). Balances are locked in member order, so two webhooks never
 * lock alike members the other way round. Returns the entries' seqs.
 */
export async function settleOthers(
  trx: Tx,
  partner: PartnerRecord,
  claims: OrderClaim[],
  keep: OrderClaim | null,
  why: { reason: string | null; code: EntryCode },
): Promise<number[]> {
  const seqs: number[] = [];
  for (const c of claims) {
    if (c === keep || c.settled) continue;
    await lockBalance(trx, c.member_id);
    const seq = await postEntry(trx, {
      memberId: c.member_id,
      kind: 'reject',
      claimId: c.id,
      partnerId: partner.partner.id,
      orderRef: null,
      points: 0,
      dPending: -c.points,
      reason: why.reason,
      code: why.code,
    });
    await releaseActivations(trx, c.member_id, c.id); // its coupons can be used on another purchase
    seqs.push(done(seq));
  }
  return seqs;
}

/**
 * The points go to the claim whose member the buyer proof names; every other
 * claim of the order is rejected. Null: the buyer has not claimed yet.
 */
export async function confirmOrder(
  trx: Tx,
  partner: PartnerRecord,
  event: Confirm,
  claims: OrderClaim[],
  tiers: TierSettings = DEFAULT_SETTINGS,
): Promise<PartnerOrderResult | null> {
  const buyer = claims.find((c) => provesBuyer(event.buyer, c, partner.secret)) ?? null;
  const claimed: Money | null = buyer
    ? { minor: Number(buyer.amount_minor), currency: buyer.currency }
    : null;
  const amount = event.amount ?? claimed;
  // The rules stored with the buyer's claim, so the credit matches its estimate.
  const earned = amount ? pointsFor(partner, amount, buyer ? storedEarn(buyer.earn) : null) : null;
  const points = earned?.points ?? 0;
  await settleOthers(trx, partner, claims, buyer, {
    reason: `${partner.partner.name} confirmed this order for another account`,
    code: 'not-buyer',
  });
  if (!buyer || !amount || !claimed) return null;
  const differs = amount.minor !== claimed.minor || amount.currency !== claimed.currency;
  const seq = await postEntry(trx, {
    memberId: buyer.member_id,
    kind: 'confirm',
    claimId: buyer.id,
    partnerId: partner.partner.id,
    orderRef: event.orderRef,
    amount,
    points,
    dAvailable: points,
    dPending: -buyer.points,
    reason: differs ? `Confirmed for ${fmt(amount)} (claimed ${fmt(claimed)})` : null,
    code: differs ? 'amount-changed' : null,
    meta: {
      eventId: event.eventId,
      ...(earned?.applied.length ? { coupons: earned.applied } : {}),
    },
  });
  await releaseWelcomeBonus(trx, buyer.member_id);
  // The same moment pays a pending referral, once (services/referrals.ts).
  // The webhook route passes its whole Settings as `tiers`; other callers get the defaults.
  const referral = tiers as TierSettings & Partial<ReferralSettings>;
  await payReferral(trx, buyer.member_id, {
    referralBonusPoints: referral.referralBonusPoints ?? DEFAULT_SETTINGS.referralBonusPoints,
    referralMonthlyCap: referral.referralMonthlyCap ?? DEFAULT_SETTINGS.referralMonthlyCap,
  });
  await upgradeIfReached(trx, buyer.member_id, new Date(), tiers);
  await setOrderState(
    trx,
    { partnerId: partner.partner.id, orderRef: event.orderRef },
    'confirmed',
    buyer.id,
  );
  return {
    eventId: event.eventId,
    orderRef: event.orderRef,
    status: 'confirmed',
    entry: { seq: done(seq), kind: 'confirm', points },
  };
}
