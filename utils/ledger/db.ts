import Dexie, { type EntityTable } from 'dexie';
import type {
  BadgeId,
  CouponList,
  EntryCode,
  EntryKind,
  LocalizedText,
  Money,
  Op,
  Program,
  RejectCode,
  RewardList,
  Signal,
  SurveyAnswers,
  SurveyList,
  Voucher,
} from '../contract';
import type { CauseList } from '../contract/donation';
import type { ActivityCategory } from './activity-filter';
import { addCategories, keepCategory } from './keep-category';

export type EntryStatus = 'pending' | 'confirmed' | 'rejected';

/**
 * Why an entry has its status, shown to the shopper. Codes, not text, so the
 * UI can translate them; `detail` carries the partner's or server's own words.
 */
export type EntryReason =
  | 'awaiting-sync' // recorded locally, not yet on the server
  | 'awaiting-partner' // on the server, waiting for the partner's confirmation
  | 'confirmed-by-partner'
  | 'cancelled-by-partner'
  | 'partial-return'
  | 'rejected-by-server' // a permanent rejection of the op (duplicate order, limit …)
  | 'contested' // another account claimed the same order too; the partner's buyer proof decides
  | 'not-buyer' // the partner confirmed this order for another account
  | 'bonus'
  | 'welcome-pending' // the welcome bonus, pending until the first confirmed purchase
  | 'spent'
  | 'expired'
  | 'activating' // a coupon activation made here, not yet answered by the server
  | 'coupon-activated'
  | 'redeeming' // a redemption made here, not yet answered by the server
  | 'donating' // a donation made here, not yet answered by the server
  | 'tier-changed'
  | 'survey-sending' // a completed survey made here, not yet answered by the server
  | 'survey-rewarded'
  | 'badge-earned';

/** One line of the local ledger: the client's view of a server entry, or its own unsynced claim. */
export interface LedgerEntry {
  /** Client-made UUID; also the sync op id and the server entry id. */
  id: string;
  kind: EntryKind;
  partnerId: string | null;
  orderRef: string | null;
  amount: Money | null;
  /** Points this entry is worth (pending estimate until confirmed; negative for spends). */
  points: number;
  status: EntryStatus;
  reason: EntryReason;
  /** Server's or partner's explanation for a rejection or adjustment (their words, a quoted detail). */
  detail?: string;
  /**
   * The server's machine-readable why (contract EntryCode, or the RejectCode
   * of a refused claim); the UI translates it before falling back to `reason`.
   */
  code?: EntryCode | RejectCode;
  signals: Signal[];
  /** Epoch ms of local creation; the activity list is ordered by it. */
  createdAt: number;
  /** Server sequence number once the server has the entry. */
  serverSeq?: number;
  /** Only on claims: "partnerId orderRef", unique, so one claim per partner+order. */
  claimKey?: string;
  /** For adjustments etc.: the claim entry they refer to. */
  claimId?: string;
  /** kind 'activate': the coupon activated. */
  couponId?: string;
  /** kind 'claim', once confirmed: the coupons that added points to it. */
  coupons?: string[];
  /** kind 'tier': the tier now held. */
  tierId?: string;
  /** kind 'spend' of a redemption: the reward asked for (known before the voucher arrives). */
  rewardId?: string;
  /** kind 'spend' of a confirmed redemption: the voucher (the wallet is made of these). */
  voucher?: Voucher;
  /** kind 'survey': the survey answered (a local one is pending until the server credits it). */
  surveyId?: string;
  /**
   * kind 'survey' sent from this device: the survey's title as it was listed,
   * so the history still names it once the list no longer has the survey.
   */
  surveyTitle?: LocalizedText;
  /** kind 'badge': the badge earned. */
  badge?: BadgeId;
  /** kind 'claim' the member reported as missing (not detected): the purchase day they gave. */
  reported?: { purchasedOn: string };
  /** kind 'spend' of a donation: the cause given to (issue 13). */
  causeId?: string;
  /**
   * The activity category (activity-filter.ts), derived from kind, status,
   * code and causeId by the table's hooks on every write: never set it by hand.
   */
  category?: ActivityCategory;
}

export const claimKeyOf = (partnerId: string, orderRef: string) => `${partnerId}\u0000${orderRef}`;

/** Sync state, kept in the ledger database so it commits together with what it describes. */
export interface SyncMeta {
  id: 'sync';
  /** Last server sequence number applied locally. */
  cursor: number;
  /** Epoch ms of the last successful exchange with the server. */
  lastSyncAt?: number;
  /** Consecutive failures, for backoff. */
  failures: number;
  /** Epoch ms before which no retry is attempted. */
  nextAttemptAt?: number;
  /** Last failure, shown in the popup ("offline", "server error 500" …). */
  lastError?: { kind: 'offline' | 'server' | 'auth' | 'response'; message: string; at: number };
}

/** Balances kept in the same transaction as entry writes, so reads are O(1). */
export interface BalanceRow {
  id: 'me';
  available: number;
  pending: number;
  /**
   * Pending points of claims the server has not acknowledged yet (part of
   * `pending`). Kept incrementally so applying a sync answer stays O(1)
   * however many claims wait.
   */
  unsent?: number;
  /** Points owed after a return of already spent points (the server's Balance.owed). */
  owed?: number;
}

/** Ops waiting to reach the server; written in the same transaction as their entry. */
export interface OutboxRow {
  id: string; // op id
  op: Op;
  createdAt: number;
  attempts: number;
  lastError?: string;
}

/**
 * The last program data fetched from the server, with its ETag: the
 * member's tier standing, their coupons and the rewards catalogue.
 */
export type ProgramRow =
  | { id: 'program'; data: Program; etag?: string; fetchedAt: number }
  | { id: 'coupons'; data: CouponList; etag?: string; fetchedAt: number }
  | { id: 'rewards'; data: RewardList; etag?: string; fetchedAt: number }
  | { id: 'surveys'; data: SurveyList; etag?: string; fetchedAt: number }
  | { id: 'causes'; data: CauseList; etag?: string; fetchedAt: number };
export type ProgramRowId = ProgramRow['id'];

/**
 * A survey in progress on this device: the answers so far and the question
 * shown last, so it resumes there after the popup closed, the browser
 * restarted or the worker was stopped. Deleted when the answers are sent.
 */
export interface SurveyDraft {
  surveyId: string;
  answers: SurveyAnswers;
  /** The question shown last (null: not started). */
  at: string | null;
  updatedAt: number;
}

export class LedgerDb extends Dexie {
  entries!: EntityTable<LedgerEntry, 'id'>;
  balances!: EntityTable<BalanceRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  meta!: EntityTable<SyncMeta, 'id'>;
  program!: EntityTable<ProgramRow, 'id'>;
  surveyDrafts!: EntityTable<SurveyDraft, 'surveyId'>;

  constructor(name = 'pointpilot-ledger') {
    super(name);
    // Version 1. Never edit a published version: add version(2) with an upgrade.
    this.version(1).stores({
      // &claimKey: the database itself guarantees one claim per partner+order.
      entries: 'id, &claimKey, createdAt, status, serverSeq, claimId',
      balances: 'id',
      outbox: 'id, createdAt',
      meta: 'id',
    });
    // Version 2 (issue 11): program data, and entries by kind (coupon activations, the wallet).
    this.version(2).stores({
      entries: 'id, &claimKey, createdAt, status, serverSeq, claimId, kind',
      program: 'id',
    });
    // Version 3 (issue 12): surveys in progress.
    this.version(3).stores({ surveyDrafts: 'surveyId' });
    // Version 4 (issue 13): the activity filtered by category and partner, newest first,
    // each one index range (fast with 10,000 entries). partnerId lists the partners in
    // the ledger (unique keys). Entries without a partner are simply not in its indexes.
    this.version(4)
      .stores({
        entries:
          'id, &claimKey, createdAt, status, serverSeq, claimId, kind, partnerId, ' +
          '[category+createdAt], [partnerId+createdAt], [partnerId+category+createdAt]',
      })
      .upgrade(addCategories);
    keepCategory(this.entries);
  }
}

let shared: LedgerDb | undefined;
/** The extension's ledger database (one per extension origin). */
export function ledgerDb(): LedgerDb {
  shared ??= new LedgerDb();
  return shared;
}

export const EMPTY_BALANCE: BalanceRow = { id: 'me', available: 0, pending: 0 };
export const EMPTY_SYNC: SyncMeta = { id: 'sync', cursor: 0, failures: 0 };
