import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Member } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';
import { newMemberNumber } from './member-number';

export interface MemberRow {
  id: string;
  email: string;
  member_number: string;
}

export const toMember = (r: MemberRow): Member => ({
  id: r.id,
  email: r.email,
  memberNumber: r.member_number,
});

/**
 * The member with this email, created (with an empty balances row) on first
 * sign-in. Concurrent first sign-ins meet on the email's unique constraint.
 */
export async function ensureMember(
  db: Db | Tx,
  email: string,
  memberNumber?: string,
): Promise<MemberRow> {
  for (let attempt = 0; ; attempt++) {
    try {
      const id = randomUUID();
      await sql`
        INSERT INTO members (id, email, member_number)
        VALUES (${id}, ${email}, ${memberNumber ?? newMemberNumber()})
        ON CONFLICT (email) DO NOTHING`.execute(db);
      break;
    } catch (err) {
      // Another member already has this random number (1 in 10^14): draw again.
      if ((err as { code?: string }).code !== '23505' || attempt > 5 || memberNumber) throw err;
    }
  }
  const row = await db
    .selectFrom('members')
    .select(['id', 'email', 'member_number'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  await sql`INSERT INTO balances (member_id) VALUES (${row.id}) ON CONFLICT DO NOTHING`.execute(db);
  return row;
}
