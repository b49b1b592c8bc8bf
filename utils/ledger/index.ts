export {
  type BalanceRow,
  EMPTY_BALANCE,
  type EntryReason,
  type EntryStatus,
  LedgerDb,
  type LedgerEntry,
  ledgerDb,
  type OutboxRow,
} from './db';
export { balanceFromEntries, readBalance, recentEntries } from './queries';
export { type RecordResult, recordClaim } from './record-claim';
