import type { Code } from '@/components/entry-text';
import { CODE_WORDING } from '@/components/entry-text';
import type { Coupon, Money, Reward, Tier, TierBenefit, Voucher } from '@/utils/contract';
import type { LedgerEntry } from '@/utils/ledger';
import { currencyExponent } from '@/utils/money';
import type { TierProgress } from '@/utils/program';
import { formatLocalMoney, formatPoints, pointsText, t, uiLocale } from './i18n';
import { PROGRAM_REFUSALS } from './program-refusals';

/**
 * The loyalty program in words: coupons, vouchers, tiers and the activity
 * titles of activations, redemptions and tier changes, all built from the
 * contract's fields (the server sends no text for them).
 */

/** Partner names by id (the catalogue; the id itself when it is not listed). */
export interface NameLookup {
  name(id: string): string;
}

export const moneyText = (m: Money) =>
  formatLocalMoney(m.minor, m.currency, currencyExponent(m.currency));

export const dateText = (at: number | string) =>
  new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium' }).format(
    typeof at === 'string' ? Date.parse(at) : at,
  );

/** "10× points at Demo Shop", "+500 points from €50.00 at Book Corner". */
export function couponText(c: Coupon, partners: NameLookup): string {
  const partner = partners.name(c.partnerId);
  const from = c.minAmount ? moneyText(c.minAmount) : undefined;
  if (c.kind === 'multiplier') {
    const m = formatPoints(c.multiplier ?? 1);
    return from ? t('couponMultiplierFrom', m, from, partner) : t('couponMultiplier', m, partner);
  }
  const bonus = pointsText(c.bonusPoints ?? 0);
  return from ? t('couponBonusFrom', bonus, from, partner) : t('couponBonus', bonus, partner);
}

/** "Up to 1,000 points extra per purchase", for a multiplier coupon with a cap. */
export function couponCapText(c: Coupon): string | undefined {
  if (c.kind !== 'multiplier' || c.maxExtraPoints === null) return undefined;
  return t('couponCap', pointsText(c.maxExtraPoints));
}

/** "Valid until 31 Dec 2026", or with its start while it has not begun. */
export function validityText(c: Coupon, now: number): string {
  const from = Date.parse(c.validFrom);
  return from > now
    ? t('validFromUntil', dateText(from), dateText(c.validUntil))
    : t('validUntil', dateText(c.validUntil));
}

/** "€5.00 voucher at Demo Shop" / "… for any partner shop". */
export function voucherText(v: Pick<Voucher, 'value' | 'partnerId'>, partners: NameLookup): string {
  const value = moneyText(v.value);
  return v.partnerId
    ? t('rewardVoucher', value, partners.name(v.partnerId))
    : t('rewardVoucherAny', value);
}

/** "Spend 500 points on a €5.00 voucher at Demo Shop?" */
export function rewardConfirmText(r: Reward, partners: NameLookup): string {
  const points = pointsText(r.pointsPrice);
  const value = moneyText(r.value);
  return r.partnerId
    ? t('rewardConfirm', points, value, partners.name(r.partnerId))
    : t('rewardConfirmAny', points, value);
}

/** A tier benefit in words; undefined when it gives nothing (a multiplier of 1). */
export function benefitText(b: TierBenefit, tier: Tier): string | undefined {
  switch (b) {
    case 'earn-multiplier': {
      if (tier.multiplier <= 1) return undefined;
      const pct = new Intl.NumberFormat(uiLocale(), { style: 'percent', maximumFractionDigits: 1 });
      return t('benefitEarnMultiplier', pct.format(tier.multiplier - 1));
    }
    case 'member-coupons':
      return t('benefitMemberCoupons', tier.name);
    case 'priority-support':
      return t('benefitPrioritySupport');
    case 'free-returns':
      return t('benefitFreeReturns');
  }
}

/** "500 points to Gold by 31 Dec 2026", or that this is the top tier. */
export function tierNextText(p: TierProgress): string {
  if (!p.next) return t('tierTop');
  const points = pointsText(p.missing);
  return p.nextBy === undefined
    ? t('tierNextNoDate', points, p.next.name)
    : t('tierNext', points, p.next.name, dateText(p.nextBy));
}

/** Why an activation or a redemption was refused, in the UI's language. */
export function refusalText(code: Code): string {
  return t(PROGRAM_REFUSALS.has(code) ? CODE_WORDING[code].reason : 'refusedProgram');
}

/** What the activity titles need to know of the program (from the popup's stored data). */
export interface ProgramLookup extends NameLookup {
  coupon?(id: string): Coupon | undefined;
  reward?(id: string): Reward | undefined;
  tierName?(id: string): string | undefined;
  /** A cause's name in the UI's language. */
  causeName?(id: string): string | undefined;
}

/**
 * The activity title of an activation, a tier change or a redemption
 * ("Coupon activated: 10× points at Demo Shop", "You reached Silver",
 * "Redeemed: €5.00 voucher at Demo Shop"); undefined for other entries.
 */
export function programEntryTitle(e: LedgerEntry, lookup: ProgramLookup): string | undefined {
  if (e.kind === 'activate') {
    const coupon = e.couponId ? lookup.coupon?.(e.couponId) : undefined;
    if (!coupon)
      return t(e.status === 'confirmed' ? 'entryCouponActivatedUnknown' : 'entryCouponUnknown');
    const text = couponText(coupon, lookup);
    return e.status === 'confirmed' ? t('entryCouponActivated', text) : t('entryCoupon', text);
  }
  if (e.kind === 'tier') {
    const name = (e.tierId && lookup.tierName?.(e.tierId)) || e.tierId || '';
    return e.code === 'tier-down' ? t('entryTierDown', name) : t('entryTierUp', name);
  }
  if (e.kind === 'spend' && e.causeId) {
    // "Donated 500 points to Plant trees"; before the server's entry only what it is for.
    const name = lookup.causeName?.(e.causeId);
    if (e.status !== 'confirmed')
      return name ? t('entryDonation', name) : t('entryDonationUnknown');
    const points = pointsText(-e.points);
    return name ? t('entryDonated', points, name) : t('entryDonatedUnknown', points);
  }
  if (e.kind === 'spend' && (e.voucher || e.rewardId)) {
    const reward = e.rewardId ? lookup.reward?.(e.rewardId) : undefined;
    const v = e.voucher ?? reward;
    if (!v) return t('entryRedemptionUnknown');
    const text = voucherText(v, lookup);
    return e.status === 'confirmed' ? t('entryRedeemed', text) : t('entryRedemption', text);
  }
  return undefined;
}

/**
 * The day points expire on, as the server counts it: a UTC calendar day
 * (utils/loyalty/expiry.ts), so it is formatted in UTC and reads the same
 * date in every time zone.
 */
export const expiryDateText = (date: string) =>
  new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(`${date}T00:00:00Z`),
  );
