import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type Partner, PartnerCatalogue } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';

export interface PartnerRecord {
  partner: Partner;
  secret: string;
  memberClaimsPerHour: number;
  /** Sanity cap: the most points one order may earn at this partner. */
  maxPointsPerOrder: number;
}

export async function findPartner(db: Db | Tx, id: string): Promise<PartnerRecord | null> {
  const row = await db
    .selectFrom('partners')
    .select(['definition', 'secret', 'member_claims_per_hour', 'max_points_per_order'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    partner: row.definition as Partner,
    secret: row.secret,
    memberClaimsPerHour: row.member_claims_per_hour,
    maxPointsPerOrder: row.max_points_per_order,
  };
}

/**
 * The public catalogue. Its version is a hash of the content, so it (and the
 * ETag made from it) changes exactly when a partner changes, on every
 * instance alike.
 */
export async function loadCatalogue(db: Db): Promise<PartnerCatalogue> {
  const rows = await db.selectFrom('partners').select('definition').orderBy('id').execute();
  const partners = rows.map((r) => r.definition as Partner);
  const version = createHash('sha256').update(JSON.stringify(partners)).digest('hex').slice(0, 20);
  return PartnerCatalogue.parse({ version, partners });
}

/** Inserts or updates a partner (seed, admin tooling). */
export async function upsertPartner(
  db: Db | Tx,
  partner: Partner,
  secret: string,
  memberClaimsPerHour = 20,
): Promise<void> {
  await sql`
    INSERT INTO partners (id, definition, secret, member_claims_per_hour)
    VALUES (${partner.id}, ${JSON.stringify(partner)}::jsonb, ${secret}, ${memberClaimsPerHour})
    ON CONFLICT (id) DO UPDATE SET
      definition = EXCLUDED.definition,
      secret = EXCLUDED.secret,
      member_claims_per_hour = EXCLUDED.member_claims_per_hour,
      updated_at = now()
    WHERE partners.definition IS DISTINCT FROM EXCLUDED.definition
       OR partners.secret IS DISTINCT FROM EXCLUDED.secret
       OR partners.member_claims_per_hour IS DISTINCT FROM EXCLUDED.member_claims_per_hour`.execute(
    db,
  );
}
