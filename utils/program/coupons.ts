import type { Coupon, CouponState, EntryCode, RejectCode } from '../contract';
import type { LedgerEntry } from '../ledger';
import { latestAttempts, recentRefusal } from './attempts';

/** A coupon as the popup shows it: the server's state, or what this device knows newer. */
export type CouponViewState = CouponState | 'activating';

export interface CouponView {
  coupon: Coupon;
  state: CouponViewState;
  /** Why the latest activation was refused, while that is recent. */
  refusal?: EntryCode | RejectCode;
}

export const COUPON_GROUPS = ['available', 'activated', 'used', 'expired'] as const;
export type CouponGroup = (typeof COUPON_GROUPS)[number];

/**
 * Each coupon's state for the shopper. The server's list is refreshed after
 * every activation, but until it arrives the ledger knows better: a pending
 * activation shows "activating", a confirmed one "activated". A coupon past
 * its end date counts as expired even if the list is older than that.
 */
export function couponViews(
  coupons: readonly Coupon[],
  activations: readonly LedgerEntry[],
  now: number,
): CouponView[] {
  const latest = latestAttempts(
    activations.filter((e) => e.kind === 'activate'),
    (e) => e.couponId,
  );
  const confirmed = new Set(
    activations
      .filter((e) => e.kind === 'activate' && e.status === 'confirmed')
      .map((e) => e.couponId),
  );
  return coupons.map((coupon) => {
    const attempt = latest.get(coupon.id);
    let state: CouponViewState = coupon.state;
    if (state === 'available' && confirmed.has(coupon.id)) state = 'activated';
    if (state === 'available' && attempt?.status === 'pending') state = 'activating';
    const over = Date.parse(coupon.validUntil) < now;
    if (over && (state === 'available' || state === 'activated')) state = 'expired';
    const refusal = state === 'available' ? recentRefusal(attempt, now) : undefined;
    return { coupon, state, ...(refusal ? { refusal } : {}) };
  });
}

const groupOf = (s: CouponViewState): CouponGroup => (s === 'activating' ? 'available' : s);

/**
 * The views by group, in COUPON_GROUPS order, empty groups left out. Within
 * a live group the one ending soonest comes first; used and expired ones,
 * the most recent first.
 */
export function groupCoupons(
  views: readonly CouponView[],
): { group: CouponGroup; items: CouponView[] }[] {
  const until = (v: CouponView) => Date.parse(v.coupon.validUntil);
  return COUPON_GROUPS.map((group) => {
    const items = views.filter((v) => groupOf(v.state) === group);
    const live = group === 'available' || group === 'activated';
    items.sort((a, b) =>
      live ? until(a) - until(b) || a.coupon.id.localeCompare(b.coupon.id) : until(b) - until(a),
    );
    return { group, items };
  }).filter((g) => g.items.length > 0);
}
