import type { Migration } from './types';

/**
 * The ledger, members and partners. Statements run one by one (PGlite's
 * extended protocol takes one statement per query) inside one transaction.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  statements: [
    `CREATE TABLE members (
      id uuid PRIMARY KEY,
      email text NOT NULL UNIQUE,
      member_number text NOT NULL UNIQUE CHECK (member_number ~ '^[0-9]{16}$'),
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    // One live code per member; a new start replaces it. The window columns
    // limit how many codes one address can request per hour.
    `CREATE TABLE auth_codes (
      member_id uuid PRIMARY KEY REFERENCES members(id),
      code_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      attempts int NOT NULL DEFAULT 0,
      window_started_at timestamptz NOT NULL DEFAULT now(),
      sent_in_window int NOT NULL DEFAULT 0
    )`,
    `CREATE TABLE tokens (
      token_hash text PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES members(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`,
    `CREATE INDEX tokens_member ON tokens (member_id)`,
    `CREATE TABLE partners (
      id text PRIMARY KEY,
      definition jsonb NOT NULL,
      secret text NOT NULL,
      member_claims_per_hour int NOT NULL DEFAULT 20 CHECK (member_claims_per_hour >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Append-only. d_available / d_pending are each entry's effect on the
    // balances row, so "balances = sum of entries" is one GROUP BY away.
    `CREATE TABLE entries (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      member_id uuid NOT NULL REFERENCES members(id),
      kind text NOT NULL CHECK (kind IN ('claim','confirm','reject','adjust','bonus','spend','expire')),
      claim_id uuid REFERENCES entries(id),
      partner_id text REFERENCES partners(id),
      order_ref text,
      amount_minor bigint,
      currency text,
      points int NOT NULL,
      d_available int NOT NULL DEFAULT 0,
      d_pending int NOT NULL DEFAULT 0,
      reason text,
      meta jsonb,
      at timestamptz NOT NULL DEFAULT now()
    )`,
    // A purchase can be claimed once per partner + order, whoever claims it.
    `CREATE UNIQUE INDEX entries_claim_order ON entries (partner_id, order_ref) WHERE kind = 'claim'`,
    // A claim is settled (confirmed or rejected) at most once.
    `CREATE UNIQUE INDEX entries_settlement ON entries (claim_id) WHERE kind IN ('confirm','reject')`,
    `CREATE INDEX entries_claim_children ON entries (claim_id) WHERE claim_id IS NOT NULL`,
    // Sync pages: a member's entries after a cursor, in seq order.
    `CREATE INDEX entries_member_seq ON entries (member_id, seq)`,
    // Fraud limit: a member's recent claims at one partner.
    `CREATE INDEX entries_member_claims ON entries (member_id, partner_id, at) WHERE kind = 'claim'`,
    // The member's row is locked (FOR UPDATE) before any entry of theirs is
    // written, so a member's entries commit in seq order and last_seq is the
    // highest seq they can see: an empty poll reads only this row.
    `CREATE TABLE balances (
      member_id uuid PRIMARY KEY REFERENCES members(id),
      available bigint NOT NULL DEFAULT 0 CHECK (available >= 0),
      pending bigint NOT NULL DEFAULT 0 CHECK (pending >= 0),
      lifetime bigint NOT NULL DEFAULT 0,
      qualifying bigint NOT NULL DEFAULT 0,
      last_seq bigint NOT NULL DEFAULT 0
    )`,
    // Every op id ever seen with its ack, so a re-sent op gets the same answer.
    `CREATE TABLE ops (
      id uuid PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES members(id),
      status text NOT NULL CHECK (status IN ('accepted','rejected')),
      seq bigint,
      code text,
      reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Replay store for partner webhooks: an event id is processed once.
    `CREATE TABLE webhook_events (
      partner_id text NOT NULL REFERENCES partners(id),
      event_id text NOT NULL,
      signature text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      result jsonb NOT NULL,
      PRIMARY KEY (partner_id, event_id)
    )`,
  ],
};
