import { type BalanceRow, EMPTY_BALANCE, type LedgerDb, type LedgerEntry } from './db';

export async function readBalance(db: LedgerDb): Promise<BalanceRow> {
  return (await db.balances.get('me')) ?? EMPTY_BALANCE;
}

/** Newest first. */
export function recentEntries(db: LedgerDb, limit = 10): Promise<LedgerEntry[]> {
  return db.entries.orderBy('createdAt').reverse().limit(limit).toArray();
}

/** Recomputes balances from entries; the stored row must always equal this. */
export async function balanceFromEntries(db: LedgerDb): Promise<Omit<BalanceRow, 'id'>> {
  let available = 0;
  let pending = 0;
  await db.entries.each((e) => {
    if (e.status === 'pending') pending += e.points;
    else if (e.status === 'confirmed') available += e.points;
  });
  return { available, pending };
}
