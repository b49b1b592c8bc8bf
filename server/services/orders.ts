import { sql } from 'kysely';
import type { PartnerOrderEvent, PartnerOrderResult } from '../../utils/contract';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import { ProblemError } from '../http/problem';
import { DEFAULT_SETTINGS } from '../settings';
import { confirmOrder, settleOthers } from './order-events';
import { returnOrder } from './order-return';
import type { PartnerRecord } from './partners';
import { type TierSettings, upgradeIfReached } from './tiers';

const CANCEL_CODE = {
  shopper: 'cancelled-by-shopper',
  partner: 'cancelled-by-partner',
  payment: 'payment-failed',
} as const;

export interface OrderClaim {
  id: string;
  member_id: string;
  email: string;
  member_number: string;
  points: number;
  amount_minor: number | string;
  currency: string;
  /** The claim's settlement so far: confirm / reject, or null while pending. */
  settled: 'confirm' | 'reject' | null;
  /** The earn rules stored with the claim (meta.earn; services/coupons.ts), if any. */
  earn: unknown;
}

/**
 * Applies a partner's verdict on an order to the claims of it.
 *
 * Replays: the event id is recorded in webhook_events in the same transaction
 * as its entries; a second delivery of an event id is refused with 409 (a
 * partner treats 409 on redelivery as "already done"). A refused event (404,
 * 409 already settled, 422) is not recorded, so the partner can send it again.
 * A confirmation whose buyer has not claimed the order yet rejects the other
 * members' claims (they are not the buyer's) and answers 404 unrecorded: sent
 * again once the buyer's claim has arrived, it confirms that one.
 */
export async function applyOrderEvent(
  db: Db,
  partner: PartnerRecord,
  event: PartnerOrderEvent,
  signature: string,
  tiers: TierSettings = DEFAULT_SETTINGS,
): Promise<PartnerOrderResult> {
  const partnerId = partner.partner.id;
  const out = await inTx(db, async (trx) => {
    const fresh = await sql`
      INSERT INTO webhook_events (partner_id, event_id, signature, result)
      VALUES (${partnerId}, ${event.eventId}, ${signature}, '{}'::jsonb)
      ON CONFLICT DO NOTHING RETURNING event_id`.execute(trx);
    if (fresh.rows.length === 0) {
      throw new ProblemError(409, 'conflict', `Event ${event.eventId} has already been processed`);
    }
    const { rows } = await sql<{ state: string; buyer_claim_id: string | null }>`
      SELECT state, buyer_claim_id FROM orders
      WHERE partner_id = ${partnerId} AND order_ref = ${event.orderRef} FOR UPDATE`.execute(trx);
    const order = rows[0];
    if (!order) throw new ProblemError(404, 'not-found', `No claim for order ${event.orderRef}`);
    const claims = await claimsOf(trx, partnerId, event.orderRef);
    const result = await dispatch(trx, partner, event, order, claims, tiers);
    if (result === null) {
      await sql`DELETE FROM webhook_events
        WHERE partner_id = ${partnerId} AND event_id = ${event.eventId}`.execute(trx);
      return null;
    }
    await sql`UPDATE webhook_events SET result = ${JSON.stringify(result)}::jsonb
      WHERE partner_id = ${partnerId} AND event_id = ${event.eventId}`.execute(trx);
    return result;
  });
  if (out) return out;
  throw new ProblemError(
    404,
    'not-found',
    `No claim of order ${event.orderRef} by its buyer yet; other members' claims were rejected. Send the confirmation again once the buyer's claim has arrived`,
  );
}

async function dispatch(
  trx: Tx,
  partner: PartnerRecord,
  event: PartnerOrderEvent,
  order: { state: string; buyer_claim_id: string | null },
  claims: OrderClaim[],
  tiers: TierSettings,
): Promise<PartnerOrderResult | null> {
  const settledAs = order.state === 'confirmed' ? 'confirmed' : 'rejected';
  if (event.event !== 'return' && order.state !== 'open') {
    throw new ProblemError(409, 'conflict', `Order ${event.orderRef} is already ${settledAs}`);
  }
  const keys = { partnerId: partner.partner.id, orderRef: event.orderRef };
  switch (event.event) {
    case 'confirm':
      return confirmOrder(trx, partner, event, claims, tiers);
    case 'cancel': {
      // The code says who cancelled (the UI words it); the partner's text is a detail.
      const seqs = await settleOthers(trx, partner, claims, null, {
        reason: event.reason ?? null,
        code: CANCEL_CODE[event.cause],
      });
      await setOrderState(trx, keys, 'cancelled', null);
      return {
        eventId: event.eventId,
        orderRef: event.orderRef,
        status: 'rejected',
        // Null when no claim was still open (all were already refused).
        entry: seqs[0] ? { seq: seqs[0], kind: 'reject', points: 0 } : null,
      };
    }
    case 'return': {
      const buyer = claims.find((c) => c.id === order.buyer_claim_id);
      if (order.state !== 'confirmed' || !buyer) {
        throw new ProblemError(
          409,
          'conflict',
          `Order ${event.orderRef} is not confirmed; confirm it with the final amount instead`,
        );
      }
      const result = await returnOrder(trx, partner, event, buyer);
      await upgradeIfReached(trx, buyer.member_id, new Date(), tiers);
      return result;
    }
  }
}

export async function setOrderState(
  trx: Tx,
  keys: { partnerId: string; orderRef: string },
  state: 'confirmed' | 'cancelled',
  buyerClaimId: string | null,
): Promise<void> {
  await sql`UPDATE orders SET state = ${state}, buyer_claim_id = ${buyerClaimId}, updated_at = now()
    WHERE partner_id = ${keys.partnerId} AND order_ref = ${keys.orderRef}`.execute(trx);
}

async function claimsOf(trx: Tx, partnerId: string, orderRef: string): Promise<OrderClaim[]> {
  const { rows } = await sql<OrderClaim>`
    SELECT c.id, c.member_id, m.email, m.member_number, c.points, c.amount_minor, c.currency,
      c.meta -> 'earn' AS earn,
      (SELECT s.kind FROM entries s
        WHERE s.member_id = c.member_id AND s.claim_id = c.id AND s.kind IN ('confirm','reject')) AS settled
    FROM entries c JOIN members m ON m.id = c.member_id
    WHERE c.partner_id = ${partnerId} AND c.order_ref = ${orderRef} AND c.kind = 'claim'
    ORDER BY c.member_id`.execute(trx);
  return rows;
}
