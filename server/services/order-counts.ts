import { sql } from 'kysely';
import type { Tx } from '../db/tx';

/**
 * The orders rows claims are counted into (the only cross-member state of a
 * claim): counted and locked in one upsert, uncounted again for claims that
 * were refused after all.
 */

export const orderKey = (c: { op: { claim: { partnerId: string; orderRef: string } } }) =>
  `${c.op.claim.partnerId}\u0000${c.op.claim.orderRef}`;

export interface OrderCount {
  partner_id: string;
  order_ref: string;
  state: string;
  /** Claims of the order before this batch (> 0: the new claim is contested). */
  before: number;
  /** Claims this batch counted, and how many of them were stored. */
  counted: number;
  stored: number;
}

/**
 * Counts the batch's claims into their orders rows in one upsert, which also
 * locks the rows (in key order, so two batches lock alike): a partner's
 * verdict cannot slip in between this check and the claims' insert.
 */
export async function countClaims(
  trx: Tx,
  candidates: { op: { claim: { partnerId: string; orderRef: string } } }[],
): Promise<Map<string, OrderCount>> {
  const n = new Map<string, { partner_id: string; order_ref: string; n: number }>();
  for (const c of candidates) {
    const k = orderKey(c);
    const row = n.get(k) ?? {
      partner_id: c.op.claim.partnerId,
      order_ref: c.op.claim.orderRef,
      n: 0,
    };
    row.n++;
    n.set(k, row);
  }
  const { rows } = await sql<{
    partner_id: string;
    order_ref: string;
    state: string;
    claims: number;
  }>`
    INSERT INTO orders (partner_id, order_ref, claims)
    SELECT x.partner_id, x.order_ref, x.n
    FROM jsonb_to_recordset(${JSON.stringify([...n.values()])}::jsonb)
      AS x(partner_id text, order_ref text, n int)
    ORDER BY x.partner_id, x.order_ref
    ON CONFLICT (partner_id, order_ref) DO UPDATE SET claims = orders.claims + EXCLUDED.claims,
      updated_at = now()
    RETURNING partner_id, order_ref, state, claims`.execute(trx);
  return new Map(
    rows.map((r) => {
      const k = `${r.partner_id}\u0000${r.order_ref}`;
      const counted = n.get(k)!.n;
      return [k, { ...r, before: r.claims - counted, counted, stored: 0 }];
    }),
  );
}

/** Takes back the counts of claims that were refused after all (duplicates, settled orders). */
export async function uncountRefused(trx: Tx, orders: Map<string, OrderCount>): Promise<void> {
  const fix = [...orders.values()]
    .filter((o) => o.counted > o.stored)
    .map((o) => ({ partner_id: o.partner_id, order_ref: o.order_ref, d: o.counted - o.stored }));
  if (fix.length === 0) return;
  await sql`
    UPDATE orders SET claims = orders.claims - x.d
    FROM jsonb_to_recordset(${JSON.stringify(fix)}::jsonb) AS x(partner_id text, order_ref text, d int)
    WHERE orders.partner_id = x.partner_id AND orders.order_ref = x.order_ref`.execute(trx);
}
