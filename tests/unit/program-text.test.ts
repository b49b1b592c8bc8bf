import { describe, expect, it } from 'vitest';
import { entryText } from '../../components/entry-text';
import {
  benefitText,
  couponCapText,
  couponText,
  dateText,
  type ProgramLookup,
  programEntryTitle,
  refusalText,
  rewardConfirmText,
  tierNextText,
  voucherText,
} from '../../components/program-text';
import type { Coupon, Reward, Tier } from '../../utils/contract';
import type { LedgerEntry } from '../../utils/ledger';
import type { TierProgress } from '../../utils/program';
import { useLocale } from './i18n-fake';

const NAMES: Record<string, string> = { 'demo-shop': 'Demo Shop', 'book-corner': 'Book Corner' };
const tenX: Coupon = {
  id: 'demo-shop-10x',
  kind: 'multiplier',
  multiplier: 10,
  bonusPoints: null,
  minAmount: null,
  maxExtraPoints: 2000,
  partnerId: 'demo-shop',
  validFrom: '2026-11-01T00:00:00.000Z',
  validUntil: '2026-12-31T00:00:00.000Z',
  state: 'available',
  activatedAt: null,
};
const bonus: Coupon = {
  ...tenX,
  id: 'book-corner-500',
  kind: 'bonus',
  multiplier: null,
  bonusPoints: 500,
  minAmount: { minor: 5000, currency: 'EUR' },
  maxExtraPoints: null,
  partnerId: 'book-corner',
};
const reward: Reward = {
  id: 'demo-shop-5',
  kind: 'voucher',
  partnerId: 'demo-shop',
  value: { minor: 500, currency: 'EUR' },
  pointsPrice: 500,
  validDays: 90,
  available: true,
};
const lookup: ProgramLookup = {
  name: (id) => NAMES[id] ?? id,
  coupon: (id) => [tenX, bonus].find((c) => c.id === id),
  reward: (id) => (id === reward.id ? reward : undefined),
  tierName: (id) => ({ silver: 'Silver', blue: 'Blue' })[id],
};
const silver: Tier = {
  id: 'silver',
  name: 'Silver',
  position: 2,
  minQualifying: 1000,
  multiplier: 1.25,
  benefits: ['earn-multiplier', 'member-coupons'],
};
const gold: Tier = { ...silver, id: 'gold', name: 'Gold', position: 3 };
const progress = (missing: number, nextBy?: number): TierProgress => ({
  current: silver,
  next: gold,
  missing,
  nextBy,
  value: 1000,
  max: 1000 + missing,
});
const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: crypto.randomUUID(),
  kind: 'activate',
  partnerId: 'demo-shop',
  orderRef: null,
  amount: null,
  points: 0,
  status: 'confirmed',
  reason: 'coupon-activated',
  signals: [],
  createdAt: 0,
  ...over,
});
const voucher = {
  rewardId: 'demo-shop-5',
  code: 'X',
  value: reward.value,
  partnerId: 'demo-shop',
  expiresAt: '2027-01-31T00:00:00.000Z',
};
const BY = Date.parse('2026-12-31T12:00:00.000Z');

describe('program wording, English', () => {
  it('coupons, vouchers and the confirmation', () => {
    useLocale('en');
    expect(couponText(tenX, lookup)).toBe('10× points at Demo Shop');
    expect(couponText(bonus, lookup)).toBe('+500 points from €50.00 at Book Corner');
    expect(couponCapText(tenX)).toBe('Up to 2,000 points extra per purchase');
    expect(couponCapText(bonus)).toBeUndefined();
    expect(voucherText(reward, lookup)).toBe('€5.00 voucher at Demo Shop');
    expect(voucherText({ ...reward, partnerId: null }, lookup)).toBe(
      '€5.00 voucher for any partner shop',
    );
    expect(rewardConfirmText(reward, lookup)).toBe(
      'Spend 500 points on a €5.00 voucher at Demo Shop?',
    );
  });

  it('the tier card', () => {
    useLocale('en');
    expect(tierNextText(progress(3800, BY))).toBe(`3,800 points to Gold by ${dateText(BY)}`);
    expect(tierNextText(progress(1))).toBe('1 point to Gold');
    expect(tierNextText({ ...progress(0), next: undefined })).toBe('You hold the top tier');
    expect(benefitText('earn-multiplier', silver)).toBe('25% more points on every purchase');
    expect(benefitText('earn-multiplier', { ...silver, multiplier: 1 })).toBeUndefined();
    expect(benefitText('member-coupons', silver)).toBe('Coupons only for Silver members');
  });

  it('activity titles of activations, tier changes and redemptions', () => {
    useLocale('en');
    expect(programEntryTitle(entry({ couponId: 'demo-shop-10x' }), lookup)).toBe(
      'Coupon activated: 10× points at Demo Shop',
    );
    expect(programEntryTitle(entry({ couponId: 'gone' }), lookup)).toBe('Coupon activated');
    expect(
      programEntryTitle(entry({ kind: 'tier', tierId: 'silver', code: 'tier-up' }), lookup),
    ).toBe('You reached Silver');
    expect(
      programEntryTitle(entry({ kind: 'tier', tierId: 'blue', code: 'tier-down' }), lookup),
    ).toBe('Your tier is now Blue');
    expect(programEntryTitle(entry({ kind: 'spend', points: -500, voucher }), lookup)).toBe(
      'Redeemed: €5.00 voucher at Demo Shop',
    );
    expect(
      programEntryTitle(
        entry({ kind: 'spend', status: 'pending', reason: 'redeeming', rewardId: 'demo-shop-5' }),
        lookup,
      ),
    ).toBe('Redemption: €5.00 voucher at Demo Shop');
    expect(programEntryTitle(entry({ kind: 'claim' }), lookup)).toBeUndefined();
  });

  it('refusals: their own words; codes meant for purchases get a neutral sentence', () => {
    useLocale('en');
    expect(refusalText('insufficient-points')).toContain('not have enough available points');
    expect(refusalText('coupon-sold-out')).toContain('run out');
    expect(refusalText('invalid')).toBe(
      'Pointpilot did not accept this request. Nothing was changed and no points were deducted.',
    );
    const rejected = entry({ status: 'rejected', reason: 'rejected-by-server', code: 'invalid' });
    expect(entryText(rejected).reason).toBe(refusalText('invalid'));
    const expired = { ...rejected, code: 'coupon-expired' as const };
    expect(entryText(expired).reason).toContain('not valid at this time');
  });

  it('statuses of pending and settled program entries', () => {
    useLocale('en');
    expect(entryText(entry({ status: 'pending', reason: 'activating' })).status).toBe(
      'Activating…',
    );
    expect(
      entryText(entry({ kind: 'spend', status: 'pending', reason: 'redeeming' })),
    ).toMatchObject({
      status: 'Redeeming…',
      tone: 'waiting',
    });
    expect(
      entryText(entry({ kind: 'tier', reason: 'tier-changed', code: 'tier-up' })),
    ).toMatchObject({
      status: 'New tier',
      tone: 'positive',
    });
  });
});

/** Intl puts no-break spaces in German money and percentages ("5,00 €"); compare as plain spaces. */
const plain = (s: string | undefined) => s?.replace(/\u00a0/g, ' ');

describe('program wording, German', () => {
  it('coupons, vouchers, confirmation and tier', () => {
    useLocale('de');
    expect(plain(couponText(tenX, lookup))).toBe('10-fache Punkte bei Demo Shop');
    expect(plain(couponText(bonus, lookup))).toBe('+500 Punkte ab 50,00 € bei Book Corner');
    expect(plain(voucherText(reward, lookup))).toBe('Gutschein über 5,00 € bei Demo Shop');
    expect(plain(rewardConfirmText(reward, lookup))).toBe(
      '500 Punkte für einen Gutschein über 5,00 € bei Demo Shop einlösen?',
    );
    expect(tierNextText(progress(3800, BY))).toBe(
      `Noch 3.800 Punkte bis Gold – bis ${dateText(BY)}`,
    );
    expect(tierNextText(progress(1))).toBe('Noch 1 Punkt bis Gold');
    expect(tierNextText({ ...progress(0), next: undefined })).toBe('Du hast die höchste Stufe');
    expect(plain(benefitText('earn-multiplier', silver))).toBe(
      '25 % mehr Punkte bei jedem Einkauf',
    );
    expect(programEntryTitle(entry({ couponId: 'demo-shop-10x' }), lookup)).toBe(
      'Coupon aktiviert: 10-fache Punkte bei Demo Shop',
    );
    expect(
      programEntryTitle(entry({ kind: 'tier', tierId: 'silver', code: 'tier-up' }), lookup),
    ).toBe('Du hast Silver erreicht');
    expect(plain(programEntryTitle(entry({ kind: 'spend', points: -500, voucher }), lookup))).toBe(
      'Eingelöst: Gutschein über 5,00 € bei Demo Shop',
    );
    expect(refusalText('reward-sold-out')).toBe(
      'Diese Prämie ist ausverkauft. Es wurden keine Punkte abgezogen.',
    );
  });
});
