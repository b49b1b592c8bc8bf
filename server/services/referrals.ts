import { sql } from 'kysely';
import type { ReferralInfo, ReferralOutcome } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';
import { lockBalance, postEntry } from './ledger';
import { derivedId } from './welcome';

/**
 * Referrals. A new member who signs in with a friend's code is recorded as
 * referred (state 'pending'); with their first purchase a partner confirms
 * (the moment the welcome bonus is released, services/order-events.ts) both
 * get REFERRAL_BONUS_POINTS, available at once:
 * - once per referred member: the referrals row is locked and settled in
 *   the same transaction, and both entries have ids derived from the
 *   referred member, so a replay or a race posts nothing twice;
 * - never for oneself, never twice for one mailbox: the normalised email
 *   (utils/account/email-normalize.ts) of the referrer, of any member and of
 *   any earlier referral refuses the code at sign-up (unique column). Sign-ins
 *   of one mailbox are serialised (services/auth.ts), so a spelling racing
 *   the referred one either came first and is seen, or comes after and is
 *   refused itself; no second check at payment is needed (one by creation
 *   time misjudged such races: now() is each transaction's start);
 * - capped per referrer and calendar month (UTC): over the cap the referral
 *   is settled as 'capped' — visible, and never paid later, since only a
 *   'pending' one is paid. The friend still gets theirs: the cap is against
 *   a referrer farming accounts, not against the friend's first purchase.
 */

export interface ReferralSettings {
  referralBonusPoints: number;
  referralMonthlyCap: number;
}

export interface Referrer {
  id: string;
  email: string;
  normalized_email: string | null;
}

export const findReferrer = async (db: Db | Tx, code: string): Promise<Referrer | null> =>
  (await db
    .selectFrom('members')
    .select(['id', 'email', 'normalized_email'])
    .where('referral_code', '=', code)
    .executeTakeFirst()) ?? null;

export const memberExists = async (db: Db | Tx, email: string): Promise<boolean> =>
  (await db.selectFrom('members').select('id').where('email', '=', email).executeTakeFirst()) !==
  undefined;

/**
 * Records the referral of a member created by this sign-in (`existed`: the
 * email was a member before it), or says why not. The caller holds the
 * sign-in's transaction; the member row exists and has its normalised email.
 */
export async function recordReferral(
  trx: Tx,
  member: { id: string; email: string },
  normalized: string,
  referrer: Referrer,
  existed: boolean,
): Promise<ReferralOutcome> {
  const ignored = (code: 'self-referral' | 'already-member' | 'email-known'): ReferralOutcome => ({
    status: 'ignored',
    code,
  });
  if (referrer.id === member.id || referrer.normalized_email === normalized)
    return ignored('self-referral');
  if (existed) {
    // Signing in again with the same code (a second device) is not a new referral: say it was kept.
    const same = await trx
      .selectFrom('referrals')
      .select('referrer_id')
      .where('referred_id', '=', member.id)
      .executeTakeFirst();
    return same?.referrer_id === referrer.id ? { status: 'applied' } : ignored('already-member');
  }
  const twin = await trx
    .selectFrom('members')
    .select('id')
    .where('normalized_email', '=', normalized)
    .where('id', '<>', member.id)
    .executeTakeFirst();
  if (twin) return ignored('email-known');
  // Either constraint (the member, the mailbox) stops a second referral, races included.
  const { rows } = await sql<{ referred_id: string }>`
    INSERT INTO referrals (referred_id, referrer_id, normalized_email)
    VALUES (${member.id}, ${referrer.id}, ${normalized})
    ON CONFLICT DO NOTHING RETURNING referred_id`.execute(trx);
  if (rows.length > 0) return { status: 'applied' };
  const again = await trx
    .selectFrom('referrals')
    .select('referrer_id')
    .where('referred_id', '=', member.id)
    .executeTakeFirst();
  return again?.referrer_id === referrer.id ? { status: 'applied' } : ignored('email-known');
}

export const referralBonusIds = (referredId: string) => ({
  referred: derivedId(`referral-bonus:referred:${referredId}`),
  referrer: derivedId(`referral-bonus:referrer:${referredId}`),
});

const monthStart = sql<Date>`(date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

async function paidThisMonth(db: Db | Tx, referrerId: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM referrals
    WHERE referrer_id = ${referrerId} AND state = 'paid' AND settled_at >= ${monthStart}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Pays a pending referral of `referredId`, at a confirmed purchase of theirs.
 * The caller holds the referred member's balance lock. Lock order: the
 * referrer's balance is locked second; a referrer always signed up before
 * the member they referred, so chains of referrals lock newer → older and
 * never in a cycle (a rarer cycle with contested claims of one order is a
 * deadlock PostgreSQL breaks and inTx retries).
 */
export async function payReferral(trx: Tx, referredId: string, s: ReferralSettings): Promise<void> {
  const points = s.referralBonusPoints;
  if (points <= 0) return;
  const { rows } = await sql<{ referrer_id: string; normalized_email: string; state: string }>`
    SELECT r.referrer_id, r.normalized_email, r.state FROM referrals r
    WHERE r.referred_id = ${referredId} FOR UPDATE`.execute(trx);
  const ref = rows[0];
  if (ref?.state !== 'pending') return;
  const settle = (state: 'paid' | 'capped') =>
    sql`UPDATE referrals SET state = ${state}, settled_at = now()
      WHERE referred_id = ${referredId}`.execute(trx);
  const ids = referralBonusIds(referredId);
  await postEntry(trx, {
    id: ids.referred,
    memberId: referredId,
    kind: 'bonus',
    points,
    dAvailable: points,
    code: 'referral',
    reason: 'Referral bonus: your first purchase after a friend invited you',
    meta: { referral: 'referred' },
  });
  await lockBalance(trx, ref.referrer_id);
  if ((await paidThisMonth(trx, ref.referrer_id)) >= s.referralMonthlyCap) {
    await settle('capped');
    return;
  }
  await postEntry(trx, {
    id: ids.referrer,
    memberId: ref.referrer_id,
    kind: 'bonus',
    points,
    dAvailable: points,
    code: 'referral',
    reason: 'Referral bonus: a friend you invited made a first purchase',
    meta: { referral: 'referrer' },
  });
  await settle('paid');
}

/** Program.referral: the member's code, share link and this month's count. */
export async function referralInfo(
  db: Db,
  memberId: string,
  base: string,
  s: ReferralSettings,
): Promise<ReferralInfo | null> {
  const row = await db
    .selectFrom('members')
    .select('referral_code')
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    code: row.referral_code,
    link: new URL(`/r/${row.referral_code}`, base).toString(),
    bonusPoints: s.referralBonusPoints,
    paidThisMonth: await paidThisMonth(db, memberId),
    monthlyCap: s.referralMonthlyCap,
  };
}
