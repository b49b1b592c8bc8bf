import type { BalanceRow, LedgerDb, LedgerEntry, OutboxRow } from './db';

/** A purchase recorded on this device whose claim the server has not acknowledged yet. */
export interface UnsentPurchase {
  /** Op id = entry id. */
  id: string;
  partnerId: string | null;
  orderRef: string | null;
  points: number;
}

function toUnsent(row: OutboxRow, entry: LedgerEntry | undefined): UnsentPurchase {
  const claim =
    row.op.type === 'claim'
      ? row.op.claim
      : row.op.type === 'missing-claim'
        ? row.op.purchase
        : undefined;
  return {
    id: row.id,
    partnerId: entry?.partnerId ?? claim?.partnerId ?? null,
    orderRef: entry?.orderRef ?? claim?.orderRef ?? null,
    points: entry?.status === 'pending' ? entry.points : 0,
  };
}

/**
 * Coupon activations, redemptions and survey answers belong to the account
 * they were made for: kept past a sign-out they would act on the next
 * account's points. So only purchases (detected claims and reported missing
 * purchases) survive a sign-out; an unsent
 * activation, redemption or survey is dropped with the rest (it never
 * happened on the server, so the survey is still open to that account).
 */
const claimRows = async (db: LedgerDb) =>
  (await db.outbox.orderBy('createdAt').toArray()).filter(
    (r) => r.op.type === 'claim' || r.op.type === 'missing-claim',
  );

/** The purchases the outbox still holds, oldest first: what a sign-out that deletes everything would lose. */
export async function unsentPurchases(db: LedgerDb): Promise<UnsentPurchase[]> {
  return db.transaction('r', db.outbox, db.entries, async () => {
    const rows = await claimRows(db);
    const entries = await db.entries.bulkGet(rows.map((r) => r.id));
    return rows.map((row, i) => toUnsent(row, entries[i]));
  });
}

/**
 * The local side of a sign-out, in one transaction: every entry is deleted
 * except those whose op still waits in the outbox. Those stay, with their
 * outbox rows, and go up with the next sign-in like claims collected while
 * signed out (only purchases: see claimRows). Balances become what the kept claims are worth (pending and
 * unsent, nothing available), and the sync state starts over (cursor 0), so
 * the next account pulls its own ledger from the beginning.
 *
 * Returns the purchases kept.
 */
export async function clearLedgerForSignOut(db: LedgerDb): Promise<UnsentPurchase[]> {
  const tables = [db.entries, db.outbox, db.balances, db.meta, db.program, db.surveyDrafts];
  return db.transaction('rw', tables, async () => {
    const rows = await claimRows(db);
    const keep = new Set(rows.map((r) => r.id));
    const drop = (await db.outbox.toCollection().primaryKeys()).filter((id) => !keep.has(id));
    await db.outbox.bulkDelete(drop);
    const kept = await db.entries.bulkGet(rows.map((r) => r.id));
    const others = (await db.entries.toCollection().primaryKeys()).filter((id) => !keep.has(id));
    await db.entries.bulkDelete(others);

    const unsent = rows.map((row, i) => toUnsent(row, kept[i]));
    const points = unsent.reduce((sum, u) => sum + u.points, 0);
    const balance: BalanceRow = { id: 'me', available: 0, pending: points, unsent: points };
    await db.balances.clear();
    await db.balances.put(balance);
    await db.meta.clear();
    await db.program.clear(); // the tier, coupons, rewards and surveys of the account signing out
    await db.surveyDrafts.clear(); // its answers in progress too
    return unsent;
  });
}
