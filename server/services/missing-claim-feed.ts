import { sql } from 'kysely';
import type { ReportedClaimFeed } from '../../utils/contract';
import type { Db } from '../db/schema';

export const FEED_LIMIT = 500;

/**
 * A partner's pending missing-purchase reports, oldest first: claims marked
 * `reported` with no confirm or reject yet, on orders still open. The partner
 * answers each through its signed webhook (confirm with the buyer proof, or
 * cancel with a reason); no member data leaves here.
 */
export async function reportedClaims(db: Db, partnerId: string): Promise<ReportedClaimFeed> {
  const { rows } = await sql<{
    order_ref: string;
    amount_minor: number | string;
    currency: string;
    purchased_on: string;
    at: Date;
    claims: number | string;
  }>`
    SELECT c.order_ref, c.amount_minor, c.currency, c.meta -> 'reported' ->> 'purchasedOn' AS purchased_on,
      c.at, o.claims
    FROM entries c JOIN orders o ON o.partner_id = c.partner_id AND o.order_ref = c.order_ref
    WHERE c.partner_id = ${partnerId} AND c.kind = 'claim' AND (c.meta -> 'reported') IS NOT NULL
      AND o.state = 'open'
      AND NOT EXISTS (SELECT 1 FROM entries s
        WHERE s.member_id = c.member_id AND s.claim_id = c.id AND s.kind IN ('confirm','reject'))
    ORDER BY c.at, c.seq LIMIT ${FEED_LIMIT}`.execute(db);
  return {
    claims: rows.map((r) => ({
      orderRef: r.order_ref,
      amount: { minor: Number(r.amount_minor), currency: r.currency },
      purchasedOn: r.purchased_on,
      reportedAt: new Date(r.at).toISOString(),
      claims: Math.max(1, Number(r.claims)),
    })),
  };
}
