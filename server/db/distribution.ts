/**
 * How every table would be laid out on Citus (docs/scale-citus.md): the one
 * table map tests/server/schema-distributable.test.ts checks the migrated
 * schema against (distribution-check.ts) and citusStatements() turns into the
 * create_distributed_table / create_reference_table calls. A new table must be
 * classified here, or that test fails.
 *
 * - member: distributed by the member's id, co-located with members, so a
 *   member's sync, spend or sign-in touches one shard. Every key starts with
 *   the member column; foreign keys between member tables carry it.
 * - reference: program tables, small and read on every request; replicated
 *   to every node (writes pay a commit on each).
 * - global: keyed by their own key, not by member, each for the reason given.
 */
export type TableDistribution =
  | { kind: 'member'; column: string }
  | { kind: 'reference'; why: string }
  | { kind: 'global'; column: string; why: string };

const member = (column = 'member_id'): TableDistribution => ({ kind: 'member', column });
const reference = (why: string): TableDistribution => ({ kind: 'reference', why });
const global = (column: string, why: string): TableDistribution => ({
  kind: 'global',
  column,
  why,
});

/** In creation order: a table comes after every table its foreign keys point to. */
export const DISTRIBUTION: Readonly<Record<string, TableDistribution>> = {
  schema_migrations: reference('written by migrations only, read at start-up'),
  partners: reference('program: the partner catalogue, read by every claim'),
  tiers: reference('program: tier definitions'),
  coupons: reference('program: coupon definitions (activations counted under its row lock)'),
  rewards: reference('program: the reward catalogue'),
  surveys: reference('program: survey definitions'),
  causes: reference('program: donation causes'),
  expiry_policy: reference('program: one row, the declared expiry policy'),

  members: member('id'),
  balances: member(),
  entries: member(),
  lots: member(),
  lot_uses: member(),
  member_tiers: member(),
  coupon_activations: member(),
  survey_responses: member(),
  member_badges: member(),
  member_plans: member(),
  referrals: member('referred_id'),

  ops: global(
    'id',
    "op ids are unique across members: another member's op id is refused, not taken as a new op",
  ),
  orders: global(
    'order_ref',
    'the one cross-member rule: one buyer per partner + order, whoever claims it',
  ),
  tokens: global('token_hash', 'looked up by the bearer token before the member is known'),
  sign_in_codes: global('email', 'a pending sign-in, before any member row exists'),
  auth_throttle: global('key', 'counters per email hash and client address, not per member'),
  webhook_events: global('event_id', "a partner's replay store, written by webhooks"),
  reward_codes: global('reward_id', "a reward's code stock, shared by every member who redeems it"),
};

/** One Citus call per table, in map order (reference tables, then members, then the rest). */
export function citusStatements(
  map: Readonly<Record<string, TableDistribution>> = DISTRIBUTION,
): string[] {
  const colocated = Object.entries(map).find(([, d]) => d.kind === 'member')?.[0];
  return Object.entries(map).map(([table, d]) => {
    if (d.kind === 'reference') return `SELECT create_reference_table('${table}');`;
    if (d.kind === 'global') {
      // colocate_with => 'none': a global table shares no shards with members by accident.
      return `SELECT create_distributed_table('${table}', '${d.column}', colocate_with => 'none');`;
    }
    return table === colocated
      ? `SELECT create_distributed_table('${table}', '${d.column}');`
      : `SELECT create_distributed_table('${table}', '${d.column}', colocate_with => '${colocated}');`;
  });
}
