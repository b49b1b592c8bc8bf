import type { Migration } from './types';

/** Unambiguous: no 0/O, 1/I/L. Also the alphabet of utils/contract/referral.ts ReferralCode. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * Issue 13: referrals and the paid plan "Plus".
 *
 * - members.referral_code: 8 characters of an unambiguous alphabet, drawn by
 *   the column default (volatile, so every existing member gets their own
 *   when the column is added). A rare clash on insert is a unique violation,
 *   which ensureMember already draws again for.
 * - members.normalized_email: the mailbox key (utils/account/email-normalize.ts),
 *   set at every sign-in; pp_normalize_email back-fills existing members by
 *   the same rules and is dropped again.
 * - referrals: one row per referred member (the primary key: referred once),
 *   unique per normalised email too, so the same person under another
 *   address is referred at most once even when both sign up at once.
 * - member_plans: every Plus period the billing system set, kept after it
 *   ends: a claim earns under the plan of its purchase time.
 */
export const referralsPlans: Migration = {
  version: 10,
  name: 'referrals-plans',
  statements: [
    `CREATE FUNCTION pp_referral_code() RETURNS text LANGUAGE sql VOLATILE AS $$
      SELECT string_agg(substr('${ALPHABET}', 1 + floor(random() * ${ALPHABET.length})::int, 1), '')
      FROM generate_series(1, 8) $$`,
    `ALTER TABLE members ADD COLUMN referral_code text NOT NULL DEFAULT pp_referral_code()
      CHECK (referral_code ~ '^[${ALPHABET}]{8}$')`,
    `CREATE UNIQUE INDEX members_referral_code ON members (referral_code)`,
    `ALTER TABLE members ADD COLUMN normalized_email text`,
    `CREATE FUNCTION pp_normalize_email(e text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN d IN ('gmail.com', 'googlemail.com')
          THEN COALESCE(NULLIF(replace(l2, '.', ''), ''), l2) || '@gmail.com'
          ELSE l2 || '@' || d END
      FROM (SELECT CASE WHEN position('+' in l) > 1 THEN split_part(l, '+', 1) ELSE l END AS l2, d
        FROM (SELECT split_part(lower(trim(e)), '@', 1) AS l, split_part(lower(trim(e)), '@', 2) AS d) a) b $$`,
    `UPDATE members SET normalized_email = pp_normalize_email(email)`,
    `DROP FUNCTION pp_normalize_email(text)`,
    `CREATE INDEX members_normalized_email ON members (normalized_email)`,
    `CREATE TABLE referrals (
      referred_id uuid PRIMARY KEY REFERENCES members(id),
      referrer_id uuid NOT NULL REFERENCES members(id),
      normalized_email text NOT NULL UNIQUE,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'paid', 'capped', 'refused')),
      created_at timestamptz NOT NULL DEFAULT now(),
      settled_at timestamptz,
      CHECK (referred_id <> referrer_id)
    )`,
    `CREATE INDEX referrals_referrer ON referrals (referrer_id, settled_at)`,
    `CREATE TABLE member_plans (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES members(id),
      plan text NOT NULL CHECK (plan = 'plus'),
      starts_at timestamptz NOT NULL DEFAULT now(),
      ends_at timestamptz NOT NULL,
      -- PLUS_MULTIPLIER when the billing system set it: a later change of the
      -- setting does not alter a period already sold.
      multiplier numeric(6, 3) NOT NULL CHECK (multiplier >= 1 AND multiplier <= 10),
      reference text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at >= starts_at)
    )`,
    `CREATE INDEX member_plans_member ON member_plans (member_id, ends_at)`,
  ],
};
