/**
 * The activity's user-facing categories, from an entry's kind, status and
 * code. Pure (no Dexie, no DOM): the ledger stores the result on every entry
 * (db.ts, kept by hooks) so that a filtered page is one indexed range read.
 *
 * Kinds and codes are taken as plain strings on purpose: codes that other
 * parts add later (a donation is kind 'spend' with code 'donation' or a
 * `causeId`, a referral bonus is kind 'bonus' with code 'referral', expiry is
 * kind 'expire') fall into the right category before the contract's enums
 * list them, and a kind this client does not know yet lands in 'other'
 * rather than nowhere. Changing this mapping needs a new Dexie version that
 * recomputes the stored category (see the version 4 upgrade in db.ts).
 */

export const ACTIVITY_CATEGORIES = [
  'purchase', // purchases, pending or confirmed, and returns of them
  'bonus', // welcome and referral bonuses, survey rewards
  'reward', // points spent on rewards (vouchers)
  'donation', // points donated to a cause
  'expired', // points that expired
  'refused', // refused or cancelled: anything rejected, and refusals from the server
  'other', // coupon activations, tier changes, badges, and kinds not known yet
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/** The fields the category depends on (all optional but kind, so old rows still map). */
export interface CategoryInput {
  kind: string;
  status?: string;
  code?: string;
  causeId?: unknown;
}

const BY_KIND: Record<string, ActivityCategory> = {
  claim: 'purchase',
  adjust: 'purchase',
  bonus: 'bonus',
  survey: 'bonus',
  spend: 'reward',
  expire: 'expired',
  refusal: 'refused',
};

export function categoryOf(e: CategoryInput): ActivityCategory {
  // Whatever it was, a refused or cancelled entry moved no points: that is what a shopper looks for.
  if (e.status === 'rejected' || e.kind === 'refusal') return 'refused';
  if (
    e.kind === 'spend' &&
    (e.code === 'donation' || (e.causeId !== undefined && e.causeId !== null))
  )
    return 'donation';
  // Own-property lookup only: a kind named like an Object.prototype member maps to 'other'.
  return Object.hasOwn(BY_KIND, e.kind) ? (BY_KIND[e.kind] as ActivityCategory) : 'other';
}

export function isActivityCategory(v: unknown): v is ActivityCategory {
  return typeof v === 'string' && (ACTIVITY_CATEGORIES as readonly string[]).includes(v);
}

/** What the activity view filters by; an absent field means "all". */
export interface ActivityFilter {
  category?: ActivityCategory;
  partnerId?: string;
}

/** Whether an entry passes the filter (the reference the indexed reads are tested against). */
export function matchesFilter(
  e: CategoryInput & { partnerId: string | null },
  f: ActivityFilter,
): boolean {
  if (f.category && categoryOf(e) !== f.category) return false;
  if (f.partnerId && e.partnerId !== f.partnerId) return false;
  return true;
}
