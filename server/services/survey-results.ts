import { sql } from 'kysely';
import type {
  AnswerValue,
  Question,
  QuestionResult,
  SurveyAnswers,
  SurveyDefinition,
  SurveyResults,
} from '../../utils/contract';
import { allQuestions, choiceValue, ratingScale, visibleQuestions } from '../../utils/survey';
import type { Db } from '../db/schema';

export interface ResponseRow {
  id: string;
  submitted_at: Date;
  member_number: string;
  answers: unknown;
}

export const RESULT_PAGE_SIZE = 1000;

/**
 * A survey's responses in pages of `pageSize`, oldest first, by keyset on
 * (submitted_at, id): memory stays bounded however many there are. The
 * cursor is the timestamp as PostgreSQL prints it (microseconds), since a JS
 * Date would cut it to milliseconds and re-read or skip rows. Responses that
 * arrive while paging may or may not be included.
 */
export async function* responsePages(
  db: Db,
  surveyId: string,
  pageSize = RESULT_PAGE_SIZE,
): AsyncGenerator<ResponseRow[]> {
  type Row = ResponseRow & { at_key: string };
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const page = sql<Row>`
      SELECT r.id, r.submitted_at, r.submitted_at::text AS at_key, m.member_number, r.answers
      FROM survey_responses r JOIN members m ON m.id = r.member_id
      WHERE r.survey_id = ${surveyId}
        ${after ? sql`AND (r.submitted_at, r.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
      ORDER BY r.submitted_at, r.id
      LIMIT ${pageSize}`;
    const rows: Row[] = (await page.execute(db)).rows;
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last: Row = rows[rows.length - 1]!;
    after = { at: last.at_key, id: last.id };
  }
}

/** Whether a stored answer fits its question as defined now (a definition may have changed). */
export function fits(q: Question, v: unknown): v is AnswerValue {
  switch (q.type) {
    case 'radiogroup':
      return typeof v === 'string' && q.choices.some((c) => choiceValue(c) === v);
    case 'checkbox': {
      if (!Array.isArray(v) || v.length === 0 || new Set(v).size !== v.length) return false;
      const values = new Set(q.choices.map(choiceValue));
      return v.every((x) => typeof x === 'string' && values.has(x));
    }
    case 'rating': {
      const { min, max } = ratingScale(q);
      return Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
    }
    default:
      return typeof v === 'string' && v.length > 0;
  }
}

/** Only the stored answers that still fit their question; anything else counts as unanswered. */
export function fittingAnswers(def: SurveyDefinition, stored: unknown): SurveyAnswers {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const raw = stored as Record<string, unknown>;
  const out: SurveyAnswers = {};
  for (const q of allQuestions(def)) {
    if (Object.hasOwn(raw, q.name) && fits(q, raw[q.name]))
      out[q.name] = raw[q.name] as AnswerValue;
  }
  return out;
}

/** Running totals of one question. */
interface Tally {
  q: Question;
  answered: number;
  skipped: number;
  /** Per option (choices) or per score from the scale's minimum (ratings). */
  counts: number[];
  sum: number;
}

/** num / den to `d` decimals, scaled before dividing so 72 / 10 is exactly 7.2. */
const ratio = (num: number, den: number, d: number) => Math.round((num * 10 ** d) / den) / 10 ** d;

function newTally(q: Question): Tally {
  let size = 0;
  if (q.type === 'radiogroup' || q.type === 'checkbox') size = q.choices.length;
  else if (q.type === 'rating') size = ratingScale(q).max - ratingScale(q).min + 1;
  return { q, answered: 0, skipped: 0, counts: new Array(size).fill(0), sum: 0 };
}

function add(t: Tally, v: AnswerValue) {
  t.answered++;
  const { q } = t;
  if (q.type === 'radiogroup' || q.type === 'checkbox') {
    const picked = new Set(Array.isArray(v) ? v : [v]);
    q.choices.forEach((c, i) => {
      if (picked.has(choiceValue(c))) t.counts[i]!++;
    });
  } else if (q.type === 'rating') {
    t.counts[(v as number) - ratingScale(q).min]!++;
    t.sum += v as number;
  }
}

function result(t: Tally): QuestionResult {
  const { q, answered, skipped } = t;
  if (q.type === 'radiogroup' || q.type === 'checkbox') {
    const options = q.choices.map((c, i) => ({ value: choiceValue(c), count: t.counts[i]! }));
    return { name: q.name, type: q.type, answered, skipped, options };
  }
  if (q.type === 'rating') {
    const { min, kind } = ratingScale(q);
    const mean = answered ? ratio(t.sum, answered, 2) : null;
    const base = {
      name: q.name,
      type: q.type,
      scale: kind,
      answered,
      skipped,
      counts: t.counts,
      mean,
    };
    if (kind !== 'nps') return base;
    const between = (lo: number, hi: number) =>
      t.counts.reduce((n, c, i) => (i + min >= lo && i + min <= hi ? n + c : n), 0);
    const promoters = between(9, 10);
    const passives = between(7, 8);
    const detractors = between(0, 6);
    // From the counts, not from rounded shares.
    const nps = answered ? ratio(100 * (promoters - detractors), answered, 1) : null;
    return { ...base, nps, promoters, passives, detractors };
  }
  return { name: q.name, type: q.type, answered, skipped };
}

/**
 * Per-question aggregates over every response. A question counts as skipped
 * for a response when it was shown for that response's answers (its
 * condition held) but has no fitting answer; a hidden one counts as neither.
 */
export async function surveyResults(
  db: Db,
  surveyId: string,
  def: SurveyDefinition,
): Promise<SurveyResults> {
  const tallies = new Map(allQuestions(def).map((q) => [q.name, newTally(q)]));
  let responses = 0;
  for await (const page of responsePages(db, surveyId)) {
    for (const row of page) {
      responses++;
      const answers = fittingAnswers(def, row.answers);
      for (const q of visibleQuestions(def, answers)) {
        const t = tallies.get(q.name);
        if (!t) continue;
        const v = answers[q.name];
        if (v === undefined) t.skipped++;
        else add(t, v);
      }
    }
  }
  return { surveyId, responses, questions: [...tallies.values()].map(result) };
}
