import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTx } from '../../server/db/tx';
import { ledgerDiscrepancies, postEntry, spendPoints } from '../../server/services/ledger';
import {
  firstReview,
  memberTier,
  reviewTiers,
  type TierSettings,
  upgradeIfReached,
} from '../../server/services/tiers';
import { MeResponse, Program } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, type TestContext } from './helpers';

/** Issue 11: tiers. Upgrade at once, downgrade only at the review, one level at a time. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const ROLLING: TierSettings = { tierPeriod: 'rolling-12-months', tierGraceDays: 30 };
const CALENDAR: TierSettings = { tierPeriod: 'calendar-year', tierGraceDays: 30 };

const balance = async (auth: Record<string, string>) =>
  MeResponse.parse(await (await ctx.app.request('/v1/me', { headers: auth })).json()).balance;
const confirm = (orderRef: string, email: string) =>
  ctx.webhook('demo-shop', {
    event: 'confirm',
    eventId: randomUUID(),
    orderRef,
    buyer: buyerProof(email),
  });
const program = async (auth: Record<string, string>) =>
  Program.parse(await (await ctx.app.request('/v1/me/program', { headers: auth })).json());
const tierRow = async (memberId: string) =>
  (
    await sql<{ tier_id: string; review_at: Date | null }>`
      SELECT tier_id, review_at FROM member_tiers WHERE member_id = ${memberId}`.execute(ctx.db)
  ).rows[0];
const tierEntries = async (memberId: string) =>
  (
    await sql<{ code: string; meta: { tierId: string } }>`
      SELECT code, meta FROM entries WHERE member_id = ${memberId} AND kind = 'tier'
      ORDER BY seq`.execute(ctx.db)
  ).rows.map((r) => `${r.code}:${r.meta.tierId}`);
/** Gives a member `tier` directly, reviewed at `reviewAt`. */
const holdTier = (memberId: string, tier: string, reviewAt: Date) =>
  sql`INSERT INTO member_tiers (member_id, tier_id, since, review_at)
    VALUES (${memberId}, ${tier}, ${new Date(reviewAt.getTime() - 400 * 86_400_000)}, ${reviewAt})
    ON CONFLICT (member_id) DO UPDATE SET tier_id = EXCLUDED.tier_id,
      review_at = EXCLUDED.review_at`.execute(ctx.db);
/** A confirmed purchase worth `points` qualifying points, posted at `at`. */
const earned = async (memberId: string, points: number, at: string) => {
  const id = randomUUID();
  await inTx(ctx.db, (trx) =>
    postEntry(trx, { id, memberId, kind: 'confirm', points, dAvailable: points }),
  );
  await sql`UPDATE entries SET at = ${at} WHERE id = ${id}`.execute(ctx.db);
};

describe('upgrade', () => {
  it('reaches Silver as soon as the confirmed points do; Silver earns 1.25× on claims made while Silver, not on earlier ones', async () => {
    const m = await ctx.signIn();
    const big = claimOp({ total: { minor: 49_950, currency: 'EUR' } }); // 999 points
    const small = claimOp({ total: { minor: 1234, currency: 'EUR' } }); // 24 points, made while Blue
    const tip = claimOp({ total: { minor: 50, currency: 'EUR' } }); // 1 point
    const first = await ctx.sync(m.token, { cursor: 0, ops: [big, small, tip] });
    expect(first.body.changes.map((e) => e.points)).toEqual([999, 24, 1]);
    expect((await confirm(big.claim.orderRef, m.member.email)).status).toBe(200);
    expect(await tierEntries(m.member.id)).toEqual([]);
    expect((await program(m.auth)).member).toMatchObject({
      tierId: 'blue',
      qualifying: 999,
      next: { tierId: 'silver', points: 1 },
    });

    expect((await confirm(tip.claim.orderRef, m.member.email)).status).toBe(200);
    const changes = await ctx.sync(m.token, { cursor: first.body.cursor, ops: [] });
    expect(changes.body.changes.at(-1)).toMatchObject({
      kind: 'tier',
      code: 'tier-up',
      points: 0,
      tierId: 'silver',
    });
    const p = await program(m.auth);
    expect(p.tiers.map((t) => [t.id, t.multiplier, t.minQualifying])).toEqual([
      ['blue', 1, 0],
      ['silver', 1.25, 1000],
      ['gold', 1.5, 5000],
    ]);
    expect(p.tiers[1]!.benefits).toEqual(['earn-multiplier', 'member-coupons']);
    expect(p.member).toMatchObject({
      tierId: 'silver',
      qualifying: 1000,
      period: 'rolling-12-months',
      next: { tierId: 'gold', points: 4000 },
    });
    const review = new Date(p.member.reviewAt!).getTime();
    const expected = firstReview(new Date(), ROLLING).getTime();
    expect(Math.abs(review - expected)).toBeLessThan(60_000);

    // While Silver: 24 base + 6 (floor 24 × 0.25), pending and confirmed alike.
    const silver = claimOp({ total: { minor: 1234, currency: 'EUR' } });
    const next = await ctx.sync(m.token, { cursor: changes.body.cursor, ops: [silver] });
    expect(next.body.changes.find((e) => e.id === silver.id)).toMatchObject({ points: 30 });
    expect((await confirm(silver.claim.orderRef, m.member.email)).status).toBe(200);
    // The claim made while Blue keeps Blue's rules.
    expect((await confirm(small.claim.orderRef, m.member.email)).status).toBe(200);
    expect(await balance(m.auth)).toEqual({ available: 1000 + 30 + 24, pending: 0 });
    expect(await tierEntries(m.member.id)).toEqual(['tier-up:silver']);
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('bonus points do not qualify', async () => {
    const m = await ctx.signIn();
    await inTx(ctx.db, (trx) =>
      postEntry(trx, { memberId: m.member.id, kind: 'bonus', points: 6000, dAvailable: 6000 }),
    );
    const now = new Date();
    expect(await inTx(ctx.db, (trx) => upgradeIfReached(trx, m.member.id, now, ROLLING))).toBe(
      null,
    );
    expect((await memberTier(ctx.db, m.member.id, now, ROLLING)).qualifying).toBe(0);
  });

  it('the released welcome bonus and repayments of owed points do not qualify; the owed part of a return stops counting', async () => {
    const welcome = await createTestContext({ welcomeBonusPoints: 500 });
    try {
      const m = await welcome.signIn();
      const orderRef = `WQ-${randomUUID().slice(0, 6)}`;
      // 300 EUR at 2 per EUR: 600 points, and the welcome bonus's 500 released with it.
      await welcome.sync(m.token, {
        ops: [claimOp({ orderRef, total: { minor: 30_000, currency: 'EUR' } })],
      });
      const res = await welcome.webhook('demo-shop', {
        event: 'confirm',
        eventId: randomUUID(),
        orderRef,
        buyer: buyerProof(m.member.email),
      });
      expect(res.status).toBe(200);
      const now = new Date();
      const standing = await memberTier(welcome.db, m.member.id, now, ROLLING);
      expect(standing).toMatchObject({ tierId: 'blue', qualifying: 600 });
      // Spend 1,000, then the whole order comes back: 100 taken, 500 owed.
      expect((await spendPoints(welcome.db, m.member.id, 1000, 'voucher')).ok).toBe(true);
      const back = await welcome.webhook('demo-shop', {
        event: 'return',
        eventId: randomUUID(),
        orderRef,
        amount: { minor: 30_000, currency: 'EUR' },
      });
      expect(back.status).toBe(200);
      expect((await memberTier(welcome.db, m.member.id, now, ROLLING)).qualifying).toBe(0);
      // A new 100-point purchase repays the owed points; it still counts as 100 qualifying.
      const next = `WQ-${randomUUID().slice(0, 6)}`;
      await welcome.sync(m.token, {
        ops: [claimOp({ orderRef: next, total: { minor: 5_000, currency: 'EUR' } })],
      });
      await welcome.webhook('demo-shop', {
        event: 'confirm',
        eventId: randomUUID(),
        orderRef: next,
        buyer: buyerProof(m.member.email),
      });
      expect((await memberTier(welcome.db, m.member.id, new Date(), ROLLING)).qualifying).toBe(100);
    } finally {
      await welcome.close();
    }
  });

  it('GET /v1/me/program answers 304 while unchanged, and needs a member', async () => {
    const m = await ctx.signIn();
    const first = await ctx.app.request('/v1/me/program', { headers: m.auth });
    const etag = first.headers.get('etag')!;
    const again = await ctx.app.request('/v1/me/program', {
      headers: { ...m.auth, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect((await ctx.app.request('/v1/me/program')).status).toBe(401);
  });

  it('a Silver-only coupon is offered once the member is Silver', async () => {
    const m = await ctx.signIn();
    const list = async () =>
      (
        (await (await ctx.app.request('/v1/coupons', { headers: m.auth })).json()) as {
          coupons: { id: string }[];
        }
      ).coupons.map((c) => c.id);
    expect(await list()).not.toContain('demo-shop-silver-5x');
    await earned(m.member.id, 1000, new Date().toISOString());
    await inTx(ctx.db, (trx) => upgradeIfReached(trx, m.member.id, new Date(), ROLLING));
    expect(await list()).toContain('demo-shop-silver-5x');
  });
});

describe('review', () => {
  it('lowers one level per review, only once the review date (after the grace) has come', async () => {
    const m = await ctx.signIn();
    const since = new Date('2031-03-01T00:00:00Z');
    const reviewAt = firstReview(since, ROLLING);
    expect(reviewAt.toISOString()).toBe('2032-03-31T00:00:00.000Z'); // 12 months + 30 days
    await holdTier(m.member.id, 'gold', reviewAt);
    // The period ended on 2032-03-01, but the grace runs until the review.
    await reviewTiers(ctx.db, new Date('2032-03-02T00:00:00Z'), ROLLING);
    expect((await tierRow(m.member.id))!.tier_id).toBe('gold');
    await reviewTiers(ctx.db, reviewAt, ROLLING);
    const row = (await tierRow(m.member.id))!;
    expect(row.tier_id).toBe('silver');
    expect(new Date(row.review_at!).toISOString()).toBe('2033-03-31T00:00:00.000Z');
    // Once per review: running again at the same time changes nothing.
    await reviewTiers(ctx.db, reviewAt, ROLLING);
    expect((await tierRow(m.member.id))!.tier_id).toBe('silver');
    await reviewTiers(ctx.db, new Date('2033-03-31T00:00:00Z'), ROLLING);
    expect(await tierRow(m.member.id)).toMatchObject({ tier_id: 'blue', review_at: null });
    expect(await tierEntries(m.member.id)).toEqual(['tier-down:silver', 'tier-down:blue']);
    const changes = await ctx.sync(m.token, { cursor: 0, ops: [] });
    expect(changes.body.changes.filter((e) => e.kind === 'tier')).toMatchObject([
      { code: 'tier-down', tierId: 'silver', points: 0 },
      { code: 'tier-down', tierId: 'blue', points: 0 },
    ]);
    expect(await balance(m.auth)).toEqual({ available: 0, pending: 0 });
  });

  it('keeps the tier, one period longer, when the member qualified in the period that ended', async () => {
    const m = await ctx.signIn();
    const reviewAt = new Date('2032-01-31T00:00:00Z');
    await holdTier(m.member.id, 'silver', reviewAt);
    await earned(m.member.id, 1200, '2031-06-01T00:00:00Z');
    await reviewTiers(ctx.db, reviewAt, ROLLING);
    const row = (await tierRow(m.member.id))!;
    expect(row.tier_id).toBe('silver');
    expect(new Date(row.review_at!).toISOString()).toBe('2033-01-31T00:00:00.000Z');
    expect(await tierEntries(m.member.id)).toEqual([]);
  });
});

describe('calendar year and rolling 12 months', () => {
  it('points from last December count in January under rolling, not under calendar-year', async () => {
    const m = await ctx.signIn();
    await earned(m.member.id, 1000, '2030-12-15T12:00:00Z');
    const january = new Date('2031-01-10T00:00:00Z');
    const calendar = await memberTier(ctx.db, m.member.id, january, CALENDAR);
    expect(calendar).toMatchObject({
      tierId: 'blue',
      qualifying: 0,
      period: 'calendar-year',
      next: { tierId: 'silver', points: 1000 },
      nextBy: '2031-12-31T23:59:59.999Z',
      reviewAt: null,
    });
    const rolling = await memberTier(ctx.db, m.member.id, january, ROLLING);
    expect(rolling).toMatchObject({ qualifying: 1000, next: { tierId: 'gold', points: 4000 } });
    // When the oldest counted points leave the window.
    expect(rolling.nextBy).toBe('2031-12-15T12:00:00.000Z');

    expect(await inTx(ctx.db, (trx) => upgradeIfReached(trx, m.member.id, january, CALENDAR))).toBe(
      null,
    );
    expect(await inTx(ctx.db, (trx) => upgradeIfReached(trx, m.member.id, january, ROLLING))).toBe(
      'silver',
    );
    // Calendar tiers are reviewed after the year's end plus the grace.
    expect(firstReview(january, CALENDAR).toISOString()).toBe('2032-01-31T00:00:00.000Z');
  });

  it('a calendar-year review counts the year that ended', async () => {
    const m = await ctx.signIn();
    await holdTier(m.member.id, 'gold', firstReview(new Date('2031-05-01T00:00:00Z'), CALENDAR));
    await earned(m.member.id, 1500, '2031-11-01T00:00:00Z'); // Silver's worth in 2031
    await reviewTiers(ctx.db, new Date('2032-01-31T00:00:00Z'), CALENDAR);
    expect((await tierRow(m.member.id))!.tier_id).toBe('silver');
    await reviewTiers(ctx.db, new Date('2033-01-31T00:00:00Z'), CALENDAR);
    expect((await tierRow(m.member.id))!.tier_id).toBe('blue');
  });
});
