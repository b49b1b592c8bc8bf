import type { Money, PartnerOrderEvent, PartnerOrderResult } from '../../utils/contract';
import { earn } from '../../utils/loyalty/earn';
import { currencyExponent } from '../../utils/money';
import type { Tx } from '../db/tx';
import { ProblemError } from '../http/problem';
import { storedEarn } from './coupons';
import { applyBalance, lockBalance, postEntry } from './ledger';
import type { OrderClaim } from './orders';
import type { PartnerRecord } from './partners';

type Return = Extract<PartnerOrderEvent, { event: 'return' }>;

const fmt = (m: Money) =>
  `${(m.minor / 10 ** currencyExponent(m.currency)).toFixed(currencyExponent(m.currency))} ${m.currency}`;

interface OrderEntry {
  id: string;
  kind: string;
  points: number;
  amount_minor: number | string | null;
  code: string | null;
  meta: unknown;
}

const owedOf = (meta: unknown): number => {
  const owed = (meta as { owed?: unknown } | null)?.owed;
  return typeof owed === 'number' && Number.isInteger(owed) && owed > 0 ? owed : 0;
};

const RETURN_CODES = new Set(['partial-return', 'return-owed']);

/**
 * The points a return takes back under the claim's own earn rules (tier
 * multiplier and coupons in force when it was made): what the order kept
 * before it minus what the rest of the order still earns. So a multiplied
 * order gives back multiplied points, and a bonus coupon's points go back
 * only when the order falls below the coupon's minimum amount.
 */
function returnedPoints(
  rows: OrderEntry[],
  amount: Money,
  partner: PartnerRecord,
  stored: unknown,
): number {
  const confirmed = Number(rows.find((r) => r.kind === 'confirm')?.amount_minor ?? 0);
  const returnedBefore = rows.reduce(
    (s, r) =>
      r.kind === 'adjust' && r.code && RETURN_CODES.has(r.code)
        ? s + Number(r.amount_minor ?? 0)
        : s,
    0,
  );
  const rules = storedEarn(stored);
  const earned = (minor: number) =>
    earn(
      { minor: Math.max(0, minor), currency: amount.currency },
      {
        rate: partner.partner.earn,
        tierMultiplier: rules.tierMultiplier,
        planMultiplier: rules.planMultiplier ?? 1,
        coupons: rules.coupons,
      },
    )?.points ?? 0;
  const kept = confirmed - returnedBefore;
  return Math.max(0, earned(kept) - earned(kept - amount.minor));
}

/**
 * A return (partial or the whole order) takes back the points of the
 * returned amount, never more than the order still holds. They come from the
 * order's own lot first, then the oldest lots. What was already spent cannot
 * be taken from `available` (it never goes below zero), so it becomes
 * balances.owed instead of being lost to the program: the 'adjust' entry says
 * so (code 'return-owed', its meta.owed), and the next points that reach
 * available repay it first (services/ledger.ts, rule 4). The order counts the
 * owed part as taken back, so a second return cannot take it again.
 */
export async function returnOrder(
  trx: Tx,
  partner: PartnerRecord,
  event: Return,
  buyer: OrderClaim,
): Promise<PartnerOrderResult> {
  const currency = partner.partner.earn.currency;
  if (event.amount.currency !== currency) {
    throw new ProblemError(422, 'validation', `Amount must be in ${currency}`, [
      { path: 'amount.currency', message: `expected ${currency}` },
    ]);
  }
  const balance = await lockBalance(trx, buyer.member_id);
  const rows: OrderEntry[] = await trx
    .selectFrom('entries')
    .select(['id', 'kind', 'points', 'amount_minor', 'code', 'meta'])
    .where('member_id', '=', buyer.member_id)
    .where('claim_id', '=', buyer.id)
    .execute();
  const computed = returnedPoints(rows, event.amount, partner, buyer.earn);
  // Repayments of another order's debt carry this claim's id but are not its returns.
  const holds = Math.max(
    0,
    rows.reduce(
      (s, r) =>
        (r.kind === 'confirm' || r.kind === 'adjust') && r.code !== 'debt-repaid'
          ? s + r.points - owedOf(r.meta)
          : s,
      0,
    ),
  );
  const wanted = Math.min(computed, holds);
  const taken = Math.min(wanted, balance.available);
  const owed = wanted - taken;
  let reason = `Return of ${fmt(event.amount)}: -${taken} points`;
  if (wanted < computed) reason += ` (limited to the ${holds} points the order still holds)`;
  if (owed > 0) {
    reason += ` (${owed} points could not be taken back: already spent; they are owed and repaid from the next points)`;
  }
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
    code: owed > 0 ? 'return-owed' : 'partial-return',
    meta: { eventId: event.eventId, ...(owed > 0 ? { owed } : {}) },
    lotFirst: rows.find((r) => r.kind === 'confirm')?.id ?? null,
  });
  if (seq === null) throw new ProblemError(409, 'conflict', 'The order was settled concurrently');
  // The owed part no longer counts toward the tier either, like the taken part.
  if (owed > 0) await applyBalance(trx, buyer.member_id, { owed, qualifying: -owed, lastSeq: seq });
  return {
    eventId: event.eventId,
    orderRef: event.orderRef,
    status: 'adjusted',
    entry: { seq, kind: 'adjust', points: -taken },
  };
}
