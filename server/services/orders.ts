import { sql } from 'kysely';
import type { Money, PartnerOrderEvent, PartnerOrderResult } from '../../utils/contract';
import { earnPoints } from '../../utils/loyalty/points';
import { currencyExponent } from '../../utils/money';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import { ProblemError } from '../http/problem';
import { lockBalance, postEntry } from './ledger';
import type { PartnerRecord } from './partners';

interface ClaimRow {
  id: string;
  member_id: string;
  points: number;
  amount_minor: number | string;
  currency: string;
}

const fmt = (m: Money) =>
  `${(m.minor / 10 ** currencyExponent(m.currency)).toFixed(currencyExponent(m.currency))} ${m.currency}`;

/**
 * Applies a partner's verdict on an order to the claim's ledger.
 *
 * Replays: the event id is recorded in webhook_events in the same transaction
 * as its entry; a second delivery of an event id is refused with 409 (a
 * partner treats 409 on redelivery as "already done"). A refused event (404
 * unknown order, 409 already settled, 422) is not recorded, so the partner
 * can send it again once the claim has arrived.
 */
export async function applyOrderEvent(
  db: Db,
  partner: PartnerRecord,
  event: PartnerOrderEvent,
  signature: string,
): Promise<PartnerOrderResult> {
  const partnerId = partner.partner.id;
  return inTx(db, async (trx) => {
    const fresh = await sql`
      INSERT INTO webhook_events (partner_id, event_id, signature, result)
      VALUES (${partnerId}, ${event.eventId}, ${signature}, '{}'::jsonb)
      ON CONFLICT DO NOTHING RETURNING event_id`.execute(trx);
    if (fresh.rows.length === 0) {
      throw new ProblemError(409, 'conflict', `Event ${event.eventId} has already been processed`);
    }
    const { rows } = await sql<ClaimRow>`
      SELECT id, member_id, points, amount_minor, currency FROM entries
      WHERE partner_id = ${partnerId} AND order_ref = ${event.orderRef} AND kind = 'claim'`.execute(
      trx,
    );
    const claim = rows[0];
    if (!claim) throw new ProblemError(404, 'not-found', `No claim for order ${event.orderRef}`);
    const balance = await lockBalance(trx, claim.member_id);
    const settled = await settlement(trx, claim.id);
    const result = await applyEvent(trx, partner, event, claim, settled, balance.available);
    await sql`UPDATE webhook_events SET result = ${JSON.stringify(result)}::jsonb
      WHERE partner_id = ${partnerId} AND event_id = ${event.eventId}`.execute(trx);
    return result;
  });
}

interface Settlement {
  kind: 'confirm' | 'reject' | null;
  confirmedPoints: number;
  adjusted: number;
}

async function settlement(trx: Tx, claimId: string): Promise<Settlement> {
  const { rows } = await sql<{ kind: string; points: number }>`
    SELECT kind, points FROM entries WHERE claim_id = ${claimId}`.execute(trx);
  const s: Settlement = { kind: null, confirmedPoints: 0, adjusted: 0 };
  for (const r of rows) {
    if (r.kind === 'confirm') {
      s.kind = 'confirm';
      s.confirmedPoints = r.points;
    } else if (r.kind === 'reject') s.kind = 'reject';
    else if (r.kind === 'adjust') s.adjusted += r.points;
  }
  return s;
}

async function applyEvent(
  trx: Tx,
  partner: PartnerRecord,
  event: PartnerOrderEvent,
  claim: ClaimRow,
  settled: Settlement,
  available: number,
): Promise<PartnerOrderResult> {
  const base = {
    memberId: claim.member_id,
    claimId: claim.id,
    partnerId: partner.partner.id,
    orderRef: event.orderRef,
    meta: { eventId: event.eventId },
  };
  const claimed: Money = { minor: Number(claim.amount_minor), currency: claim.currency };
  const done = (
    seq: number | null,
    status: PartnerOrderResult['status'],
    kind: 'confirm' | 'reject' | 'adjust',
    points: number,
  ) => {
    if (seq === null) throw new ProblemError(409, 'conflict', 'The order was settled concurrently');
    return {
      eventId: event.eventId,
      orderRef: event.orderRef,
      status,
      entry: { seq, kind, points },
    };
  };

  if (event.event === 'confirm' || event.event === 'cancel') {
    if (settled.kind) {
      throw new ProblemError(
        409,
        'conflict',
        `Order ${event.orderRef} is already ${settled.kind === 'confirm' ? 'confirmed' : 'rejected'}`,
      );
    }
  }
  switch (event.event) {
    case 'confirm': {
      const amount = event.amount ?? claimed;
      const points = earnPoints(amount, partner.partner.earn);
      if (points === null) {
        throw new ProblemError(
          422,
          'validation',
          `Amount must be in ${partner.partner.earn.currency}`,
          [{ path: 'amount.currency', message: `expected ${partner.partner.earn.currency}` }],
        );
      }
      const differs = amount.minor !== claimed.minor || amount.currency !== claimed.currency;
      const seq = await postEntry(trx, {
        ...base,
        kind: 'confirm',
        amount,
        points,
        dAvailable: points,
        dPending: -claim.points,
        reason: differs ? `Confirmed for ${fmt(amount)} (claimed ${fmt(claimed)})` : null,
      });
      return done(seq, 'confirmed', 'confirm', points);
    }
    case 'cancel': {
      const seq = await postEntry(trx, {
        ...base,
        kind: 'reject',
        points: 0,
        dPending: -claim.points,
        reason: event.reason ?? `Cancelled by ${partner.partner.name}`,
      });
      return done(seq, 'rejected', 'reject', 0);
    }
    case 'return': {
      if (settled.kind !== 'confirm') {
        throw new ProblemError(
          409,
          'conflict',
          `Order ${event.orderRef} is not confirmed; confirm it with the final amount instead`,
        );
      }
      const computed = earnPoints(event.amount, partner.partner.earn);
      if (computed === null) {
        throw new ProblemError(
          422,
          'validation',
          `Amount must be in ${partner.partner.earn.currency}`,
          [{ path: 'amount.currency', message: `expected ${partner.partner.earn.currency}` }],
        );
      }
      // Never take back more than the order earned, nor more than is available now.
      const remaining = Math.max(0, settled.confirmedPoints + settled.adjusted);
      const wanted = Math.min(computed, remaining);
      const taken = Math.min(wanted, available);
      let reason = `Return of ${fmt(event.amount)}: -${taken} points`;
      if (wanted < computed)
        reason += ` (limited to the ${remaining} points the order still holds)`;
      if (taken < wanted)
        reason += ` (${wanted - taken} points could not be taken back: already spent)`;
      const seq = await postEntry(trx, {
        ...base,
        kind: 'adjust',
        amount: event.amount,
        points: -taken,
        dAvailable: -taken,
        reason,
      });
      return done(seq, 'adjusted', 'adjust', -taken);
    }
  }
}
