import type { Migration } from './types';

/**
 * Issue 13 (points expiry): the policy the server declares at start-up
 * (services/expiry.ts declareExpiryPolicy, one row), which addLot dates new
 * lots by, and an index for the expiry run's "open lots due by now".
 * Existing lots are dated by the first declaration after this migration, under
 * the policy of that day: SQL here cannot know the configured policy.
 */
export const expiry: Migration = {
  version: 8,
  name: 'expiry',
  statements: [
    `CREATE TABLE expiry_policy (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      mode text NOT NULL CHECK (mode IN ('off', 'period', 'yearly')),
      months int NOT NULL CHECK (months BETWEEN 1 AND 1200),
      month_day text NOT NULL CHECK (month_day ~ '^[0-9]{2}-[0-9]{2}$'),
      declared_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX lots_expiry ON lots (expires_at, member_id) WHERE remaining > 0`,
  ],
};
