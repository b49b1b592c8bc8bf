import { sql } from 'kysely';
import type { LocalizedText } from '../../utils/contract';
import { Cause, CauseList } from '../../utils/contract/donation';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';

/** The causes members can donate points to (table causes, migration 009). */

export interface CauseRow {
  id: string;
  name: unknown;
  description: unknown;
  min_points: number;
  active: boolean;
}

/** A row as the contract's Cause, or null when its stored text does not fit the contract. */
function toCause(r: CauseRow): Cause | null {
  const parsed = Cause.safeParse({
    id: r.id,
    name: r.name,
    description: r.description ?? null,
    minPoints: r.min_points,
  });
  return parsed.success ? parsed.data : null;
}

/** The active causes in their order; a row the contract would refuse is left out, not a 500. */
export async function loadCauses(db: Db): Promise<CauseList> {
  const { rows } = await sql<CauseRow>`
    SELECT id, name, description, min_points, active FROM causes
    WHERE active ORDER BY position, id LIMIT 100`.execute(db);
  return CauseList.parse({ causes: rows.flatMap((r) => toCause(r) ?? []) });
}

/** The causes named by `ids` (active or not), by id. */
export async function findCauses(trx: Tx, ids: string[]): Promise<Map<string, CauseRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<CauseRow>`
    SELECT id, name, description, min_points, active FROM causes
    WHERE id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`.execute(
    trx,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export interface CauseInput {
  id: string;
  name: LocalizedText;
  description: LocalizedText | null;
  minPoints: number;
  active?: boolean;
  position?: number;
}

/** Creates or updates a cause (the seed; later the operator console). Checked by the contract. */
export async function upsertCause(trx: Tx | Db, input: CauseInput): Promise<void> {
  const c = Cause.parse({
    id: input.id,
    name: input.name,
    description: input.description,
    minPoints: input.minPoints,
  });
  await sql`INSERT INTO causes (id, name, description, min_points, active, position)
    VALUES (${c.id}, ${JSON.stringify(c.name)}::jsonb,
      ${c.description === null ? null : JSON.stringify(c.description)}::jsonb,
      ${c.minPoints}, ${input.active ?? true}, ${input.position ?? 0})
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
      min_points = EXCLUDED.min_points, active = EXCLUDED.active, position = EXCLUDED.position,
      updated_at = now()`.execute(trx);
}

/** Points each cause has received (for the operator; uses index entries_donations). */
export async function donationTotals(db: Db): Promise<Map<string, number>> {
  const { rows } = await sql<{ cause_id: string; points: number | string }>`
    SELECT meta ->> 'causeId' AS cause_id, -sum(points) AS points FROM entries
    WHERE kind = 'spend' AND code = 'donation' GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.cause_id, Number(r.points)]));
}
