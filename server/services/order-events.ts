import type { EntryCode, Money, PartnerOrderEvent, PartnerOrderResult } from '../../utils/contract';
import { POINTS_MAX } from '../../utils/contract/rules';
import { earnPoints } from '../../utils/loyalty/points';
import { currencyExponent } from '../../utils/money';
import type { Tx } from '../db/tx';
import { ProblemError } from '../http/problem';
import { provesBuyer } from './buyer-proof';
import { lockBalance, postEntry } from './ledger';
import { type OrderClaim, setOrderState } from './orders';
import type { PartnerRecord } from './partners';
import { releaseWelcomeBonus } from './welcome';

type Confirm = Extract<PartnerOrderEvent, { event: 'confirm' }>;
type Return = Extract<PartnerOrderEvent, { event: 'return' }>;

const fmt = (m: Money) =>
  `${(m.minor / 10 ** currencyExponent(m.currency)).toFixed(currencyExponent(m.currency))} ${m.currency}`;

const done = (seq: number | null) => {
  if (seq === null) throw new ProblemError(409, 'conflict', 'The order was settled concurrently');
  return seq;
};

/** Points for `amount` at the partner's rate, within its per-order cap; 422 otherwise. */
function pointsFor(partner: PartnerRecord, amount: Money): number {
  const points = earnPoints(amount, partner.partner.earn);
  const currency = partner.partner.earn.currency;
  if (points === null) {
    throw new ProblemError(422, 'validation', `Amount must be in ${currency}`, [
      { path: 'amount.currency', message: `expected ${currency}` },
    ]);
  }
  const cap = Math.min(partner.maxPointsPerOrder, POINTS_MAX);
  if (points > cap) {
    throw new ProblemError(
      422,
      'validation',
      `${points} points exceed this partner's cap of ${cap} per order`,
      [{ path: 'amount.minor', message: 'over the per-order cap' }],
    );
  }
  return points;
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
): Promise<PartnerOrderResult | null> {
  const buyer = claims.find((c) => provesBuyer(event.buyer, c, partner.secret)) ?? null;
  const claimed: Money | null = buyer
    ? { minor: Number(buyer.amount_minor), currency: buyer.currency }
    : null;
  const amount = event.amount ?? claimed;
  const points = amount ? pointsFor(partner, amount) : 0;
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
    meta: { eventId: event.eventId },
  });
  await releaseWelcomeBonus(trx, buyer.member_id);
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

/** A partial return takes back points, never more than the order earned nor than are available. */
export async function returnOrder(
  trx: Tx,
  partner: PartnerRecord,
  event: Return,
  buyer: OrderClaim,
): Promise<PartnerOrderResult> {
  const computed = earnPoints(event.amount, partner.partner.earn);
  if (computed === null) pointsFor(partner, event.amount); // throws the currency problem
  const balance = await lockBalance(trx, buyer.member_id);
  const rows = await trx
    .selectFrom('entries')
    .select(['kind', 'points'])
    .where('claim_id', '=', buyer.id)
    .execute();
  const earned = rows.reduce(
    (s: number, r) => s + (r.kind === 'confirm' || r.kind === 'adjust' ? r.points : 0),
    0,
  );
  const remaining = Math.max(0, earned);
  const wanted = Math.min(computed ?? 0, remaining);
  const taken = Math.min(wanted, balance.available);
  let reason = `Return of ${fmt(event.amount)}: -${taken} points`;
  if (wanted < (computed ?? 0))
    reason += ` (limited to the ${remaining} points the order still holds)`;
  if (taken < wanted)
    reason += ` (${wanted - taken} points could not be taken back: already spent)`;
  const seq = await postEntry(trx, {
    memberId: buyer.member_id,
    kind: 'adjust',
    claimId: buyer.id,
    partnerId: partner.partner.id,
    orderRef: event.orderRef,
    amount: event.amount,
    points: -taken,
    dAvailable: -taken,
    reason,
    code: 'partial-return',
    meta: { eventId: event.eventId },
  });
  return {
    eventId: event.eventId,
    orderRef: event.orderRef,
    status: 'adjusted',
    entry: { seq: done(seq), kind: 'adjust', points: -taken },
  };
}
