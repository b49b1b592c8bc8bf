export {
  type BalanceRow,
  claimKeyOf,
  EMPTY_BALANCE,
  EMPTY_SYNC,
  type EntryReason,
  type EntryStatus,
  LedgerDb,
  type LedgerEntry,
  ledgerDb,
  type OutboxRow,
  type SyncMeta,
} from './db';
export { balanceFromEntries, pendingEntries, readBalance, recentEntries } from './queries';
export { type RecordResult, recordClaim } from './record-claim';
export { clearLedgerForSignOut, type UnsentPurchase, unsentPurchases } from './sign-out';
