import { sql } from 'kysely';
import {
  type Ack,
  MAX_CHANGES_PER_PAGE,
  type RejectCode,
  type SyncResponse,
} from '../../utils/contract';
import type { Db } from '../db/schema';
import { inTx, type Tx } from '../db/tx';
import { applyClaimOps, type ClaimLimits } from './claim-ops';
import { applyActivateOps } from './coupon-ops';
import { applyDonateOps } from './donate-ops';
import { type IncomingOp, isClaim, newOfType } from './incoming-op';
import {
  type BalanceRow,
  entriesAfter,
  lockBalance,
  readBalance,
  toBalance,
  toBalanceRow,
} from './ledger';
import { applyMissingClaimOps } from './missing-claim-ops';
import { claimOpIds, storedAcks, storeRejection, storeVerdicts } from './op-store';
import { findPartner, type PartnerRecord } from './partners';
import { applyRedeemOps } from './redeem-ops';
import { recordRefusals } from './refusals';
import { applySurveyOps } from './survey-ops';

export type { IncomingOp } from './incoming-op';

export interface SyncLimits extends ClaimLimits {
  pageSize?: number;
}

/**
 * Applies the ops, then returns the member's changes after `cursor`.
 *
 * Empty poll (no ops): one primary-key read of the balances row. Because a
 * member's entries commit in seq order (see services/ledger.ts), last_seq <=
 * cursor proves there is nothing new and the ledger is not touched at all.
 */
export async function syncMember(
  db: Db,
  memberId: string,
  cursor: number,
  ops: IncomingOp[],
  limits: SyncLimits,
): Promise<SyncResponse> {
  const pageSize = limits.pageSize ?? MAX_CHANGES_PER_PAGE;
  if (ops.length === 0) {
    const balance = await readBalance(db, memberId);
    if (balance.last_seq <= cursor) {
      return { acks: [], changes: [], cursor, hasMore: false, balance: toBalance(balance) };
    }
    return page(db, memberId, cursor, pageSize, [], balance);
  }
  const run = (oneByOne: boolean) =>
    inTx(db, async (trx) => {
      await lockBalance(trx, memberId);
      const { acks, balance } = oneByOne
        ? await applyOneByOne(trx, memberId, ops, limits)
        : await applyOps(trx, memberId, ops, limits);
      return page(
        trx,
        memberId,
        cursor,
        pageSize,
        acks,
        balance ?? (await readBalance(trx, memberId)),
      );
    });
  try {
    return await run(false);
  } catch (err) {
    // The contract refuses everything known to be unstorable; this is the net
    // under it. A batch that fails on its data is redone one op at a time.
    if (!isOpsFault(err)) throw err;
    return run(true);
  }
}

async function page(
  db: Db | Tx,
  memberId: string,
  cursor: number,
  pageSize: number,
  acks: Ack[],
  balance: BalanceRow,
): Promise<SyncResponse> {
  const rows = await entriesAfter(db, memberId, cursor, pageSize + 1);
  const hasMore = rows.length > pageSize;
  const changes = hasMore ? rows.slice(0, pageSize) : rows;
  return {
    acks,
    changes,
    cursor: changes.length > 0 ? changes[changes.length - 1]!.seq : cursor,
    hasMore,
    balance: toBalance(balance),
  };
}

// Data exceptions (22xxx) and constraint violations (23xxx): the op's content
// is at fault, not the server, so it is that op's rejection, not a 500.
const isOpsFault = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown }).code ?? ''));

/**
 * Each op in its own savepoint: an op that fails alone is rejected alone,
 * the other ops are applied, and the batch is never a 500. Only taken after
 * the whole batch failed, so the usual path pays for no savepoints.
 */
async function applyOneByOne(
  trx: Tx,
  memberId: string,
  ops: IncomingOp[],
  limits: SyncLimits,
): Promise<Applied> {
  const acks: Ack[] = [];
  for (const o of ops) {
    await sql`SAVEPOINT one_op`.execute(trx);
    try {
      acks.push(...(await applyOps(trx, memberId, [o], limits)).acks);
      await sql`RELEASE SAVEPOINT one_op`.execute(trx);
    } catch (err) {
      if (!isOpsFault(err)) throw err;
      await sql`ROLLBACK TO SAVEPOINT one_op`.execute(trx);
      const reason = 'The server could not store this op';
      await storeRejection(trx, memberId, o.id, 'invalid', reason);
      acks.push({ opId: o.sentId, status: 'rejected', code: 'invalid', reason });
    }
  }
  return { acks };
}

/** The batch's acks, and the balance row when the batch already read it back. */
interface Applied {
  acks: Ack[];
  balance?: BalanceRow;
}

async function applyOps(
  trx: Tx,
  memberId: string,
  ops: IncomingOp[],
  limits: SyncLimits,
): Promise<Applied> {
  // The same op twice in one request is handled once and answered twice.
  const unique = [...new Map(ops.map((o) => [o.id, o])).values()];
  const partners = await findPartners(
    trx,
    unique.flatMap((o) => (isClaim(o) ? [o.op.claim.partnerId] : [])),
  );
  const verdicts = new Map<string, Ack>();
  const reject = (id: string, code: RejectCode, reason: string) =>
    verdicts.set(id, { opId: id, status: 'rejected', code, reason: reason.slice(0, 500) });
  for (const o of unique) {
    if ('invalid' in o) reject(o.id, 'invalid', o.invalid);
    else if (isClaim(o) && !partners.has(o.op.claim.partnerId)) {
      reject(o.id, 'unknown-partner', `No partner "${o.op.claim.partnerId}"`);
    }
  }

  // 1. Claim the op ids. Rows start as provisional verdicts, fixed in step 3.
  const isNew = await claimOpIds(
    trx,
    memberId,
    unique.map((o) => {
      const v = verdicts.get(o.id);
      return v?.status === 'rejected'
        ? { id: o.id, status: 'rejected', code: v.code, reason: v.reason }
        : { id: o.id, status: 'accepted', code: null, reason: null };
    }),
  );
  const seen = unique.filter((o) => !isNew.has(o.id)).map((o) => o.id);
  for (const ack of await storedAcks(trx, memberId, seen)) verdicts.set(ack.opId, ack);

  // 2. The new, valid ops, by kind (one module per op kind), in the request's
  // order of kinds: activations before claims, so "activate, then buy" sent in
  // one batch lets the claim use the coupon; redemptions, then survey answers last.
  const activated = await applyActivateOps(
    trx,
    memberId,
    newOfType(unique, 'activate-coupon', isNew, verdicts),
    reject,
  );
  for (const [id, ack] of activated.accepted) verdicts.set(id, ack);
  const claims = newOfType(unique, 'claim', isNew, verdicts);
  const applied = await applyClaimOps(trx, memberId, claims, partners, limits, reject);
  for (const [id, ack] of applied.accepted) verdicts.set(id, ack);
  // Purchases the member reported as missing: claims too, after the detected ones.
  const reported = await applyMissingClaimOps(
    trx,
    memberId,
    newOfType(unique, 'missing-claim', isNew, verdicts),
    limits,
    reject,
  );
  for (const [id, ack] of reported.accepted) verdicts.set(id, ack);
  const refusalSeq = await recordRefusals(
    trx,
    memberId,
    unique.flatMap((o) => (isNew.has(o.id) && isClaim(o) ? [{ id: o.id, op: o.op }] : [])),
    verdicts,
    (id) => partners.has(id),
  );
  const redeemed = await applyRedeemOps(
    trx,
    memberId,
    newOfType(unique, 'redeem', isNew, verdicts),
    reject,
  );
  for (const [id, ack] of redeemed.accepted) verdicts.set(id, ack);
  // Donations spend like redemptions, after them in the same balance.
  const donated = await applyDonateOps(
    trx,
    memberId,
    newOfType(unique, 'donate', isNew, verdicts),
    reject,
  );
  for (const [id, ack] of donated.accepted) verdicts.set(id, ack);
  const answered = await applySurveyOps(
    trx,
    memberId,
    newOfType(unique, 'survey-answer', isNew, verdicts),
    reject,
  );
  for (const [id, ack] of answered.accepted) verdicts.set(id, ack);

  // 3. Final verdicts of this request's ops, and the balance. An accepted
  // claim's seq is its entry's (entry id = op id), so its row needs no update.
  await storeVerdicts(
    trx,
    [...isNew].map((id) => verdicts.get(id)!),
    new Set([...applied.accepted.keys(), ...reported.accepted.keys()]),
  );
  // The op modules that move `available` do it themselves; pending moves here.
  const lastSeq = Math.max(
    applied.lastSeq,
    reported.lastSeq,
    refusalSeq,
    activated.lastSeq,
    redeemed.lastSeq,
    donated.lastSeq,
    answered.lastSeq,
  );
  const acks = ops.map((o) => ({ ...verdicts.get(o.id)!, opId: o.sentId }));
  if (lastSeq === 0) return { acks };
  const { rows } = await sql<BalanceRow>`
    UPDATE balances SET pending = pending + ${applied.pendingDelta + reported.pendingDelta},
      last_seq = GREATEST(last_seq, ${lastSeq})
    WHERE member_id = ${memberId}
    RETURNING available, pending, lifetime, qualifying, last_seq, owed`.execute(trx);
  return { acks, balance: rows[0] ? toBalanceRow(rows[0]) : undefined };
}

async function findPartners(trx: Tx, ids: string[]): Promise<Map<string, PartnerRecord>> {
  const found = new Map<string, PartnerRecord>();
  for (const id of new Set(ids)) {
    const p = await findPartner(trx, id);
    if (p) found.set(id, p);
  }
  return found;
}
