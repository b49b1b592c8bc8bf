import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * Row types as Kysely sees them. int8 columns come back as number from PGlite
 * and as string from node-postgres, so readers convert them with Number().
 */
type Int8 = ColumnType<number | string, number | bigint, number | bigint>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MembersTable {
  id: string;
  email: string;
  member_number: string;
  created_at: Timestamp;
  /** Issue 13 (migration 010): drawn by the column default. */
  referral_code: Generated<string>;
  /** utils/account/email-normalize.ts; set at sign-in. */
  normalized_email: string | null;
}

export interface SignInCodesTable {
  email: string;
  nonce: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface AuthThrottleTable {
  /** `email:<sha256 of the email>` or `addr:<client address>`. */
  key: string;
  window_started_at: Timestamp;
  sends: Generated<number>;
  failures: Generated<number>;
  lockouts: Generated<number>;
  locked_until: Timestamp | null;
}

export interface OrdersTable {
  partner_id: string;
  order_ref: string;
  state: 'open' | 'confirmed' | 'cancelled';
  buyer_claim_id: string | null;
  claims: Generated<number>;
  updated_at: Timestamp;
}

export interface TokensTable {
  token_hash: string;
  member_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface PartnersTable {
  id: string;
  /** The contract's Partner object, as served in the catalogue. */
  definition: ColumnType<unknown, string, string>;
  /** HMAC secret for webhooks; server-side only, never in the catalogue. */
  secret: string;
  member_claims_per_hour: number;
  max_points_per_order: Generated<number>;
  updated_at: Timestamp;
}

export interface EntriesTable {
  seq: Generated<Int8>;
  id: string;
  member_id: string;
  kind: string;
  claim_id: string | null;
  partner_id: string | null;
  order_ref: string | null;
  amount_minor: Int8 | null;
  currency: string | null;
  points: number;
  d_available: number;
  d_pending: number;
  reason: string | null;
  code: string | null;
  refusal: string | null;
  occurred_at: Timestamp | null;
  meta: ColumnType<unknown, string | null, never>;
  at: Timestamp;
}

export interface BalancesTable {
  member_id: string;
  available: Int8;
  pending: Int8;
  lifetime: Int8;
  qualifying: Int8;
  last_seq: Int8;
  /** Points owed after a return of already spent points (services/order-return.ts). */
  owed: Generated<Int8>;
}

export interface OpsTable {
  id: string;
  member_id: string;
  status: string;
  seq: Int8 | null;
  code: string | null;
  reason: string | null;
  created_at: Timestamp;
}

export interface WebhookEventsTable {
  partner_id: string;
  event_id: string;
  signature: string;
  received_at: Timestamp;
  result: ColumnType<unknown, string, never>;
}

export interface TiersTable {
  id: string;
  name: string;
  position: number;
  min_qualifying: number;
  /** numeric(4,2): a string from both drivers. */
  earn_multiplier: ColumnType<string, number | string, number | string>;
  benefits: ColumnType<unknown, string | undefined, string>;
}

export interface CouponsTable {
  id: string;
  partner_id: string;
  title: string;
  kind: 'multiplier' | 'bonus';
  /** numeric(4,1): a string from both drivers. */
  multiplier: ColumnType<string | null, number | string | null, number | string | null>;
  bonus_points: number | null;
  min_amount_minor: Int8 | null;
  currency: string | null;
  valid_from: Timestamp;
  valid_until: Timestamp;
  max_extra_points: number | null;
  per_member_limit: Generated<number>;
  /** Null: unlimited. */
  stock: number | null;
  activations: Generated<number>;
  /** Null: every tier; else a JSON array of tier ids. */
  target_tiers: ColumnType<unknown, string | null, string | null>;
  target_new_to_partner: Generated<boolean>;
}

export interface MemberTiersTable {
  member_id: string;
  tier_id: string;
  since: Timestamp;
  review_at: Timestamp | null;
}

export interface CouponActivationsTable {
  /** The activate op's id (= its 'activate' entry id). */
  id: string;
  member_id: string;
  coupon_id: string;
  activated_at: Timestamp;
  /** The claim it was used on; null while unused. */
  claim_id: string | null;
}

export interface RewardsTable {
  id: string;
  kind: Generated<'voucher'>;
  partner_id: string | null;
  value_minor: Int8;
  currency: string;
  points_price: number;
  valid_days: Generated<number>;
  active: Generated<boolean>;
}

export interface RewardCodesTable {
  id: Generated<Int8>;
  reward_id: string;
  code: string;
  /** The redeem op (= its 'spend' entry) that got the code; null while free. */
  redemption_id: string | null;
  redeemed_at: Timestamp | null;
}

export interface LotsTable {
  /** The entry that made the points available. */
  entry_id: string;
  member_id: string;
  points: number;
  remaining: number;
  earned_at: Timestamp;
  expires_at: Timestamp | null;
}

/** The expiry policy the server declared (one row; migration 008, services/expiry.ts). */
export interface ExpiryPolicyTable {
  id: Generated<boolean>;
  mode: 'off' | 'period' | 'yearly';
  months: number;
  month_day: string;
  declared_at: Generated<Timestamp>;
}

export interface LotUsesTable {
  /** Migration 011: the lot's member, so the table is keyed (and sharded) per member. */
  member_id: string;
  entry_id: string;
  lot_id: string;
  points: number;
}

export interface SurveysTable {
  id: string;
  /** SurveyJS JSON, the supported subset (contract SurveyDefinition). */
  definition: ColumnType<unknown, string, string>;
  reward_points: number;
  valid_from: Timestamp;
  valid_until: Timestamp;
  /** Null: every tier; else a JSON array of tier ids. */
  target_tiers: ColumnType<unknown, string | null, string | null>;
  /** Null: everyone; else a JSON array of partner ids. */
  target_bought_at: ColumnType<unknown, string | null, string | null>;
  after_purchase_at: string | null;
  after_purchase_days: Generated<number>;
  priority: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyResponsesTable {
  /** The survey-answer op's id (= its 'survey' entry id). */
  id: string;
  member_id: string;
  survey_id: string;
  answers: ColumnType<unknown, string, never>;
  submitted_at: Timestamp;
}

export interface MemberBadgesTable {
  member_id: string;
  badge: string;
  earned_at: Timestamp;
  /** The 'badge' entry that announced it. */
  entry_id: string;
}

export interface CausesTable {
  id: string;
  /** contract LocalizedText */
  name: ColumnType<unknown, string, string>;
  description: ColumnType<unknown, string | null, string | null>;
  min_points: number;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface ReferralsTable {
  referred_id: string;
  referrer_id: string;
  normalized_email: string;
  /** pending: no confirmed purchase yet; capped: the referrer was at the month's cap (never paid later). */
  state: Generated<'pending' | 'paid' | 'capped' | 'refused'>;
  created_at: Generated<Timestamp>;
  settled_at: Timestamp | null;
}

export interface MemberPlansTable {
  id: Generated<Int8>;
  member_id: string;
  plan: 'plus';
  starts_at: Generated<Timestamp>;
  ends_at: Timestamp;
  multiplier: ColumnType<string | number, number, number>;
  /** The billing system's reference for this period. */
  reference: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface Database {
  members: MembersTable;
  sign_in_codes: SignInCodesTable;
  auth_throttle: AuthThrottleTable;
  orders: OrdersTable;
  tokens: TokensTable;
  partners: PartnersTable;
  entries: EntriesTable;
  balances: BalancesTable;
  ops: OpsTable;
  webhook_events: WebhookEventsTable;
  tiers: TiersTable;
  coupons: CouponsTable;
  member_tiers: MemberTiersTable;
  coupon_activations: CouponActivationsTable;
  rewards: RewardsTable;
  reward_codes: RewardCodesTable;
  lots: LotsTable;
  lot_uses: LotUsesTable;
  expiry_policy: ExpiryPolicyTable;
  surveys: SurveysTable;
  survey_responses: SurveyResponsesTable;
  member_badges: MemberBadgesTable;
  causes: CausesTable;
  referrals: ReferralsTable;
  member_plans: MemberPlansTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Db = Kysely<Database>;
