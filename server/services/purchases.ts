import { sql } from 'kysely';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';

/**
 * Partner → the member's latest confirmed purchase there: what coupon and
 * survey targeting ask ("never bought here", "bought at X", "bought at X
 * within N days"). A 'confirm' with a partner is a purchase the partner
 * confirmed (the welcome bonus's release has none).
 */
export async function lastConfirmedAt(db: Db | Tx, memberId: string): Promise<Map<string, Date>> {
  const { rows } = await sql<{ partner_id: string; last_at: Date }>`
    SELECT partner_id, max(at) AS last_at FROM entries
    WHERE member_id = ${memberId} AND kind = 'confirm' AND partner_id IS NOT NULL
    GROUP BY partner_id`.execute(db);
  return new Map(rows.map((r) => [r.partner_id, new Date(r.last_at)]));
}
