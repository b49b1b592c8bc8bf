import { describe, expect, it } from 'vitest';
import type { Coupon, Program, Reward } from '../../utils/contract';
import type { LedgerEntry } from '../../utils/ledger';
import {
  couponViews,
  groupCoupons,
  REFUSAL_SHOWN_MS,
  rewardViews,
  tierProgress,
  walletFrom,
} from '../../utils/program';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

const tiers: Program['tiers'] = [
  { id: 'blue', name: 'Blue', position: 1, minQualifying: 0, multiplier: 1, benefits: [] },
  {
    id: 'silver',
    name: 'Silver',
    position: 2,
    minQualifying: 1000,
    multiplier: 1.25,
    benefits: ['earn-multiplier'],
  },
  {
    id: 'gold',
    name: 'Gold',
    position: 3,
    minQualifying: 5000,
    multiplier: 1.5,
    benefits: ['earn-multiplier', 'free-returns'],
  },
];
const program = (member: Partial<Program['member']>): Program => ({
  tiers,
  member: {
    tierId: 'silver',
    qualifying: 1200,
    period: 'calendar-year',
    next: { tierId: 'gold', points: 3800 },
    nextBy: '2026-12-31T23:59:59.000Z',
    reviewAt: '2027-01-01T00:00:00.000Z',
    ...member,
  },
});

describe('tierProgress', () => {
  it('runs the bar from 0 to what the next tier needs, with the server’s missing points and date', () => {
    expect(tierProgress(program({}))).toMatchObject({
      current: { id: 'silver' },
      next: { id: 'gold' },
      missing: 3800,
      nextBy: Date.parse('2026-12-31T23:59:59.000Z'),
      value: 1200,
      max: 5000,
    });
  });
  it('at the top: no next tier, a full bar', () => {
    expect(tierProgress(program({ tierId: 'gold', next: null, nextBy: null }))).toMatchObject({
      current: { id: 'gold' },
      next: undefined,
      missing: 0,
      value: 1,
      max: 1,
    });
  });
  it('without a date, nextBy is undefined', () => {
    expect(tierProgress(program({ nextBy: null })).nextBy).toBeUndefined();
  });
});

const coupon = (id: string, over: Partial<Coupon> = {}): Coupon => ({
  id,
  kind: 'multiplier',
  multiplier: 10,
  bonusPoints: null,
  minAmount: null,
  maxExtraPoints: null,
  partnerId: 'demo-shop',
  validFrom: '2026-11-01T00:00:00.000Z',
  validUntil: '2026-12-31T00:00:00.000Z',
  state: 'available',
  activatedAt: null,
  ...over,
});

const local = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: crypto.randomUUID(),
  kind: 'activate',
  partnerId: 'demo-shop',
  orderRef: null,
  amount: null,
  points: 0,
  status: 'pending',
  reason: 'activating',
  signals: [],
  createdAt: NOW - 1000,
  ...over,
});

describe('couponViews and groupCoupons', () => {
  it('a pending activation shows "activating", a confirmed one "activated" before the list catches up', () => {
    const views = couponViews(
      [coupon('a'), coupon('b'), coupon('c')],
      [local({ couponId: 'a' }), local({ couponId: 'b', status: 'confirmed' })],
      NOW,
    );
    expect(views.map((v) => [v.coupon.id, v.state])).toEqual([
      ['a', 'activating'],
      ['b', 'activated'],
      ['c', 'available'],
    ]);
  });

  it('a recent refusal stays next to the coupon, which stays available; an old one is forgotten', () => {
    const refused = local({ couponId: 'a', status: 'rejected', code: 'coupon-sold-out' });
    expect(couponViews([coupon('a')], [refused], NOW)[0]).toMatchObject({
      state: 'available',
      refusal: 'coupon-sold-out',
    });
    const old = { ...refused, createdAt: NOW - REFUSAL_SHOWN_MS - 1 };
    expect(couponViews([coupon('a')], [old], NOW)[0]?.refusal).toBeUndefined();
    // A newer attempt decides.
    const again = local({ couponId: 'a', createdAt: NOW - 10 });
    expect(couponViews([coupon('a')], [refused, again], NOW)[0]).toEqual({
      coupon: coupon('a'),
      state: 'activating',
    });
  });

  it('a coupon past its end counts as expired; groups come in order, empty ones left out', () => {
    const views = couponViews(
      [
        coupon('late', { validUntil: '2026-12-31T00:00:00.000Z' }),
        coupon('soon', { validUntil: '2026-11-30T00:00:00.000Z' }),
        coupon('over', { validUntil: '2026-11-20T00:00:00.000Z' }),
        coupon('used', { state: 'used' }),
      ],
      [],
      NOW,
    );
    const groups = groupCoupons(views);
    expect(groups.map((g) => [g.group, g.items.map((v) => v.coupon.id)])).toEqual([
      ['available', ['soon', 'late']],
      ['used', ['used']],
      ['expired', ['over']],
    ]);
  });
});

const reward = (id: string, over: Partial<Reward> = {}): Reward => ({
  id,
  kind: 'voucher',
  partnerId: 'demo-shop',
  value: { minor: 500, currency: 'EUR' },
  pointsPrice: 500,
  validDays: 90,
  available: true,
  ...over,
});

describe('rewardViews', () => {
  it('says what can be done: redeem, wait, or why not; cheapest first', () => {
    const views = rewardViews(
      [
        reward('big', { pointsPrice: 2000 }),
        reward('gone', { pointsPrice: 100, available: false }),
        reward('ok', { pointsPrice: 500 }),
        reward('busy', { pointsPrice: 300 }),
      ],
      [local({ kind: 'spend', rewardId: 'busy', reason: 'redeeming' })],
      600,
      NOW,
    );
    expect(views.map((v) => [v.reward.id, v.state, v.missing])).toEqual([
      ['gone', 'sold-out', 0],
      ['busy', 'redeeming', 0],
      ['ok', 'redeemable', 0],
      ['big', 'too-few-points', 1400],
    ]);
  });
  it('a recent refused redemption is shown with its code', () => {
    const [view] = rewardViews(
      [reward('ok')],
      [local({ kind: 'spend', rewardId: 'ok', status: 'rejected', code: 'reward-sold-out' })],
      600,
      NOW,
    );
    expect(view).toMatchObject({ state: 'redeemable', refusal: 'reward-sold-out' });
  });
});

describe('walletFrom', () => {
  const voucher = (code: string, expiresAt: string) => ({
    rewardId: 'ok',
    code,
    value: { minor: 500, currency: 'EUR' },
    partnerId: 'demo-shop',
    expiresAt,
  });
  it('confirmed spends with a voucher, newest first, expired ones marked', () => {
    const items = walletFrom(
      [
        local({
          kind: 'spend',
          status: 'confirmed',
          createdAt: 1,
          voucher: voucher('OLD', '2026-01-01T00:00:00.000Z'),
        }),
        local({
          kind: 'spend',
          status: 'confirmed',
          createdAt: 2,
          voucher: voucher('NEW', '2027-01-01T00:00:00.000Z'),
        }),
        local({ kind: 'spend', status: 'pending', createdAt: 3, rewardId: 'ok' }),
        local({ kind: 'spend', status: 'confirmed', createdAt: 4, points: -100 }), // a spend without voucher
      ],
      NOW,
    );
    expect(items.map((i) => [i.voucher.code, i.expired])).toEqual([
      ['NEW', false],
      ['OLD', true],
    ]);
  });
});
