import type { Migration } from './types';

/**
 * Issue 16: keys a sharded database can keep (server/db/distribution.ts,
 * docs/scale-citus.md). Every key of a member-scoped table now starts with the
 * member id, foreign keys between them carry it, and no foreign key points
 * from one member's row to another's or from a global table to a member's.
 * In place (ALTER), so live rows stay; lot_uses gets its member column filled
 * from its lots.
 *
 * The foreign keys dropped guarded nothing the application does not: members
 * are never deleted, ops and tokens are written for the signed-in member, and
 * a referrer is looked up by referral code (services/referrals.ts findReferrer)
 * in the sign-in's transaction before the referral is written.
 */
export const distributable: Migration = {
  version: 11,
  name: 'distributable',
  statements: [
    // entries: (member_id, seq) is the primary key. It takes the name of the
    // index it replaces, which served the same sync pages.
    `ALTER TABLE entries DROP CONSTRAINT entries_claim_id_fkey`,
    `ALTER TABLE entries DROP CONSTRAINT entries_pkey`,
    `DROP INDEX entries_member_seq`,
    `ALTER TABLE entries ADD CONSTRAINT entries_member_seq PRIMARY KEY (member_id, seq)`,
    `ALTER TABLE entries DROP CONSTRAINT entries_id_key`,
    `ALTER TABLE entries ADD CONSTRAINT entries_id_key UNIQUE (member_id, id)`,
    // A settlement, adjust or release is in the ledger of the claim it refers to.
    `ALTER TABLE entries ADD CONSTRAINT entries_claim_id_fkey
      FOREIGN KEY (member_id, claim_id) REFERENCES entries (member_id, id)`,
    `DROP INDEX entries_claim_member_order`,
    `CREATE UNIQUE INDEX entries_claim_member_order ON entries (member_id, partner_id, order_ref)
      WHERE kind = 'claim'`,
    `DROP INDEX entries_settlement`,
    `CREATE UNIQUE INDEX entries_settlement ON entries (member_id, claim_id)
      WHERE kind IN ('confirm','reject')`,

    // lots and the uses of each: keyed per member.
    `ALTER TABLE lot_uses DROP CONSTRAINT lot_uses_lot_id_fkey`,
    `ALTER TABLE lot_uses ADD COLUMN member_id uuid`,
    `UPDATE lot_uses u SET member_id = l.member_id FROM lots l WHERE l.entry_id = u.lot_id`,
    `ALTER TABLE lot_uses ALTER COLUMN member_id SET NOT NULL`,
    `ALTER TABLE lot_uses DROP CONSTRAINT lot_uses_pkey`,
    `ALTER TABLE lot_uses ADD PRIMARY KEY (member_id, entry_id, lot_id)`,
    `ALTER TABLE lots DROP CONSTRAINT lots_pkey`,
    `ALTER TABLE lots ADD PRIMARY KEY (member_id, entry_id)`,
    `ALTER TABLE lot_uses ADD CONSTRAINT lot_uses_lot_id_fkey
      FOREIGN KEY (member_id, lot_id) REFERENCES lots (member_id, entry_id)`,

    `ALTER TABLE coupon_activations DROP CONSTRAINT coupon_activations_pkey`,
    `ALTER TABLE coupon_activations ADD PRIMARY KEY (member_id, id)`,
    `ALTER TABLE survey_responses DROP CONSTRAINT survey_responses_pkey`,
    `ALTER TABLE survey_responses ADD PRIMARY KEY (member_id, id)`,
    `ALTER TABLE member_plans DROP CONSTRAINT member_plans_pkey`,
    `ALTER TABLE member_plans ADD PRIMARY KEY (member_id, id)`,

    // The referrer is another member's row.
    `ALTER TABLE referrals DROP CONSTRAINT referrals_referrer_id_fkey`,
    // ops (keyed by op id) and tokens (by token hash) are global tables.
    `ALTER TABLE ops DROP CONSTRAINT ops_member_id_fkey`,
    `ALTER TABLE tokens DROP CONSTRAINT tokens_member_id_fkey`,

    // reward_codes: distributed by reward. A redemption is one op of one
    // reward, so "one code per redemption" still holds per reward.
    `ALTER TABLE reward_codes DROP CONSTRAINT reward_codes_pkey`,
    `ALTER TABLE reward_codes ADD PRIMARY KEY (reward_id, id)`,
    `ALTER TABLE reward_codes DROP CONSTRAINT reward_codes_redemption_id_key`,
    `ALTER TABLE reward_codes ADD CONSTRAINT reward_codes_redemption_id_key
      UNIQUE (reward_id, redemption_id)`,
  ],
};
