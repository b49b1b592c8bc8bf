import type { EntityTable, Transaction } from 'dexie';
import { categoryOf } from './activity-filter';
import type { LedgerEntry } from './db';

/**
 * Keeps an entry's `category` (activity-filter.ts) right on every write (add,
 * put, update, modify), whoever writes: the sync, the recorders and other
 * parts' code never need to know it, and a stale value given by hand is replaced.
 */
export function keepCategory(entries: EntityTable<LedgerEntry, 'id'>): void {
  entries.hook('creating', (_key, e) => {
    e.category = categoryOf(e);
  });
  entries.hook('updating', (mods, _key, e) => {
    const next = categoryOf({ ...e, ...(mods as Partial<LedgerEntry>) });
    return next === e.category ? undefined : { category: next };
  });
}

/** Dexie version 4's upgrade: the category of every entry already stored. */
export function addCategories(tx: Transaction): Promise<number> {
  return tx
    .table<LedgerEntry, string>('entries')
    .toCollection()
    .modify((e) => {
      e.category = categoryOf(e);
    });
}
