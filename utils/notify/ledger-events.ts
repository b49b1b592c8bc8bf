import type { Coupon, ExpiringPoints, Money } from '../contract';
import type { LedgerEntry } from '../ledger';
import { expiryLines } from '../loyalty/expiry-lines';
import type { NotifyEvent } from './decide';

/** How long before its end an activated coupon is worth a reminder. */
export const COUPON_WARN_MS = 2 * 86_400_000;
/** How long before its expiry a redeemed voucher is worth a reminder. */
export const VOUCHER_WARN_MS = 3 * 86_400_000;
/**
 * How long before their expiry day points are worth a notification (the
 * popup warns from the server's horizon, 90 days by default): two weeks
 * leave time to spend or donate them.
 */
export const POINTS_WARN_MS = 14 * 86_400_000;

export type LedgerNotice = NotifyEvent &
  (
    | { type: 'recorded'; partnerId: string | null; points: number; createdAt: number }
    | { type: 'confirmed'; claims: { partnerId: string | null; points: number }[] }
    | {
        type: 'expiring';
        coupon?: Coupon;
        voucher?: { value: Money };
        /** Points about to expire on `day` (a UTC calendar day, as the server counts). */
        points?: number;
        day?: string;
        until: number;
      }
  );

export interface LedgerView {
  /** Pending claims now. */
  pending: readonly LedgerEntry[];
  /** The current state of the claims that were pending at the last look (absent: deleted). */
  formerlyPending: readonly (LedgerEntry | undefined)[];
  coupons: readonly Coupon[];
  /** Spend entries (the wallet's vouchers are on the confirmed ones). */
  spends: readonly LedgerEntry[];
  /** The program's points expiring soon, oldest first (Program.expiring). */
  expiringPoints?: readonly ExpiringPoints[];
  /** Available points now (a local spend since the program was read took the oldest first). */
  available?: number;
}

/**
 * What changed in the user's own ledger since the last look, as notices, and
 * the ids of pending claims to compare with next time. A claim seen pending
 * and now confirmed is announced once (all of one look's in one notice); a
 * claim first seen already confirmed (history brought by a sign-in, or older
 * than this feature) never is. "Recorded" is only for claims made on this
 * device and not sent yet: another device's claims arrive already sent.
 */
export function ledgerNotices(
  seen: readonly string[],
  view: LedgerView,
  now: number,
): { notices: LedgerNotice[]; seen: string[] } {
  const pendingClaims = view.pending.filter((e) => e.kind === 'claim');
  const next = pendingClaims.map((e) => e.id);
  const notices: LedgerNotice[] = [];
  const before = new Set(seen);
  for (const e of pendingClaims) {
    if (!before.has(e.id) && e.reason === 'awaiting-sync')
      notices.push({
        type: 'recorded',
        key: `recorded:${e.id}`,
        partnerId: e.partnerId,
        points: e.points,
        createdAt: e.createdAt,
      });
  }
  const confirmed = view.formerlyPending.filter(
    (e): e is LedgerEntry =>
      !!e && e.kind === 'claim' && e.status === 'confirmed' && before.has(e.id) && e.points > 0,
  );
  if (confirmed.length > 0)
    notices.push({
      type: 'confirmed',
      key: `confirmed:${confirmed
        .map((e) => e.id)
        .sort()
        .join(',')}`,
      claims: confirmed.map((e) => ({ partnerId: e.partnerId, points: e.points })),
    });
  notices.push(...expiringNotices(view, now));
  return { notices, seen: next };
}

/** Activated coupons, redeemed vouchers and points that run out soon (not yet run out). */
export function expiringNotices(
  view: Pick<LedgerView, 'coupons' | 'spends' | 'expiringPoints' | 'available'>,
  now: number,
): LedgerNotice[] {
  const out: LedgerNotice[] = [];
  // Once per expiry day, with the same figures the popup's warning shows.
  for (const line of expiryLines(view.expiringPoints, view.available ?? 0, now)) {
    const until = Date.parse(`${line.date}T00:00:00Z`);
    if (until - now <= POINTS_WARN_MS)
      out.push({
        type: 'expiring',
        key: `expiring:points:${line.date}`,
        points: line.points,
        day: line.date,
        until,
      });
  }
  for (const coupon of view.coupons) {
    const until = Date.parse(coupon.validUntil);
    if (coupon.state === 'activated' && until > now && until - now <= COUPON_WARN_MS)
      out.push({ type: 'expiring', key: `expiring:coupon:${coupon.id}`, coupon, until });
  }
  for (const e of view.spends) {
    if (e.status !== 'confirmed' || !e.voucher) continue;
    const until = Date.parse(e.voucher.expiresAt);
    if (until > now && until - now <= VOUCHER_WARN_MS)
      out.push({
        type: 'expiring',
        key: `expiring:voucher:${e.id}`,
        voucher: { value: e.voucher.value },
        until,
      });
  }
  return out;
}

/** Keeps only shown keys that can still come up (an expiry warning, until its item ran out). */
export function pruneShown(shown: Record<string, number>, now: number): Record<string, number> {
  const keep: Record<string, number> = {};
  const horizon = Math.max(COUPON_WARN_MS, VOUCHER_WARN_MS, POINTS_WARN_MS);
  for (const [key, at] of Object.entries(shown)) if (now - at <= horizon) keep[key] = at;
  return keep;
}
