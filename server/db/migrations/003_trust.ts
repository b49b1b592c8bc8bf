import type { Migration } from './types';

/**
 * Issue 9 (trust): sign-in limits that outlive a code, no member row before a
 * verified code, claims owned by the partner's buyer proof, per-partner caps.
 */
export const trust: Migration = {
  version: 3,
  name: 'trust',
  statements: [
    // Pending sign-ins are keyed by email, so requesting a code creates no
    // member. The code is derived from the nonce with the server's secret
    // (services/sign-in-code.ts): a re-send within the window is the same code.
    `CREATE TABLE sign_in_codes (
      email text PRIMARY KEY,
      nonce text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Counters per email hash and per client address. They live apart from the
    // code, so deleting or replacing a code resets nothing.
    `CREATE TABLE auth_throttle (
      key text PRIMARY KEY,
      window_started_at timestamptz NOT NULL DEFAULT now(),
      sends int NOT NULL DEFAULT 0,
      failures int NOT NULL DEFAULT 0,
      lockouts int NOT NULL DEFAULT 0,
      locked_until timestamptz
    )`,
    `DROP TABLE auth_codes`,
    // Several members may claim one order (contested); each member once.
    `DROP INDEX entries_claim_order`,
    `CREATE UNIQUE INDEX entries_claim_member_order ON entries (partner_id, order_ref, member_id)
      WHERE kind = 'claim'`,
    `CREATE INDEX entries_claim_order ON entries (partner_id, order_ref) WHERE kind = 'claim'`,
    `ALTER TABLE entries ADD COLUMN code text`,
    // One row per claimed order, keyed (and, on Citus, distributed) by partner:
    // the only cross-member state. The partner's verdict settles it once.
    `CREATE TABLE orders (
      partner_id text NOT NULL REFERENCES partners(id),
      order_ref text NOT NULL,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open','confirmed','cancelled')),
      buyer_claim_id uuid,
      claims int NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (partner_id, order_ref)
    )`,
    `INSERT INTO orders (partner_id, order_ref, state, buyer_claim_id, claims)
      SELECT c.partner_id, c.order_ref,
        CASE s.kind WHEN 'confirm' THEN 'confirmed' WHEN 'reject' THEN 'cancelled' ELSE 'open' END,
        CASE s.kind WHEN 'confirm' THEN c.id END, 1
      FROM entries c LEFT JOIN entries s ON s.claim_id = c.id AND s.kind IN ('confirm','reject')
      WHERE c.kind = 'claim'`,
    // Sanity cap on one order's points (claims above it are refused, a
    // confirmation above it is answered 422).
    `ALTER TABLE partners ADD COLUMN max_points_per_order int NOT NULL DEFAULT 100000
      CHECK (max_points_per_order > 0 AND max_points_per_order <= 10000000)`,
    // Rejected op rows are pruned after a retention period.
    `CREATE INDEX ops_rejected_at ON ops (created_at) WHERE status = 'rejected'`,
  ],
};
