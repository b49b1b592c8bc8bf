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
  type SurveyDraft,
  type SyncMeta,
} from './db';
export {
  answeredSurveyIds,
  balanceFromEntries,
  entriesOfKind,
  pendingEntries,
  readBalance,
  readProgram,
  recentEntries,
  surveyAnswerEntry,
  surveyDraft,
  unsentClaimCount,
} from './queries';
export { type RecordResult, recordClaim } from './record-claim';
export {
  type ProgramOpResult,
  recordProgramOp,
  recordSurveyOp,
  type SurveyOpResult,
  type SurveyTarget,
} from './record-op';
export { clearLedgerForSignOut, type UnsentPurchase, unsentPurchases } from './sign-out';
export { putSurveyDraft } from './survey-drafts';
