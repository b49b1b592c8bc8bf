import type { ServerEntry, SyncResponse } from '../contract';
import {
  claimKeyOf,
  EMPTY_SYNC,
  type EntryReason,
  type LedgerDb,
  type LedgerEntry,
} from '../ledger';
import { applyAcks } from './apply-acks';
import { affectsProgram, applyProgramChange } from './apply-program';
import { applySurveyChange } from './apply-survey';
import { fromServer } from './from-server';

/**
 * Applies one sync response in a single transaction: acks settle outbox ops,
 * changes update the mirrored entries, then cursor and balances move. If the
 * worker dies half-way nothing is applied, and the next sync redoes it all
 * (acks and changes are idempotent).
 *
 * Returns whether the answer may have changed the member's tier, coupons,
 * rewards or surveys (the caller then fetches those again).
 */
export async function applySyncResponse(
  db: LedgerDb,
  res: SyncResponse,
  now: number,
): Promise<{ programChanged: boolean }> {
  return db.transaction('rw', db.entries, db.outbox, db.balances, db.meta, async () => {
    // settled: points of local claims the server has now answered for
    const { settled, programChanged: acked } = await applyAcks(db, res.acks);
    let programChanged = acked;
    for (const change of res.changes) {
      await applyChange(db, change);
      programChanged ||= affectsProgram(change);
    }
    const meta = (await db.meta.get('sync')) ?? EMPTY_SYNC;
    await db.meta.put({
      ...meta,
      // Never move backwards, even if a stale response arrives late.
      cursor: Math.max(meta.cursor, res.cursor),
      lastSyncAt: now,
      failures: 0,
      nextAttemptAt: undefined,
      lastError: undefined,
    });
    await refreshBalance(db, res, settled);
    return { programChanged };
  });
}

const ADDITIVE_REASON: Partial<Record<ServerEntry['kind'], EntryReason>> = {
  adjust: 'partial-return',
  bonus: 'bonus',
  expire: 'expired',
};

async function applyChange(db: LedgerDb, e: ServerEntry): Promise<void> {
  if ((await applyProgramChange(db, e)) || (await applySurveyChange(db, e))) return;
  switch (e.kind) {
    case 'claim': {
      // contested: another account claimed the same order; it stays pending, explained.
      const contested = e.code === 'contested';
      const mine = await db.entries.get(e.id);
      if (mine) {
        // The server's estimate wins, so local and server balances agree.
        const update: Partial<LedgerEntry> = {
          serverSeq: e.seq,
          points: e.points,
          ...(e.code ? { code: e.code } : {}),
        };
        if (mine.status === 'pending' && contested) update.reason = 'contested';
        else if (mine.status === 'pending' && mine.reason === 'awaiting-sync')
          update.reason = 'awaiting-partner';
        await db.entries.update(e.id, update);
        return;
      }
      // A claim made on another device of the same member.
      const key = e.partnerId && e.orderRef ? claimKeyOf(e.partnerId, e.orderRef) : undefined;
      const taken = key ? await db.entries.get({ claimKey: key }) : undefined;
      await db.entries.add({
        ...fromServer(e),
        status: 'pending',
        reason: contested ? 'contested' : 'awaiting-partner',
        claimKey: taken ? undefined : key,
      });
      return;
    }
    case 'confirm':
    case 'reject': {
      const claim = e.claimId ? await db.entries.get(e.claimId) : undefined;
      if (!claim) return; // unknown claim: nothing to settle locally
      if (e.kind === 'confirm') {
        await db.entries.update(claim.id, {
          status: 'confirmed',
          points: e.points,
          // Settling replaces the claim's code and detail (e.g. "other currency" no longer applies).
          code: e.code,
          detail:
            e.code === 'amount-changed' || e.code === 'welcome-released'
              ? (e.reason ?? undefined)
              : undefined,
          // welcome-released: the confirm settles the pending welcome bonus, not a purchase.
          reason: e.code === 'welcome-released' ? 'bonus' : 'confirmed-by-partner',
          ...(e.amount ? { amount: e.amount } : {}),
          ...(e.coupons ? { coupons: e.coupons } : {}),
        });
      } else {
        await db.entries.update(claim.id, {
          status: 'rejected',
          // not-buyer: the partner confirmed the order, but for another account.
          reason: e.code === 'not-buyer' ? 'not-buyer' : 'cancelled-by-partner',
          code: e.code,
          detail: e.reason ?? undefined,
        });
      }
      return;
    }
    case 'refusal': {
      // The device that sent it has its own entry (rejected by the ack); another
      // device, or this one after signing in again, gets it from the server.
      if (await db.entries.get(e.id)) return;
      await db.entries.add({
        ...fromServer(e),
        status: 'rejected',
        reason: 'rejected-by-server',
        code: e.refusal ?? 'invalid',
      });
      return;
    }
    default: {
      if (await db.entries.get(e.id)) return; // duplicate change
      // welcome-pending: the bonus waits for the member's first confirmed purchase.
      const waiting = e.kind === 'bonus' && e.code === 'welcome-pending';
      await db.entries.add({
        ...fromServer(e),
        status: waiting ? 'pending' : 'confirmed',
        reason: waiting ? 'welcome-pending' : (ADDITIVE_REASON[e.kind] ?? 'confirmed-by-partner'),
        claimId: e.claimId ?? undefined,
      });
    }
  }
}

/** The server's balance, plus local claims it has not acknowledged yet. */
async function refreshBalance(db: LedgerDb, res: SyncResponse, settled: number): Promise<void> {
  const bal = await db.balances.get('me');
  const unsent = Math.max(0, (bal?.unsent ?? 0) - settled);
  await db.balances.put({
    id: 'me',
    available: res.balance.available,
    pending: res.balance.pending + unsent,
    unsent,
    ...(res.balance.owed ? { owed: res.balance.owed } : {}),
  });
}
