import { sql } from 'kysely';
import { type ExpiryPolicy, expiryOf } from '../../utils/loyalty/expiry';
import type { Db } from '../db/schema';
import { inTx } from '../db/tx';

/**
 * The expiry policy in the database (migration 008, one row). The server
 * declares its configured policy at start-up (and `npm run expire` before a
 * run); addLot dates every new lot by the declared row, inside the earning
 * transaction, so the ledger's writers need no settings passed down.
 *
 * Why a lot's date is stored when it is earned rather than computed at each
 * run: a member is told "N points expire on DATE", and that promise must not
 * move when the operator later changes the policy. Shortening the period
 * therefore applies to points earned from then on (nothing already earned
 * suddenly expires without the announced warning), lengthening it too;
 * 'off' stops the run and the warning and dates new lots never. Lots earned
 * while expiry was off never expire.
 */

export interface PolicyRow {
  mode: ExpiryPolicy['mode'];
  months: number | string;
  month_day: string;
}

export const policyOf = (r: PolicyRow): ExpiryPolicy => ({
  mode: r.mode,
  months: Number(r.months),
  monthDay: r.month_day,
});

const STAMP_BATCH = 1000;

/**
 * Records `policy` as the one new lots are dated by. The first declaration
 * after migration 008 also dates the open lots earned before it (under this
 * policy; none when it is 'off'). Idempotent; returns how many lots it dated.
 */
export async function declareExpiryPolicy(db: Db, policy: ExpiryPolicy): Promise<number> {
  // Checks the date logic accepts it before anything is written.
  expiryOf(policy, new Date(0));
  return inTx(db, async (trx) => {
    const { rows: inserted } = await sql<{ id: boolean }>`
      INSERT INTO expiry_policy (id, mode, months, month_day)
      VALUES (true, ${policy.mode}, ${policy.months}, ${policy.monthDay})
      ON CONFLICT (id) DO NOTHING RETURNING id`.execute(trx);
    if (inserted.length === 0) {
      await sql`UPDATE expiry_policy SET mode = ${policy.mode}, months = ${policy.months},
        month_day = ${policy.monthDay}, declared_at = now()
        WHERE mode <> ${policy.mode} OR months <> ${policy.months}
          OR month_day <> ${policy.monthDay}`.execute(trx);
      return 0;
    }
    if (policy.mode === 'off') return 0;
    let dated = 0;
    for (;;) {
      const { rows } = await sql<{ member_id: string; entry_id: string; earned_at: Date | string }>`
        SELECT member_id, entry_id, earned_at FROM lots
        WHERE expires_at IS NULL AND remaining > 0
        ORDER BY entry_id LIMIT ${STAMP_BATCH}`.execute(trx);
      if (rows.length === 0) return dated;
      const dates = rows.map((r) => ({
        member: r.member_id,
        id: r.entry_id,
        at: expiryOf(policy, new Date(r.earned_at))?.toISOString(),
      }));
      await sql`UPDATE lots SET expires_at = v.at
        FROM jsonb_to_recordset(${JSON.stringify(dates)}::jsonb) AS v(member uuid, id uuid, at timestamptz)
        WHERE lots.member_id = v.member AND lots.entry_id = v.id`.execute(trx);
      dated += rows.length;
    }
  });
}

/** The declared policy, or null before the first declaration. */
export async function declaredExpiryPolicy(db: Db): Promise<ExpiryPolicy | null> {
  const { rows } = await sql<PolicyRow>`
    SELECT mode, months, month_day FROM expiry_policy`.execute(db);
  return rows[0] ? policyOf(rows[0]) : null;
}
