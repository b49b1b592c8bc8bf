import { z } from 'zod';
import { Claim } from './claim';
import { Money } from './money';
import { PartnerId } from './partner';

/** A client mutation. Its `id` is the idempotency key and the id of the entry it creates. */
export const ClaimOp = z.object({
  id: z.uuid(),
  type: z.literal('claim'),
  createdAt: z.iso.datetime(),
  claim: Claim,
});
// Later op types (spend, survey answer, donation) join this union under new names.
export const Op = z.discriminatedUnion('type', [ClaimOp]);
export type Op = z.infer<typeof Op>;

export const MAX_OPS_PER_SYNC = 100;
export const MAX_CHANGES_PER_PAGE = 500;

export const SyncRequest = z.object({
  /** The last server sequence number the client has applied (0 = nothing yet). */
  cursor: z.number().int().nonnegative().default(0),
  ops: z.array(Op).max(MAX_OPS_PER_SYNC).default([]),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

/**
 * Why the server permanently refused an op. A rejected op is never retried;
 * the client shows the reason. (Transient trouble is an HTTP error instead.)
 */
export const RejectCode = z.enum([
  'duplicate-order', // this member already claimed the order, or the partner has settled it
  'unknown-partner',
  'claim-limit', // fraud limit per member and partner reached
  'amount-too-high', // more points than the partner's cap for one order
  'invalid',
]);
export type RejectCode = z.infer<typeof RejectCode>;

export const Ack = z.discriminatedUnion('status', [
  z.object({ opId: z.uuid(), status: z.literal('accepted'), seq: z.number().int().positive() }),
  z.object({
    opId: z.uuid(),
    status: z.literal('rejected'),
    code: RejectCode,
    reason: z.string().max(500),
  }),
]);
export type Ack = z.infer<typeof Ack>;

/**
 * One append-only server ledger entry. A claim enters as `claim` (pending);
 * later entries settle it (`confirm`, `reject`) or adjust it (`adjust` for a
 * partial return, negative points). `points` is the entry's own effect:
 * for `claim` the points it would earn (pending), for `confirm` the points
 * made available, for `adjust` a negative number.
 */
export const EntryKind = z.enum([
  'claim',
  'confirm',
  'reject',
  'adjust',
  'bonus',
  'spend',
  'expire',
  // A claim the server refused (its op's id, 0 points), kept so the history is complete.
  'refusal',
]);
export type EntryKind = z.infer<typeof EntryKind>;

/**
 * Why an entry is as it is, as a code the UI translates (optional, so older
 * servers and clients keep working); any text in `reason` is only a detail
 * in the server's or partner's own words:
 * - contested: another member claimed the same order; the partner's buyer proof decides
 * - not-buyer: the partner confirmed the order for another member
 * - welcome-pending: the welcome bonus, available with the first confirmed purchase
 * - welcome-released: that bonus made available
 * - other-currency: a claim paid in another currency; the partner sets the points
 * - amount-changed: confirmed for another amount than claimed
 * - cancelled-by-shopper / cancelled-by-partner / payment-failed: why an order was cancelled
 * - partial-return: points taken back for a return
 * - refused: a claim the server refused (kind 'refusal'); `refusal` says why
 */
export const EntryCode = z.enum([
  'contested',
  'not-buyer',
  'welcome-pending',
  'welcome-released',
  'other-currency',
  'amount-changed',
  'cancelled-by-shopper',
  'cancelled-by-partner',
  'payment-failed',
  'partial-return',
  'refused',
]);
export type EntryCode = z.infer<typeof EntryCode>;

export const ServerEntry = z.object({
  seq: z.number().int().positive(),
  id: z.uuid(),
  kind: EntryKind,
  /** For settling entries: the claim entry they refer to. */
  claimId: z.uuid().nullable(),
  partnerId: PartnerId.nullable(),
  orderRef: z.string().nullable(),
  amount: Money.nullable(),
  points: z.number().int(),
  reason: z.string().max(500).nullable(),
  code: EntryCode.optional(),
  /** For kind 'refusal': the op's rejection code. */
  refusal: RejectCode.optional(),
  at: z.iso.datetime(),
  /** When it happened for the shopper (a claim's detection on the device); default `at`. */
  occurredAt: z.iso.datetime().optional(),
});
export type ServerEntry = z.infer<typeof ServerEntry>;

export const Balance = z.object({
  /** Confirmed points that can be spent. Never negative. */
  available: z.number().int().nonnegative(),
  /** Points of claims still waiting for the partner. */
  pending: z.number().int().nonnegative(),
});
export type Balance = z.infer<typeof Balance>;

export const SyncResponse = z.object({
  acks: z.array(Ack),
  changes: z.array(ServerEntry),
  /** Pass back as the next request's cursor. */
  cursor: z.number().int().nonnegative(),
  /** More changes wait after `cursor`: sync again at once. */
  hasMore: z.boolean(),
  balance: Balance,
});
export type SyncResponse = z.infer<typeof SyncResponse>;
