import { stringify } from 'csv-stringify/sync';
import type { AnswerValue, SurveyDefinition } from '../../utils/contract';
import { allQuestions, choiceValue } from '../../utils/survey';
import type { Db } from '../db/schema';
import { fittingAnswers, type ResponseRow, responsePages } from './survey-results';

/**
 * csv-stringify quotes, and with `escape_formulas` puts an apostrophe before a
 * cell a spreadsheet would read as a formula (= + - @, their full-width forms,
 * or a leading tab or CR), as OWASP advises against CSV injection: a member's
 * `=HYPERLINK(…)` stays text when the operator opens the file. Scores are
 * numbers, which it leaves alone.
 */
// csv-stringify quotes a line break only when it equals the record delimiter:
// a lone LF or CR inside a cell must be quoted too, or readers split the row there.
const OPTIONS = {
  record_delimiter: 'windows' as const,
  escape_formulas: true,
  quoted_match: /[\r\n]/,
};

function cell(v: AnswerValue | undefined, order: string[] | null): string | number {
  if (v === undefined) return '';
  if (!Array.isArray(v)) return v;
  // In the definition's choice order, so equal selections read alike.
  return (order ? order.filter((c) => v.includes(c)) : v).join('; ');
}

/**
 * The answers as CSV, one chunk per page of responses (bounded memory): a
 * UTF-8 byte order mark, so Excel reads umlauts and emoji as UTF-8 rather
 * than as Windows-1252, then CRLF lines (RFC 4180). Columns: response id,
 * submitted_at (ISO 8601, UTC), the member number (never the email), then one
 * column per question named by its `name`: the choice value, the values of a
 * multiple choice joined with "; ", the score, or the text. An empty cell:
 * skipped, hidden, or a stored answer that no longer fits the definition.
 */
export async function* surveyCsv(
  db: Db,
  surveyId: string,
  def: SurveyDefinition,
): AsyncGenerator<string> {
  const questions = allQuestions(def);
  const orders = questions.map((q) => (q.type === 'checkbox' ? q.choices.map(choiceValue) : null));
  const header = ['response_id', 'submitted_at', 'member_number', ...questions.map((q) => q.name)];
  yield stringify([header], { ...OPTIONS, bom: true });
  for await (const page of responsePages(db, surveyId)) {
    yield stringify(
      page.map((row: ResponseRow) => {
        const answers = fittingAnswers(def, row.answers);
        return [
          row.id,
          new Date(row.submitted_at).toISOString(),
          row.member_number,
          ...questions.map((q, i) => cell(answers[q.name], orders[i]!)),
        ];
      }),
      OPTIONS,
    );
  }
}
