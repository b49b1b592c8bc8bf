import { sql } from 'kysely';
import type { Tx } from './tx';

/** The demo tiers (Blue, Silver, Gold) and eCoupons. Upserts: safe to run again. */
export async function seedTiersAndCoupons(trx: Tx): Promise<void> {
  const tiers = [
    ['blue', 'Blue', 1, 0, 1],
    ['silver', 'Silver', 2, 1000, 1.25],
    ['gold', 'Gold', 3, 5000, 1.5],
  ] as const;
  for (const [id, name, position, min, mult] of tiers) {
    await sql`INSERT INTO tiers (id, name, position, min_qualifying, earn_multiplier)
      VALUES (${id}, ${name}, ${position}, ${min}, ${mult})
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, min_qualifying = EXCLUDED.min_qualifying,
        earn_multiplier = EXCLUDED.earn_multiplier`.execute(trx);
  }
  await sql`INSERT INTO coupons (id, partner_id, title, kind, multiplier, bonus_points, min_amount_minor, currency, valid_until)
    VALUES
      ('demo-shop-10x', 'demo-shop', '10× points at Demo Shop', 'multiplier', 10, NULL, NULL, NULL, '2030-12-31T23:59:59Z'),
      ('book-corner-500', 'book-corner', '500 bonus points from 50 € at Book Corner', 'bonus', NULL, 500, 5000, 'EUR', '2030-12-31T23:59:59Z'),
      ('green-grocer-3x', 'green-grocer', '3× points on fresh produce', 'multiplier', 3, NULL, NULL, NULL, '2030-06-30T23:59:59Z')
    ON CONFLICT (id) DO NOTHING`.execute(trx);
}
