import { stringify } from 'csv-stringify/browser/esm/sync';
import { currencyExponent } from '../money';
import { categoryOf } from './activity-filter';
import type { LedgerEntry } from './db';

/**
 * "Export activity" (options page): one row per ledger entry, newest first,
 * as CSV (for a spreadsheet) and JSON (for programs). Pure: the caller gives
 * the partner names and the entry's words in the UI's language.
 *
 * Columns (the header row uses these names, in this order):
 * - date: when it happened for the shopper, ISO 8601 in UTC
 * - id: the entry's id (the server's entry id, the op id of a local claim)
 * - kind, category, status, code: machine words (contract EntryKind, the
 *   activity's category, pending/confirmed/rejected, the server's code), stable across languages
 * - partner_id, partner: the partner's id and catalogue name (empty when none)
 * - order_ref: the shop's order reference
 * - amount, currency: the order amount in major units with a dot ("49.90"), ISO 4217
 * - points: the entry's points (an estimate while pending; negative for spends)
 * - status_text, reason: the status and the reason in plain words, in the chosen language
 * - detail: the partner's or server's own words, when the reason keeps them
 */
export const ACTIVITY_COLUMNS = [
  'date',
  'id',
  'kind',
  'category',
  'status',
  'code',
  'partner_id',
  'partner',
  'order_ref',
  'amount',
  'currency',
  'points',
  'status_text',
  'reason',
  'detail',
] as const;

export type ActivityRow = {
  [K in (typeof ACTIVITY_COLUMNS)[number]]: K extends 'points' ? number : string | null;
};

export interface EntryWords {
  status: string;
  reason: string;
  detail?: string;
}

export interface RowContext {
  partnerName(id: string): string;
  words(e: LedgerEntry): EntryWords;
}

/** "49.90" from 4990 EUR, "-1.5" never: always the currency's exponent, a dot, no grouping. */
export function majorUnits(minor: number, currency: string): string {
  const e = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(minor))).padStart(e + 1, '0');
  return e === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -e)}.${digits.slice(-e)}`;
}

export function activityRow(e: LedgerEntry, ctx: RowContext): ActivityRow {
  const w = ctx.words(e);
  return {
    date: new Date(e.createdAt).toISOString(),
    id: e.id,
    kind: e.kind,
    category: categoryOf(e),
    status: e.status,
    code: e.code ?? null,
    partner_id: e.partnerId,
    partner: e.partnerId ? ctx.partnerName(e.partnerId) : null,
    order_ref: e.orderRef,
    amount: e.amount ? majorUnits(e.amount.minor, e.amount.currency) : null,
    currency: e.amount?.currency ?? null,
    points: e.points,
    status_text: w.status,
    reason: w.reason,
    detail: w.detail ?? null,
  };
}

/**
 * A cell's text with what a spreadsheet cannot hold replaced by U+FFFD (visible, not
 * silently gone): C0 controls but tab, LF and CR, DEL (U+0000 cuts cells short in some
 * readers), and UTF-16 halves without their pair (no UTF-8 form; the encoder would guess).
 */
export function safeCell(s: string): string {
  let out = '';
  // for…of walks code points: a pair arrives whole, a lone half alone.
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const bad =
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      c === 0x7f ||
      (c >= 0xd800 && c <= 0xdfff);
    out += bad ? '\ufffd' : ch;
  }
  return out;
}

/**
 * Same options as the operator's survey CSV (server/services/survey-csv.ts):
 * CRLF records (RFC 4180), an apostrophe before a cell a spreadsheet would
 * read as a formula (= + - @ and their full-width forms, a leading tab or
 * CR: OWASP's CSV injection advice; numbers are left alone), any line break
 * quoted, and a UTF-8 byte order mark so Excel reads umlauts as UTF-8.
 */
export function activityCsv(rows: readonly ActivityRow[]): string {
  const records = rows.map((r) =>
    ACTIVITY_COLUMNS.map((c) => {
      const v = r[c];
      return typeof v === 'number' ? v : safeCell(v ?? '');
    }),
  );
  return stringify([[...ACTIVITY_COLUMNS], ...records], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    quoted_match: /[\r\n]/,
  });
}

export interface ActivityJson {
  format: 'pointpilot-activity';
  version: 1;
  exportedAt: string;
  /** The language of status_text and reason. */
  language: string;
  /** The rows as they are (JSON escapes anything, so nothing is replaced). */
  entries: ActivityRow[];
}

export function activityJson(rows: ActivityRow[], language: string, now: Date): string {
  const doc: ActivityJson = {
    format: 'pointpilot-activity',
    version: 1,
    exportedAt: now.toISOString(),
    language,
    entries: rows,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** "pointpilot-activity-2026-12-02.csv", by the local day the shopper exported it. */
export function activityFileName(ext: 'csv' | 'json', now = new Date()): string {
  const mm = String(now.getMonth() + 1).padStart(2, '0');
  const dd = String(now.getDate()).padStart(2, '0');
  return `pointpilot-activity-${now.getFullYear()}-${mm}-${dd}.${ext}`;
}
