import { sql } from 'kysely';
import type { Reward, RewardList } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';

/**
 * The rewards catalogue and its voucher code pools. A code is issued at most
 * once: reward_codes.redemption_id is UNIQUE and only set while the row is
 * locked, so two redemptions can never get the same code.
 */

export interface RewardRow {
  id: string;
  partner_id: string | null;
  value_minor: number | string;
  currency: string;
  points_price: number;
  valid_days: number;
  active: boolean;
}

const toReward = (r: RewardRow & { available: boolean }): Reward => ({
  id: r.id,
  kind: 'voucher',
  partnerId: r.partner_id,
  value: { minor: Number(r.value_minor), currency: r.currency },
  pointsPrice: r.points_price,
  validDays: r.valid_days,
  available: r.available,
});

/** The active rewards, cheapest first; `available`: a free code is left. */
export async function loadRewards(db: Db): Promise<RewardList> {
  const { rows } = await sql<RewardRow & { available: boolean }>`
    SELECT r.id, r.partner_id, r.value_minor, r.currency, r.points_price, r.valid_days, r.active,
      EXISTS (SELECT 1 FROM reward_codes c
        WHERE c.reward_id = r.id AND c.redemption_id IS NULL) AS available
    FROM rewards r WHERE r.active
    ORDER BY r.points_price, r.id
    LIMIT 500`.execute(db);
  return { rewards: rows.map(toReward) };
}

/** The rewards named by `ids` (active or not), by id. */
export async function findRewards(trx: Tx, ids: string[]): Promise<Map<string, RewardRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<RewardRow>`
    SELECT id, partner_id, value_minor, currency, points_price, valid_days, active
    FROM rewards
    WHERE id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`.execute(
    trx,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Whether any code of the reward is still free (a read, no lock). */
export async function hasFreeCode(trx: Tx, rewardId: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM reward_codes
    WHERE reward_id = ${rewardId} AND redemption_id IS NULL LIMIT 1`.execute(trx);
  return rows.length > 0;
}

/**
 * Issues the reward's lowest free code to `redemptionId`, or null when none
 * is free. SKIP LOCKED: a code another transaction is issuing right now is
 * passed over rather than waited for, so concurrent redemptions of one
 * reward each get a different free code instead of queueing on one row.
 */
export async function takeCode(
  trx: Tx,
  rewardId: string,
  redemptionId: string,
): Promise<string | null> {
  const { rows } = await sql<{ code: string }>`
    UPDATE reward_codes SET redemption_id = ${redemptionId}, redeemed_at = now()
    WHERE reward_id = ${rewardId} AND id = (
      SELECT id FROM reward_codes
      WHERE reward_id = ${rewardId} AND redemption_id IS NULL
      ORDER BY id LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING code`.execute(trx);
  return rows[0]?.code ?? null;
}
