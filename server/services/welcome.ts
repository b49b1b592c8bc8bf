import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/tx';
import { postEntry } from './ledger';

/** A UUID-shaped id derived from `label`, so posting it again is a no-op. */
export function derivedId(label: string): string {
  const h = createHash('sha256').update(label).digest('hex');
  // Shaped as a version-4 UUID, because entry ids are UUIDs.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The welcome bonus's entry id, derived from the member: posting it again
 * (a second first sign-in racing, the demo seed) hits the same primary key
 * and is a no-op, so every member gets the bonus at most once.
 */
export const welcomeBonusId = (memberId: string): string => derivedId(`welcome-bonus:${memberId}`);
const welcomeReleaseId = (memberId: string): string => derivedId(`welcome-release:${memberId}`);

/**
 * Posts the welcome bonus as *pending* (0 points: none). A new email alone is
 * worth nothing to a fake-account farm: the bonus becomes available only with
 * the member's first purchase a partner confirms (releaseWelcomeBonus).
 */
export async function grantWelcomeBonus(trx: Tx, memberId: string, points: number): Promise<void> {
  if (points <= 0) return;
  await postEntry(trx, {
    id: welcomeBonusId(memberId),
    memberId,
    kind: 'bonus',
    points,
    dPending: points,
    code: 'welcome-pending',
    reason: 'Welcome bonus: available after your first confirmed purchase',
  });
}

/**
 * Makes a pending welcome bonus available, once: the release settles the
 * bonus entry like a confirmation settles a claim (unique per claim_id), and
 * it counts as earned but not as qualifying points. The caller holds the
 * member's balance lock.
 */
export async function releaseWelcomeBonus(trx: Tx, memberId: string): Promise<void> {
  const bonusId = welcomeBonusId(memberId);
  const { rows } = await sql<{ points: number }>`
    SELECT b.points FROM entries b
    WHERE b.member_id = ${memberId} AND b.id = ${bonusId} AND b.code = 'welcome-pending'
      AND NOT EXISTS (SELECT 1 FROM entries r
        WHERE r.member_id = b.member_id AND r.claim_id = b.id AND r.kind = 'confirm')`.execute(trx);
  const bonus = rows[0];
  if (!bonus) return;
  await postEntry(trx, {
    id: welcomeReleaseId(memberId),
    memberId,
    kind: 'confirm',
    claimId: bonusId,
    points: bonus.points,
    dAvailable: bonus.points,
    dPending: -bonus.points,
    code: 'welcome-released',
    reason: 'Welcome bonus',
    qualifies: false,
  });
}
