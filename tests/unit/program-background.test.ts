import { beforeEach, describe, expect, it, vi } from 'vitest';
import { activateCoupon, redeemReward } from '../../entrypoints/background/program-ops';
import { refreshProgram } from '../../entrypoints/background/program-refresh';
import { syncSoon } from '../../entrypoints/background/sync';
import { saveAccount } from '../../utils/account/storage';
import type { CouponList, Program, RewardList, SurveyList } from '../../utils/contract';
import { ledgerDb, readBalance, readProgram } from '../../utils/ledger';

vi.mock('../../entrypoints/background/sync', () => ({ syncSoon: vi.fn() }));

const db = ledgerDb();
const member = {
  id: crypto.randomUUID(),
  email: 'erika@example.de',
  memberNumber: '1234567890123456',
};

const program: Program = {
  tiers: [{ id: 'blue', name: 'Blue', position: 1, minQualifying: 0, multiplier: 1, benefits: [] }],
  member: {
    tierId: 'blue',
    qualifying: 0,
    period: 'calendar-year',
    next: null,
    nextBy: null,
    reviewAt: null,
  },
};
const coupons: CouponList = {
  coupons: [
    {
      id: 'demo-shop-10x',
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
    },
  ],
};
const rewards: RewardList = {
  rewards: [
    {
      id: 'demo-shop-5',
      kind: 'voucher',
      partnerId: 'demo-shop',
      value: { minor: 500, currency: 'EUR' },
      pointsPrice: 500,
      validDays: 90,
      available: true,
    },
  ],
};
const surveys: SurveyList = {
  surveys: [],
  stats: { completed: 1, streakWeeks: 1, bestStreakWeeks: 1, badges: [] },
};
const BODIES: Record<string, unknown> = {
  '/v1/me/program': program,
  '/v1/coupons': coupons,
  '/v1/rewards': rewards,
  '/v1/surveys': surveys,
  '/v1/causes': { causes: [] },
};

/** A server answering the five program GETs (304 when If-None-Match matches its ETag). */
function programServer() {
  return vi.fn(async (url: URL, init?: RequestInit) => {
    const path = new URL(url).pathname;
    const etag = `"${path}"`;
    if (new Headers(init?.headers).get('if-none-match') === etag)
      return new Response(null, { status: 304 });
    return new Response(JSON.stringify(BODIES[path]), { status: 200, headers: { etag } });
  });
}

beforeEach(async () => {
  await Promise.all([
    db.entries.clear(),
    db.outbox.clear(),
    db.balances.clear(),
    db.program.clear(),
  ]);
  vi.mocked(syncSoon).mockClear();
  vi.unstubAllGlobals();
});

const signIn = () => saveAccount({ token: 'tok', member, needsSignIn: false });

describe('activateCoupon / redeemReward (background)', () => {
  it('signed out: a clear error and nothing written', async () => {
    expect(await activateCoupon({ couponId: 'demo-shop-10x' })).toEqual({
      ok: false,
      error: 'errorSignInForProgram',
    });
    expect(await redeemReward({ rewardId: 'demo-shop-5' })).toMatchObject({ ok: false });
    expect(await db.outbox.count()).toBe(0);
  });

  it('a malformed request is refused', async () => {
    await signIn();
    expect(await activateCoupon({ couponId: 'Not An Id!' })).toMatchObject({ ok: false });
    expect(await redeemReward({ rewardId: 'demo-shop-5', extra: 1 })).toMatchObject({ ok: false });
    expect(await db.outbox.count()).toBe(0);
  });

  it('signed in: a pending entry (0 points) and its op in one go, then a sync soon', async () => {
    await signIn();
    await db.program.put({ id: 'coupons', data: coupons, fetchedAt: 1 });
    const reply = await activateCoupon({ couponId: 'demo-shop-10x' });
    expect(reply).toMatchObject({ ok: true });
    const id = (reply as { opId: string }).opId;
    expect(await db.entries.get(id)).toMatchObject({
      kind: 'activate',
      status: 'pending',
      points: 0,
      couponId: 'demo-shop-10x',
      partnerId: 'demo-shop',
    });
    expect((await db.outbox.get(id))?.op).toMatchObject({
      id,
      type: 'activate-coupon',
      couponId: 'demo-shop-10x',
    });
    const redeem = await redeemReward({ rewardId: 'demo-shop-5' });
    const rid = (redeem as { opId: string }).opId;
    expect((await db.outbox.get(rid))?.op).toMatchObject({
      type: 'redeem',
      rewardId: 'demo-shop-5',
    });
    expect(await readBalance(db)).toMatchObject({ available: 0, pending: 0 });
    expect(syncSoon).toHaveBeenCalledTimes(2);
  });
});

describe('refreshProgram', () => {
  it('signed out: fetches nothing', async () => {
    const f = programServer();
    vi.stubGlobal('fetch', f);
    expect(await refreshProgram({ force: true })).toBe('signed-out');
    expect(f).not.toHaveBeenCalled();
  });

  it('stores tier, coupons, rewards and surveys with their ETags; then asks with If-None-Match', async () => {
    await signIn();
    const f = programServer();
    vi.stubGlobal('fetch', f);
    expect(await refreshProgram({ force: true })).toBe('updated');
    expect(await readProgram(db)).toEqual({ program, coupons, rewards, surveys });
    const auth = (f.mock.calls[0] as unknown as [URL, RequestInit])[1];
    expect(new Headers(auth.headers).get('authorization')).toBe('Bearer tok');
    // Fresh: the alarm's refresh skips; a forced one gets five 304s.
    expect(await refreshProgram()).toBe('skipped');
    expect(await refreshProgram({ force: true })).toBe('unchanged');
    expect(f).toHaveBeenCalledTimes(10);
    expect(await readProgram(db)).toEqual({ program, coupons, rewards, surveys });
  });

  it('a failing part keeps what was stored', async () => {
    await signIn();
    vi.stubGlobal('fetch', programServer());
    await refreshProgram({ force: true });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 503 })),
    );
    expect(await refreshProgram({ force: true })).toBe('failed');
    expect(await readProgram(db)).toEqual({ program, coupons, rewards, surveys });
  });

  it('signed out while fetching: the answers are dropped', async () => {
    await signIn();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: URL) => {
        await saveAccount({ token: undefined, member: undefined });
        return new Response(JSON.stringify(BODIES[new URL(url).pathname]), { status: 200 });
      }),
    );
    expect(await refreshProgram({ force: true })).toBe('signed-out');
    expect(await readProgram(db)).toEqual({});
  });
});
