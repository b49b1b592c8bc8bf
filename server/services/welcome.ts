import { createHash } from 'node:crypto';
import type { Tx } from '../db/tx';
import { postEntry } from './ledger';

/**
 * The welcome bonus's entry id, derived from the member: posting it again
 * (a second first sign-in racing, the demo seed) hits the same primary key
 * and is a no-op, so every member gets the bonus at most once.
 */
export function welcomeBonusId(memberId: string): string {
  const h = createHash('sha256').update(`welcome-bonus:${memberId}`).digest('hex');
  // Shaped as a version-4 UUID, because entry ids are UUIDs.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Posts the welcome bonus (available at once) unless the member has it; 0 points: none. */
export async function grantWelcomeBonus(trx: Tx, memberId: string, points: number): Promise<void> {
  if (points <= 0) return;
  await postEntry(trx, {
    id: welcomeBonusId(memberId),
    memberId,
    kind: 'bonus',
    points,
    dAvailable: points,
    reason: 'Welcome bonus',
  });
}
