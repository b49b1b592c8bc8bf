import { sql } from 'kysely';
import type { SurveyConfig } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';

/** A stored survey as the services read it. */
export interface SurveyRow {
  id: string;
  definition: unknown;
  reward_points: number;
  valid_from: Date;
  valid_until: Date;
  target_tiers: unknown;
  target_bought_at: unknown;
  after_purchase_at: string | null;
  after_purchase_days: number;
  priority: number;
}

export const SURVEY_COLUMNS = sql`id, definition, reward_points, valid_from, valid_until,
  target_tiers, target_bought_at, after_purchase_at, after_purchase_days, priority`;

/**
 * Creates or replaces a survey (operator upload, seeds). `config` must have
 * passed SurveyConfig (zod), so the definition is the supported subset.
 * A partner named in targeting must exist (the foreign key refuses others).
 */
export async function upsertSurvey(db: Db | Tx, id: string, config: SurveyConfig): Promise<void> {
  await sql`
    INSERT INTO surveys (id, definition, reward_points, valid_from, valid_until, target_tiers,
      target_bought_at, after_purchase_at, after_purchase_days, priority)
    VALUES (${id}, ${JSON.stringify(config.definition)}::jsonb, ${config.rewardPoints},
      ${config.validFrom}, ${config.validUntil},
      ${config.tiers ? JSON.stringify(config.tiers) : null}::jsonb,
      ${config.boughtAt ? JSON.stringify(config.boughtAt) : null}::jsonb,
      ${config.afterPurchaseAt ?? null}, ${config.afterPurchaseDays}, ${config.priority})
    ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition,
      reward_points = EXCLUDED.reward_points, valid_from = EXCLUDED.valid_from,
      valid_until = EXCLUDED.valid_until, target_tiers = EXCLUDED.target_tiers,
      target_bought_at = EXCLUDED.target_bought_at, after_purchase_at = EXCLUDED.after_purchase_at,
      after_purchase_days = EXCLUDED.after_purchase_days, priority = EXCLUDED.priority,
      updated_at = now()`.execute(db);
}

/** One survey by id, or undefined. */
export async function findSurvey(db: Db | Tx, id: string): Promise<SurveyRow | undefined> {
  const { rows } =
    await sql<SurveyRow>`SELECT ${SURVEY_COLUMNS} FROM surveys WHERE id = ${id}`.execute(db);
  return rows[0];
}
