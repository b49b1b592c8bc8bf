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
  type ProgramRow,
  type ProgramRowId,
  type SyncMeta,
} from './db';
export {
  balanceFromEntries,
  entriesOfKind,
  pendingEntries,
  readBalance,
  readProgram,
  recentEntries,
  unsentClaimCount,
} from './queries';
export { type RecordResult, recordClaim } from './record-claim';
export { type ProgramOpResult, recordProgramOp } from './record-op';
export { clearLedgerForSignOut, type UnsentPurchase, unsentPurchases } from './sign-out';
