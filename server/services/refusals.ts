import { sql } from 'kysely';
import type { Ack, RejectCode } from '../../utils/contract';
import type { Tx } from '../db/tx';
import type { ClaimOpT } from './claim-ops';

/**
 * A claim the server refuses stays in the member's history as a 'refusal'
 * entry: 0 points, the op's id (so the device that sent it recognises it),
 * its RejectCode and the claim's facts. Signing in again on another device
 * then shows the same history, refusals included. Only refusals of a
 * well-formed claim: an op that failed the contract has no facts to keep.
 * The caller holds the member's balance lock. Returns the highest seq.
 */
const KEPT: ReadonlySet<RejectCode> = new Set([
  'duplicate-order',
  'unknown-partner',
  'claim-limit',
  'amount-too-high',
]);

export async function recordRefusals(
  trx: Tx,
  memberId: string,
  ops: { id: string; op: ClaimOpT }[],
  verdicts: Map<string, Ack>,
  knownPartner: (id: string) => boolean,
): Promise<number> {
  const rows = ops.flatMap(({ id, op }) => {
    const v = verdicts.get(id);
    if (v?.status !== 'rejected' || !KEPT.has(v.code)) return [];
    const { claim } = op;
    return [
      {
        id,
        // An unknown partner cannot be referenced; its id survives in the reason.
        partner_id: knownPartner(claim.partnerId) ? claim.partnerId : null,
        order_ref: claim.orderRef,
        amount_minor: claim.total.minor,
        currency: claim.total.currency,
        refusal: v.code,
        reason: v.reason,
        occurred_at: op.createdAt,
      },
    ];
  });
  if (rows.length === 0) return 0;
  const { rows: inserted } = await sql<{ seq: number | string }>`
    INSERT INTO entries (id, member_id, kind, partner_id, order_ref, amount_minor, currency,
      points, code, refusal, reason, occurred_at)
    SELECT x.id, ${memberId}, 'refusal', x.partner_id, x.order_ref, x.amount_minor, x.currency,
      0, 'refused', x.refusal, x.reason, x.occurred_at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x(id uuid, partner_id text, order_ref text, amount_minor bigint, currency text,
           refusal text, reason text, occurred_at timestamptz)
    ON CONFLICT DO NOTHING
    RETURNING seq`.execute(trx);
  return inserted.reduce((m, r) => Math.max(m, Number(r.seq)), 0);
}
