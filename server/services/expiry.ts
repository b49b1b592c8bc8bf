import { sql } from 'kysely';
import type { ExpiringPoints } from '../../utils/contract';
import { expiringWithin, utcDay } from '../../utils/loyalty/expiry';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import { declaredExpiryPolicy } from './expiry-policy';
import { lockBalance, postEntry } from './ledger';
import { derivedId } from './welcome';

export { declaredExpiryPolicy, declareExpiryPolicy } from './expiry-policy';

/**
 * The expiry run (issue 13): every open lot whose expiry date has come loses
 * what is left of it through one 'expire' entry (code 'expired').
 *
 * - Idempotent: the entry's id is derived from the lot, so a second run, or
 *   two runs at once, insert nothing new (and a lot already taken has
 *   remaining 0 and is not even selected).
 * - Crash-safe: one transaction per member, holding that member's balances
 *   lock (services/ledger.ts rule 1); a crash leaves whole members done or
 *   untouched, and the next run finishes the rest.
 * - Exact: the entry takes exactly the lot's remaining points from that lot
 *   (postEntry with lotFirst, recorded in lot_uses), so lots still sum to
 *   available and no other lot is touched.
 * - Owed points (balances.owed) are left alone: they are a debt repaid from
 *   the next points earned, not points a member holds, so they cannot
 *   expire; and expiry never creates a debt, because it only takes what a
 *   lot still holds.
 * - Pending points have no lot yet and never expire; expired points do not
 *   lower qualifying (tier) points, which count what was earned.
 */

export interface ExpiryRunResult {
  members: number;
  lots: number;
  points: number;
}

export interface ExpiryRunOptions {
  now: Date;
  /** Members per page of the scan. */
  batch?: number;
  /** Tests: called inside a member's transaction after each lot (throw to crash there). */
  afterLot?: (memberId: string, lotId: string) => void | Promise<void>;
}

interface DueLot {
  entry_id: string;
  remaining: number | string;
  earned_at: Date | string;
  expires_at: Date | string;
}

/** Expires one member's due lots; the caller's transaction. Returns [lots, points]. */
async function expireMember(
  trx: Tx,
  memberId: string,
  opts: ExpiryRunOptions,
): Promise<[number, number]> {
  await lockBalance(trx, memberId);
  const { rows } = await sql<DueLot>`
    SELECT entry_id, remaining, earned_at, expires_at FROM lots
    WHERE member_id = ${memberId} AND remaining > 0 AND expires_at <= ${opts.now.toISOString()}
    ORDER BY expires_at, earned_at, entry_id
    FOR UPDATE`.execute(trx);
  let lots = 0;
  let points = 0;
  for (const lot of rows) {
    const remaining = Number(lot.remaining);
    const expiresAt = new Date(lot.expires_at);
    const seq = await postEntry(trx, {
      id: derivedId(`expire:${lot.entry_id}`),
      memberId,
      kind: 'expire',
      points: -remaining,
      dAvailable: -remaining,
      lotFirst: lot.entry_id,
      code: 'expired',
      reason: `${remaining} points expired on ${utcDay(expiresAt)}`,
      meta: {
        lotId: lot.entry_id,
        earnedAt: new Date(lot.earned_at).toISOString(),
        expiresAt: expiresAt.toISOString(),
      },
    });
    if (seq !== null) {
      lots += 1;
      points += remaining;
    }
    await opts.afterLot?.(memberId, lot.entry_id);
  }
  return [lots, points];
}

/** Runs the expiry as of `now` over every member with due lots, one transaction each. */
export async function runExpiry(db: Db, opts: ExpiryRunOptions): Promise<ExpiryRunResult> {
  const batch = opts.batch ?? 200;
  const out: ExpiryRunResult = { members: 0, lots: 0, points: 0 };
  // The run follows the declared policy: off (or never declared) expires nothing.
  const policy = await declaredExpiryPolicy(db);
  if (!policy || policy.mode === 'off') return out;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql<{ member_id: string }>`
      SELECT DISTINCT member_id FROM lots
      WHERE remaining > 0 AND expires_at <= ${opts.now.toISOString()} AND member_id > ${after}
      ORDER BY member_id LIMIT ${batch}`.execute(db);
    if (rows.length === 0) return out;
    for (const { member_id } of rows) {
      const [lots, points] = await inTx(db, (trx) => expireMember(trx, member_id, opts));
      if (lots > 0) out.members += 1;
      out.lots += lots;
      out.points += points;
      after = member_id;
    }
  }
}

/**
 * The member's open points that expire after `now` and within `horizonDays`,
 * per expiry day, oldest first (the popup's warning).
 */
export async function expiringFor(
  db: Db,
  memberId: string,
  now: Date,
  horizonDays: number,
): Promise<ExpiringPoints[]> {
  if (horizonDays <= 0) return [];
  const until = new Date(now.getTime() + horizonDays * 86_400_000);
  const { rows } = await sql<{ expires_at: Date | string; remaining: number | string }>`
    SELECT expires_at, remaining FROM lots
    WHERE member_id = ${memberId} AND remaining > 0
      AND expires_at > ${now.toISOString()} AND expires_at <= ${until.toISOString()}
    ORDER BY expires_at LIMIT 1000`.execute(db);
  const lots = rows.map((r) => ({
    expiresAt: new Date(r.expires_at),
    remaining: Number(r.remaining),
  }));
  return expiringWithin(lots, now, horizonDays).slice(0, 20);
}
