import type { Op } from '../contract';
import type { LedgerDb, LedgerEntry } from './db';

export type ProgramOpResult = { status: 'recorded' | 'waiting'; entry: LedgerEntry };

type Target = { type: 'activate-coupon'; couponId: string } | { type: 'redeem'; rewardId: string };

/**
 * Writes a coupon activation or a redemption as a pending local entry (id =
 * op id) and its outbox op, in one transaction. The entry is worth 0 points
 * until the server answers: a redemption's price is only deducted by the
 * server's own 'spend' entry, so the balances never move on a guess.
 * While an earlier request for the same coupon or reward still waits, that
 * one is returned instead (a double click makes one op).
 */
export async function recordProgramOp(
  db: LedgerDb,
  target: Target,
  opts: { id?: string; now?: number; partnerId?: string | null } = {},
): Promise<ProgramOpResult> {
  const id = opts.id ?? crypto.randomUUID();
  const now = opts.now ?? Date.now();
  const createdAt = new Date(now).toISOString();
  const activate = target.type === 'activate-coupon';
  const entry: LedgerEntry = {
    id,
    kind: activate ? 'activate' : 'spend',
    partnerId: opts.partnerId ?? null,
    orderRef: null,
    amount: null,
    points: 0,
    status: 'pending',
    reason: activate ? 'activating' : 'redeeming',
    signals: [],
    createdAt: now,
    ...(activate ? { couponId: target.couponId } : { rewardId: target.rewardId }),
  };
  const op: Op = activate
    ? { id, type: 'activate-coupon', createdAt, couponId: target.couponId }
    : { id, type: 'redeem', createdAt, rewardId: target.rewardId };
  return db.transaction('rw', db.entries, db.outbox, async () => {
    const pending = await db.entries.where('status').equals('pending').toArray();
    const waiting = pending.find((e) =>
      activate
        ? e.kind === 'activate' && e.couponId === target.couponId
        : e.kind === 'spend' && e.rewardId === target.rewardId,
    );
    if (waiting) return { status: 'waiting', entry: waiting } as const;
    await db.entries.add(entry);
    await db.outbox.add({ id, op, createdAt: now, attempts: 0 });
    return { status: 'recorded', entry } as const;
  });
}
