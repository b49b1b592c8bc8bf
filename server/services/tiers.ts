import { sql } from 'kysely';
import type { MemberTier } from '../../utils/contract';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import type { Settings } from '../settings';
import { lockBalance, postEntry } from './ledger';

/**
 * Tiers. Qualifying points are the available points of the member's
 * 'confirm' and 'adjust' entries (a return lowers them; bonuses, welcome
 * bonus and spends do not count) within the period: the last 12 months
 * (rolling) or the calendar year (UTC). An upgrade happens as soon as the
 * threshold is reached; a downgrade only at the review, after the grace
 * days, one level at a time, so a member never falls two tiers at once.
 */

export type TierSettings = Pick<Settings, 'tierPeriod' | 'tierGraceDays'>;

const DAY = 86_400_000;

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

const janFirst = (year: number) => new Date(Date.UTC(year, 0, 1));

/** Where the current period began at `now`. */
export const periodStart = (now: Date, s: TierSettings) =>
  s.tierPeriod === 'calendar-year' ? janFirst(now.getUTCFullYear()) : addMonths(now, -12);

/** When a tier reached at `since` is first reviewed: the period's end plus the grace. */
export function firstReview(since: Date, s: TierSettings): Date {
  const end =
    s.tierPeriod === 'calendar-year' ? janFirst(since.getUTCFullYear() + 1) : addMonths(since, 12);
  return new Date(end.getTime() + s.tierGraceDays * DAY);
}

export interface TierRow {
  id: string;
  name: string;
  position: number;
  min_qualifying: number;
  earn_multiplier: string | number;
  benefits: unknown;
}

export async function loadTiers(db: Db | Tx): Promise<TierRow[]> {
  const { rows } = await sql<TierRow>`
    SELECT id, name, position, min_qualifying, earn_multiplier, benefits
    FROM tiers ORDER BY position`.execute(db);
  return rows;
}

/**
 * Qualifying points in [from, to], and when the oldest counted entry was
 * posted. No `to` for the current period: an entry just posted carries the
 * database's clock, which may run a little ahead of ours.
 */
export async function qualifyingPoints(
  db: Db | Tx,
  memberId: string,
  from: Date,
  to: Date | null,
): Promise<{ points: number; oldest: Date | null }> {
  const { rows } = await sql<{ points: number | string | null; oldest: Date | null }>`
    SELECT SUM(d_available - CASE WHEN code = 'return-owed'
        THEN COALESCE((meta->>'owed')::int, 0) ELSE 0 END) AS points, MIN(at) AS oldest
    FROM entries
    WHERE member_id = ${memberId} AND kind IN ('confirm', 'adjust')
      -- Purchases count, net of returns (the owed part of one too); the
      -- welcome bonus and repayments of owed points do not.
      AND code IS DISTINCT FROM 'welcome-released' AND code IS DISTINCT FROM 'debt-repaid'
      AND at >= ${from} AND (${to}::timestamptz IS NULL OR at <= ${to})`.execute(db);
  const r = rows[0];
  return {
    points: Math.max(0, Number(r?.points ?? 0)),
    oldest: r?.oldest ? new Date(r.oldest) : null,
  };
}

interface Standing {
  tier: TierRow | undefined;
  reviewAt: Date | null;
}

async function standing(db: Db | Tx, memberId: string, tiers: TierRow[]): Promise<Standing> {
  const row = await db
    .selectFrom('member_tiers')
    .select(['tier_id', 'review_at'])
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return {
    // No row: the entry tier.
    tier: tiers.find((t) => t.id === row?.tier_id) ?? tiers[0],
    reviewAt: row?.review_at ? new Date(row.review_at) : null,
  };
}

/**
 * After a confirmation or return: raises the member to the highest tier
 * their qualifying points reach, if that is above the one they hold. Never
 * lowers (that is the review's job). Returns the new tier id, or null.
 */
export async function upgradeIfReached(
  trx: Tx,
  memberId: string,
  now: Date,
  s: TierSettings,
): Promise<string | null> {
  const tiers = await loadTiers(trx);
  const { points } = await qualifyingPoints(trx, memberId, periodStart(now, s), null);
  const reached = tiers.filter((t) => t.min_qualifying <= points).at(-1);
  const { tier } = await standing(trx, memberId, tiers);
  if (!reached || !tier || reached.position <= tier.position) return null;
  await sql`INSERT INTO member_tiers (member_id, tier_id, since, review_at)
    VALUES (${memberId}, ${reached.id}, ${now}, ${firstReview(now, s)})
    ON CONFLICT (member_id) DO UPDATE SET tier_id = EXCLUDED.tier_id, since = EXCLUDED.since,
      review_at = EXCLUDED.review_at`.execute(trx);
  await postEntry(trx, {
    memberId,
    kind: 'tier',
    points: 0,
    reason: `Reached ${reached.name}`,
    code: 'tier-up',
    meta: { tierId: reached.id },
  });
  return reached.id;
}

/**
 * The periodic review of every tier whose review date has come: kept when the
 * member qualified in the period that ended (or already does in the current
 * one), else lowered by one level. Returns the number of members lowered.
 */
export async function reviewTiers(db: Db, now: Date, s: TierSettings): Promise<number> {
  const tiers = await loadTiers(db);
  const due = await db
    .selectFrom('member_tiers')
    .select('member_id')
    .where('review_at', '<=', now)
    .execute();
  let lowered = 0;
  for (const { member_id } of due) {
    const down = await inTx(db, (trx) => reviewOne(trx, member_id, tiers, now, s));
    if (down) lowered++;
  }
  return lowered;
}

async function reviewOne(
  trx: Tx,
  memberId: string,
  tiers: TierRow[],
  now: Date,
  s: TierSettings,
): Promise<boolean> {
  // Under the member's lock (taken first, as every writer does), and re-read:
  // another reviewer may have been first.
  await lockBalance(trx, memberId);
  const { rows } = await sql<{ tier_id: string; review_at: Date }>`
    SELECT tier_id, review_at FROM member_tiers
    WHERE member_id = ${memberId} AND review_at <= ${now} FOR UPDATE`.execute(trx);
  const row = rows[0];
  if (!row) return false;
  const reviewAt = new Date(row.review_at);
  const tier = tiers.find((t) => t.id === row.tier_id);
  const below = tiers.filter((t) => tier && t.position < tier.position).at(-1);
  const nextReview = addMonths(reviewAt, 12);
  const ended = new Date(reviewAt.getTime() - s.tierGraceDays * DAY);
  const past = await qualifyingPoints(trx, memberId, addMonths(ended, -12), ended);
  const current = await qualifyingPoints(trx, memberId, periodStart(now, s), null);
  if (!tier || !below || Math.max(past.points, current.points) >= tier.min_qualifying) {
    await sql`UPDATE member_tiers SET review_at = ${below ? nextReview : null}
      WHERE member_id = ${memberId}`.execute(trx);
    return false;
  }
  // The entry tier is never reviewed: there is nothing below it.
  const isEntry = below.position === tiers[0]?.position;
  await sql`UPDATE member_tiers SET tier_id = ${below.id}, since = ${now},
      review_at = ${isEntry ? null : nextReview}
    WHERE member_id = ${memberId}`.execute(trx);
  await postEntry(trx, {
    memberId,
    kind: 'tier',
    points: 0,
    reason: `Lowered to ${below.name}`,
    code: 'tier-down',
    meta: { tierId: below.id },
  });
  return true;
}

/** The member's standing as GET /v1/me/program shows it. */
export async function memberTier(
  db: Db | Tx,
  memberId: string,
  now: Date,
  s: TierSettings,
  tiers?: TierRow[],
): Promise<MemberTier> {
  const all = tiers ?? (await loadTiers(db));
  const { tier, reviewAt } = await standing(db, memberId, all);
  const { points, oldest } = await qualifyingPoints(db, memberId, periodStart(now, s), null);
  // The next tier up still to reach (one already reached waits for the next upgrade check).
  const next = all.find((t) => tier && t.position > tier.position && t.min_qualifying > points);
  const nextBy = !next
    ? null
    : s.tierPeriod === 'calendar-year'
      ? new Date(Date.UTC(now.getUTCFullYear(), 11, 31, 23, 59, 59, 999))
      : // Nothing counted yet: a year from today (the day, so the answer and its ETag hold all day).
        addMonths(oldest ?? new Date(Math.floor(now.getTime() / DAY) * DAY), 12);
  return {
    tierId: tier?.id ?? 'blue', // only without any tiers configured
    qualifying: points,
    period: s.tierPeriod,
    next: next ? { tierId: next.id, points: next.min_qualifying - points } : null,
    nextBy: nextBy?.toISOString() ?? null,
    reviewAt: reviewAt?.toISOString() ?? null,
  };
}
