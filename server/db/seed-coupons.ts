import { sql } from 'kysely';
import type { Tx } from './tx';

const TIERS = [
  { id: 'blue', name: 'Blue', position: 1, min: 0, multiplier: 1, benefits: [] },
  {
    id: 'silver',
    name: 'Silver',
    position: 2,
    min: 1000,
    multiplier: 1.25,
    benefits: ['earn-multiplier', 'member-coupons'],
  },
  {
    id: 'gold',
    name: 'Gold',
    position: 3,
    min: 5000,
    multiplier: 1.5,
    benefits: ['earn-multiplier', 'member-coupons', 'priority-support', 'free-returns'],
  },
];

interface SeedCoupon {
  id: string;
  partner_id: string;
  title: string;
  kind: 'multiplier' | 'bonus';
  multiplier: number | null;
  bonus_points: number | null;
  min_amount_minor: number | null;
  currency: string | null;
  valid_until: string;
  max_extra_points: number | null;
  per_member_limit: number;
  stock: number | null;
  target_tiers: string[] | null;
  target_new_to_partner: boolean;
}

const base = {
  multiplier: null,
  bonus_points: null,
  min_amount_minor: null,
  currency: null,
  valid_until: '2030-12-31T23:59:59Z',
  max_extra_points: null,
  per_member_limit: 1,
  stock: null,
  target_tiers: null,
  target_new_to_partner: false,
};

/** The demo coupons: one of each kind, one for Silver and Gold only, one with a small stock. */
const COUPONS: SeedCoupon[] = [
  {
    ...base,
    id: 'demo-shop-10x',
    partner_id: 'demo-shop',
    title: '10× points at Demo Shop',
    kind: 'multiplier',
    multiplier: 10,
  },
  {
    ...base,
    id: 'book-corner-500',
    partner_id: 'book-corner',
    title: '500 bonus points from 50 € at Book Corner',
    kind: 'bonus',
    bonus_points: 500,
    min_amount_minor: 5000,
    currency: 'EUR',
  },
  {
    ...base,
    id: 'green-grocer-3x',
    partner_id: 'green-grocer',
    title: '3× points on fresh produce',
    kind: 'multiplier',
    multiplier: 3,
    valid_until: '2030-06-30T23:59:59Z',
  },
  {
    ...base,
    id: 'demo-shop-silver-5x',
    partner_id: 'demo-shop',
    title: '5× points at Demo Shop for Silver and Gold members',
    kind: 'multiplier',
    multiplier: 5,
    max_extra_points: 2000,
    target_tiers: ['silver', 'gold'],
  },
  {
    ...base,
    id: 'book-corner-first-200',
    partner_id: 'book-corner',
    title: '200 bonus points on your first Book Corner order (first 50 members)',
    kind: 'bonus',
    bonus_points: 200,
    stock: 50,
    target_new_to_partner: true,
  },
];

/**
 * The demo tiers (Blue, Silver, Gold) and eCoupons. Upserts that update every
 * column, so a changed seed reaches an existing database on the next start;
 * the coupons' activation counters are left alone.
 */
export async function seedTiersAndCoupons(trx: Tx): Promise<void> {
  for (const t of TIERS) {
    await sql`INSERT INTO tiers (id, name, position, min_qualifying, earn_multiplier, benefits)
      VALUES (${t.id}, ${t.name}, ${t.position}, ${t.min}, ${t.multiplier}, ${JSON.stringify(t.benefits)}::jsonb)
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, min_qualifying = EXCLUDED.min_qualifying,
        earn_multiplier = EXCLUDED.earn_multiplier, benefits = EXCLUDED.benefits`.execute(trx);
  }
  await sql`INSERT INTO coupons (id, partner_id, title, kind, multiplier, bonus_points,
      min_amount_minor, currency, valid_until, max_extra_points, per_member_limit, stock,
      target_tiers, target_new_to_partner, valid_from)
    SELECT x.id, x.partner_id, x.title, x.kind, x.multiplier, x.bonus_points, x.min_amount_minor,
      x.currency, x.valid_until, x.max_extra_points, x.per_member_limit, x.stock, NULLIF(x.target_tiers, 'null'::jsonb),
      x.target_new_to_partner, now() - interval '1 day'
    FROM jsonb_to_recordset(${JSON.stringify(COUPONS)}::jsonb) AS x(id text, partner_id text,
      title text, kind text, multiplier numeric, bonus_points int, min_amount_minor bigint,
      currency text, valid_until timestamptz, max_extra_points int, per_member_limit int, stock int,
      target_tiers jsonb, target_new_to_partner boolean)
    ON CONFLICT (id) DO UPDATE SET partner_id = EXCLUDED.partner_id, title = EXCLUDED.title,
      kind = EXCLUDED.kind, multiplier = EXCLUDED.multiplier, bonus_points = EXCLUDED.bonus_points,
      min_amount_minor = EXCLUDED.min_amount_minor, currency = EXCLUDED.currency,
      valid_until = EXCLUDED.valid_until, max_extra_points = EXCLUDED.max_extra_points,
      per_member_limit = EXCLUDED.per_member_limit,
      -- Never below what was already handed out (CHECK coupons_within_stock).
      stock = CASE WHEN EXCLUDED.stock IS NULL THEN NULL
        ELSE GREATEST(EXCLUDED.stock, coupons.activations) END,
      target_tiers = EXCLUDED.target_tiers,
      target_new_to_partner = EXCLUDED.target_new_to_partner`.execute(trx);
}
