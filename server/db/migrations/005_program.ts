import type { Migration } from './types';

/**
 * Issue 11 (tiers, eCoupons, rewards): member tiers, coupon activations,
 * rewards with their code pools, FIFO lots of confirmed points, and points
 * owed after a return of already spent points.
 */
export const programRules: Migration = {
  version: 5,
  name: 'program-rules',
  statements: [
    `ALTER TABLE entries DROP CONSTRAINT entries_kind_check`,
    `ALTER TABLE entries ADD CONSTRAINT entries_kind_check CHECK (kind IN
      ('claim','confirm','reject','adjust','bonus','spend','expire','refusal','activate','tier'))`,
    // Tiers: benefits as codes the UI words.
    `ALTER TABLE tiers ADD COLUMN benefits jsonb NOT NULL DEFAULT '[]'::jsonb`,
    // The tier a member holds; no row = the entry tier (position 1).
    `CREATE TABLE member_tiers (
      member_id uuid PRIMARY KEY REFERENCES members(id),
      tier_id text NOT NULL REFERENCES tiers(id),
      since timestamptz NOT NULL DEFAULT now(),
      review_at timestamptz
    )`,
    `CREATE INDEX member_tiers_review ON member_tiers (review_at) WHERE review_at IS NOT NULL`,
    // Coupons: validity start, cap, limits, stock and targeting.
    `ALTER TABLE coupons ADD COLUMN valid_from timestamptz NOT NULL DEFAULT '2020-01-01T00:00:00Z'`,
    `ALTER TABLE coupons ADD COLUMN max_extra_points int CHECK (max_extra_points > 0)`,
    `ALTER TABLE coupons ADD COLUMN per_member_limit int NOT NULL DEFAULT 1 CHECK (per_member_limit > 0)`,
    // NULL: unlimited. activations counts against it under the coupon row's lock.
    `ALTER TABLE coupons ADD COLUMN stock int CHECK (stock >= 0)`,
    `ALTER TABLE coupons ADD COLUMN activations int NOT NULL DEFAULT 0 CHECK (activations >= 0)`,
    `ALTER TABLE coupons ADD CONSTRAINT coupons_within_stock CHECK (stock IS NULL OR activations <= stock)`,
    // NULL: every tier; else a JSON array of tier ids.
    `ALTER TABLE coupons ADD COLUMN target_tiers jsonb`,
    // Only members who never had a confirmed purchase at the partner.
    `ALTER TABLE coupons ADD COLUMN target_new_to_partner boolean NOT NULL DEFAULT false`,
    // One row per activation (its op id = its 'activate' entry id); claim_id
    // is the claim it was used on (NULL: not used yet).
    `CREATE TABLE coupon_activations (
      id uuid PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES members(id),
      coupon_id text NOT NULL REFERENCES coupons(id),
      activated_at timestamptz NOT NULL DEFAULT now(),
      claim_id uuid
    )`,
    `CREATE INDEX coupon_activations_member ON coupon_activations (member_id, coupon_id)`,
    `CREATE TABLE rewards (
      id text PRIMARY KEY,
      kind text NOT NULL DEFAULT 'voucher' CHECK (kind = 'voucher'),
      partner_id text REFERENCES partners(id),
      value_minor bigint NOT NULL CHECK (value_minor > 0),
      currency text NOT NULL,
      points_price int NOT NULL CHECK (points_price > 0),
      valid_days int NOT NULL DEFAULT 365 CHECK (valid_days > 0),
      active boolean NOT NULL DEFAULT true
    )`,
    // The code pool: a code is issued once (redemption_id unique).
    `CREATE TABLE reward_codes (
      id bigserial PRIMARY KEY,
      reward_id text NOT NULL REFERENCES rewards(id),
      code text NOT NULL,
      redemption_id uuid UNIQUE,
      redeemed_at timestamptz,
      UNIQUE (reward_id, code)
    )`,
    `CREATE INDEX reward_codes_free ON reward_codes (reward_id, id) WHERE redemption_id IS NULL`,
    // Confirmed points as lots, spent oldest first (expiry, later, expires what is left of each).
    `CREATE TABLE lots (
      entry_id uuid PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES members(id),
      points int NOT NULL CHECK (points > 0),
      remaining int NOT NULL CHECK (remaining >= 0 AND remaining <= points),
      earned_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz
    )`,
    `CREATE INDEX lots_open ON lots (member_id, earned_at, entry_id) WHERE remaining > 0`,
    // Which lots a spend (or a return's adjust) took its points from.
    `CREATE TABLE lot_uses (
      entry_id uuid NOT NULL,
      lot_id uuid NOT NULL REFERENCES lots(entry_id),
      points int NOT NULL CHECK (points > 0),
      PRIMARY KEY (entry_id, lot_id)
    )`,
    `ALTER TABLE balances ADD COLUMN owed bigint NOT NULL DEFAULT 0 CHECK (owed >= 0)`,
    // Points available before lots existed become one lot per member.
    `INSERT INTO lots (entry_id, member_id, points, remaining)
      SELECT md5(member_id::text || ':opening-lot')::uuid, member_id, available, available
      FROM balances WHERE available > 0`,
  ],
};
