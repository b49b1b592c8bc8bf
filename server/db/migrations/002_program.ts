import type { Migration } from './types';

/** Program content the later issues build on: tiers, coupons, surveys. */
export const program: Migration = {
  version: 2,
  name: 'program',
  statements: [
    `CREATE TABLE tiers (
      id text PRIMARY KEY,
      name text NOT NULL,
      position int NOT NULL UNIQUE,
      min_qualifying int NOT NULL CHECK (min_qualifying >= 0),
      earn_multiplier numeric(4,2) NOT NULL DEFAULT 1
    )`,
    `CREATE TABLE coupons (
      id text PRIMARY KEY,
      partner_id text NOT NULL REFERENCES partners(id),
      title text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('multiplier','bonus')),
      multiplier numeric(4,1),
      bonus_points int,
      min_amount_minor bigint,
      currency text,
      valid_until timestamptz NOT NULL
    )`,
    `CREATE TABLE surveys (
      id text PRIMARY KEY,
      title text NOT NULL,
      points int NOT NULL CHECK (points > 0),
      questions jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true
    )`,
  ],
};
