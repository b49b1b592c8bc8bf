import { sql } from 'kysely';
import type { Tx } from './tx';

const REWARDS = [
  // id, partner, value (cents, EUR), points, codes, code prefix
  ['demo-shop-5', 'demo-shop', 500, 500, 50, 'DEMO5'],
  ['book-corner-10', 'book-corner', 1000, 1000, 50, 'BOOK10'],
  // Only 3 codes, so the demo can show a sold-out reward.
  ['any-2', null, 200, 200, 3, 'ANY2'],
] as const;

/**
 * The demo rewards and their voucher code pools. Codes are deterministic
 * (DEMO5-0001 …) and inserted ON CONFLICT DO NOTHING, so seeding again never
 * duplicates a code nor frees an issued one.
 */
export async function seedRewards(trx: Tx): Promise<void> {
  for (const [id, partner, minor, price, count, prefix] of REWARDS) {
    await sql`INSERT INTO rewards (id, partner_id, value_minor, currency, points_price, valid_days)
      VALUES (${id}, ${partner}, ${minor}, 'EUR', ${price}, 365)
      ON CONFLICT (id) DO UPDATE SET partner_id = EXCLUDED.partner_id,
        value_minor = EXCLUDED.value_minor, points_price = EXCLUDED.points_price`.execute(trx);
    await sql`INSERT INTO reward_codes (reward_id, code)
      SELECT ${id}, ${prefix} || '-' || lpad(n::text, 4, '0') FROM generate_series(1, ${count}::int) n
      ON CONFLICT (reward_id, code) DO NOTHING`.execute(trx);
  }
}
