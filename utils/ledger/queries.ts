import Dexie from 'dexie';
import type { CouponList, Program, RewardList, SurveyList } from '../contract';
import type { ActivityFilter } from './activity-filter';
import {
  type BalanceRow,
  EMPTY_BALANCE,
  type LedgerDb,
  type LedgerEntry,
  type ProgramRow,
  type SurveyDraft,
} from './db';

export async function readBalance(db: LedgerDb): Promise<BalanceRow> {
  return (await db.balances.get('me')) ?? EMPTY_BALANCE;
}

/** Newest first. */
export function recentEntries(db: LedgerDb, limit = 10): Promise<LedgerEntry[]> {
  return db.entries.orderBy('createdAt').reverse().limit(limit).toArray();
}

/** The pending entries (through the status index: few, whatever the ledger's size). */
export function pendingEntries(db: LedgerDb): Promise<LedgerEntry[]> {
  return db.entries.where('status').equals('pending').toArray();
}

/**
 * One page of the ledger in its order (createdAt descending), through the
 * createdAt index: reads only `offset + limit` index keys and `limit` rows,
 * so the first pages of 10,000 entries stay as fast as of 10.
 */
export function entriesPage(db: LedgerDb, offset: number, limit: number): Promise<LedgerEntry[]> {
  return db.entries.orderBy('createdAt').reverse().offset(offset).limit(limit).toArray();
}

/**
 * The entries passing a filter, newest first, as one range of one index:
 * [category+createdAt], [partnerId+createdAt] or [partnerId+category+createdAt].
 * Paging and counting then read only the keys they need, whatever the ledger's size.
 */
export function filteredEntries(db: LedgerDb, f: ActivityFilter) {
  const { category, partnerId } = f;
  if (category && partnerId)
    return db.entries
      .where('[partnerId+category+createdAt]')
      .between([partnerId, category, Dexie.minKey], [partnerId, category, Dexie.maxKey])
      .reverse();
  if (category)
    return db.entries
      .where('[category+createdAt]')
      .between([category, Dexie.minKey], [category, Dexie.maxKey])
      .reverse();
  if (partnerId)
    return db.entries
      .where('[partnerId+createdAt]')
      .between([partnerId, Dexie.minKey], [partnerId, Dexie.maxKey])
      .reverse();
  return db.entries.orderBy('createdAt').reverse();
}

/** The newest `shown` entries passing the filter and how many there are in all, for a "Show more" list. */
export async function activityWindow(
  db: LedgerDb,
  shown: number,
  f: ActivityFilter = {},
): Promise<{ entries: LedgerEntry[]; total: number }> {
  const [entries, total] = await Promise.all([
    filteredEntries(db, f).limit(Math.max(shown, 0)).toArray(),
    f.category || f.partnerId ? filteredEntries(db, f).count() : db.entries.count(),
  ]);
  return { entries, total };
}

/** The partners that appear in the ledger (unique keys of the partnerId index: one step each). */
export async function ledgerPartnerIds(db: LedgerDb): Promise<string[]> {
  return (await db.entries.orderBy('partnerId').uniqueKeys()).map(String);
}

/** Recomputes balances from entries; the stored row must always equal this. */
export async function balanceFromEntries(db: LedgerDb): Promise<Omit<BalanceRow, 'id'>> {
  let available = 0;
  let pending = 0;
  await db.entries.each((e) => {
    // A survey sent from here is worth nothing until the server's own entry credits it.
    if (e.status === 'pending' && e.kind !== 'survey') pending += e.points;
    else if (e.status === 'confirmed') available += e.points;
  });
  return { available, pending };
}

/** Every entry of one kind (through the kind index), e.g. coupon activations or spends. */
export function entriesOfKind(db: LedgerDb, kind: LedgerEntry['kind']): Promise<LedgerEntry[]> {
  return db.entries.where('kind').equals(kind).toArray();
}

export interface StoredProgram {
  program?: Program;
  coupons?: CouponList;
  rewards?: RewardList;
  surveys?: SurveyList;
}

/** The program data last fetched (each part absent until fetched, and when signed out). */
export async function readProgram(db: LedgerDb): Promise<StoredProgram> {
  const rows = await db.program.bulkGet(['program', 'coupons', 'rewards', 'surveys']);
  const out: StoredProgram = {};
  for (const row of rows as (ProgramRow | undefined)[]) {
    if (row?.id === 'program') out.program = row.data;
    else if (row?.id === 'coupons') out.coupons = row.data;
    else if (row?.id === 'rewards') out.rewards = row.data;
    else if (row?.id === 'surveys') out.surveys = row.data;
  }
  return out;
}

/**
 * How many purchases (claims) wait in the outbox: all its ops but the few
 * activations, redemptions and survey answers, found through their pending
 * entries (so the outbox itself is only counted, never scanned).
 */
export async function unsentClaimCount(db: LedgerDb): Promise<number> {
  const total = await db.outbox.count();
  if (total === 0) return 0;
  const program = await db.entries
    .where('kind')
    .anyOf('activate', 'spend', 'survey')
    .and((e) => e.status === 'pending')
    .primaryKeys();
  const queued = await db.outbox.bulkGet(program);
  return total - queued.filter(Boolean).length;
}

/** A survey's answers in progress on this device, if any. */
export function surveyDraft(db: LedgerDb, surveyId: string): Promise<SurveyDraft | undefined> {
  return db.surveyDrafts.get(surveyId);
}

/**
 * This survey's 'survey' entry, sent from here and waiting (pending) or
 * credited by the server (confirmed); a refused one does not count.
 */
export function surveyAnswerEntry(
  db: LedgerDb,
  surveyId: string,
): Promise<LedgerEntry | undefined> {
  return db.entries
    .where('kind')
    .equals('survey')
    .and((e) => e.surveyId === surveyId && e.status !== 'rejected')
    .first();
}

/**
 * The surveys answered as far as this device knows (sent and waiting, or
 * credited), so the popup hides one at once, before the server's list is
 * fetched again. Few: one entry per survey ever answered.
 */
export async function answeredSurveyIds(db: LedgerDb): Promise<Set<string>> {
  const ids = new Set<string>();
  await db.entries
    .where('kind')
    .equals('survey')
    .each((e) => {
      if (e.surveyId && e.status !== 'rejected') ids.add(e.surveyId);
    });
  return ids;
}
