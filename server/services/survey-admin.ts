import { sql } from 'kysely';
import { z } from 'zod';
import {
  type Problem,
  type Question,
  type SurveyConfig,
  type SurveyDefinition,
  SurveyId,
} from '../../utils/contract';
import { allQuestions, choiceValue, ratingScale } from '../../utils/survey';
import type { Db } from '../db/schema';
import { inTx } from '../db/tx';
import { ProblemError } from '../http/problem';
import { SURVEY_COLUMNS, type SurveyRow, upsertSurvey } from './survey-store';

const iso = (d: Date | string) => new Date(d).toISOString();
const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : undefined);

/** A stored survey as the SurveyConfig the operator uploads (defaults filled in). */
export function storedConfig(row: SurveyRow): SurveyConfig {
  const tiers = list(row.target_tiers);
  const boughtAt = list(row.target_bought_at);
  return {
    definition: row.definition as SurveyDefinition,
    rewardPoints: row.reward_points,
    validFrom: iso(row.valid_from),
    validUntil: iso(row.valid_until),
    ...(tiers ? { tiers } : {}),
    ...(boughtAt ? { boughtAt } : {}),
    ...(row.after_purchase_at ? { afterPurchaseAt: row.after_purchase_at } : {}),
    afterPurchaseDays: row.after_purchase_days,
    priority: row.priority,
  };
}

/** GET /v1/operator/surveys: one survey without its definition. */
export const SurveySummary = z.object({
  id: SurveyId,
  /** The definition's title in its default language. */
  title: z.string(),
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime(),
  rewardPoints: z.number().int().nonnegative(),
  tiers: z.array(z.string()).nullable(),
  boughtAt: z.array(z.string()).nullable(),
  afterPurchaseAt: z.string().nullable(),
  afterPurchaseDays: z.number().int(),
  priority: z.number().int(),
  responses: z.number().int().nonnegative(),
});
export const SurveySummaryList = z.object({ surveys: z.array(SurveySummary) });

const defaultText = (t: unknown): string =>
  typeof t === 'string' ? t : String((t as { default?: unknown } | null)?.default ?? '');

export async function surveySummaries(db: Db): Promise<z.infer<typeof SurveySummary>[]> {
  const { rows } = await sql<SurveyRow & { responses: number | string }>`
    SELECT ${SURVEY_COLUMNS},
      (SELECT count(*) FROM survey_responses r WHERE r.survey_id = surveys.id) AS responses
    FROM surveys ORDER BY id`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    title: defaultText((r.definition as { title?: unknown } | null)?.title),
    validFrom: iso(r.valid_from),
    validUntil: iso(r.valid_until),
    rewardPoints: r.reward_points,
    tiers: list(r.target_tiers) ?? null,
    boughtAt: list(r.target_bought_at) ?? null,
    afterPurchaseAt: r.after_purchase_at,
    afterPurchaseDays: r.after_purchase_days,
    priority: r.priority,
    responses: Number(r.responses),
  }));
}

/** Targeting that names partners or tiers that do not exist, as problem entries. */
export async function unknownTargets(
  db: Db,
  config: SurveyConfig,
): Promise<NonNullable<Problem['errors']>> {
  const partners = [
    ...(config.boughtAt ?? []),
    ...(config.afterPurchaseAt ? [config.afterPurchaseAt] : []),
  ];
  const tiers = config.tiers ?? [];
  const known = async (table: 'partners' | 'tiers', ids: string[]) =>
    ids.length === 0
      ? new Set<string>()
      : new Set(
          (await db.selectFrom(table).select('id').where('id', 'in', ids).execute()).map(
            (r) => r.id,
          ),
        );
  const [p, t] = [await known('partners', partners), await known('tiers', tiers)];
  const errors: NonNullable<Problem['errors']> = [];
  (config.boughtAt ?? []).forEach((id, i) => {
    if (!p.has(id)) errors.push({ path: `boughtAt.${i}`, message: `no partner "${id}"` });
  });
  if (config.afterPurchaseAt && !p.has(config.afterPurchaseAt)) {
    errors.push({ path: 'afterPurchaseAt', message: `no partner "${config.afterPurchaseAt}"` });
  }
  tiers.forEach((id, i) => {
    if (!t.has(id)) errors.push({ path: `tiers.${i}`, message: `no tier "${id}"` });
  });
  return errors;
}

/** A question's answer format: what stored answers were given in. */
function format(q: { type?: unknown; rateMin?: unknown; rateMax?: unknown }): string {
  if (q.type !== 'rating') return String(q.type);
  const { min, max } = ratingScale(q as Extract<Question, { type: 'rating' }>);
  return `rating ${min}–${max}`;
}

/**
 * Why `next` may not replace a definition that already has responses: a
 * question removed, a question's type or scale changed, or an option removed
 * would leave stored answers that no longer mean anything. Texts, order, new
 * questions and new options are fine. `stored` is read loosely (JSON as stored).
 */
export function breakingChanges(stored: unknown, next: SurveyDefinition): string[] {
  const pages = (stored as { pages?: { elements?: unknown[] }[] } | null)?.pages;
  const old = (Array.isArray(pages) ? pages : []).flatMap((p) =>
    Array.isArray(p?.elements) ? p.elements : [],
  ) as { name?: unknown; type?: unknown; choices?: unknown }[];
  const now = new Map(allQuestions(next).map((q) => [q.name, q]));
  const problems: string[] = [];
  for (const q of old) {
    const name = String(q?.name);
    const n = now.get(name);
    if (!n) problems.push(`question "${name}" was removed`);
    else if (format(q) !== format(n))
      problems.push(`question "${name}" changed from ${format(q)} to ${format(n)}`);
    else if ((n.type === 'radiogroup' || n.type === 'checkbox') && Array.isArray(q.choices)) {
      const values = new Set(n.choices.map(choiceValue));
      for (const c of q.choices as unknown[]) {
        const v = typeof c === 'string' ? c : (c as { value?: unknown } | null)?.value;
        if (typeof v === 'string' && !values.has(v))
          problems.push(`option "${v}" of question "${name}" was removed`);
      }
    }
  }
  return problems;
}

const unprocessable = (path: string, message: string) =>
  new ProblemError(422, 'validation', 'Some fields are invalid', [{ path, message }]);

/**
 * The operator's upload: targeting must name existing partners and tiers
 * (422), and a survey with responses may not change in a way that orphans
 * them (409, see breakingChanges). The row lock also holds back responses
 * until commit (their foreign key takes a share lock on the survey row).
 */
export async function saveSurvey(db: Db, id: string, config: SurveyConfig): Promise<void> {
  const missing = await unknownTargets(db, config);
  if (missing.length > 0) {
    throw new ProblemError(422, 'validation', 'Targeting names unknown partners or tiers', missing);
  }
  try {
    await inTx(db, async (trx) => {
      const { rows } = await sql<{ definition: unknown; answered: boolean }>`
        SELECT definition, EXISTS (SELECT 1 FROM survey_responses r WHERE r.survey_id = s.id) AS answered
        FROM surveys s WHERE id = ${id} FOR UPDATE`.execute(trx);
      const breaking = rows[0]?.answered
        ? breakingChanges(rows[0].definition, config.definition)
        : [];
      if (breaking.length > 0) {
        throw new ProblemError(
          409,
          'conflict',
          'The survey has responses: questions and options may not be removed or change type',
          breaking.slice(0, 50).map((message) => ({ path: 'definition', message })),
        );
      }
      await upsertSurvey(trx, id, config);
    });
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    // A partner deleted since the check, or text the database cannot store: the input's fault.
    if (code === '23503') throw unprocessable('(body)', 'targeting names an unknown partner');
    if (code.startsWith('22')) throw unprocessable('(body)', 'a value cannot be stored');
    throw err;
  }
}
