import type { ServerEntry } from '../contract';
import type { LedgerEntry } from '../ledger';

/** A server entry as a local one, without the status and reason its kind decides. */
export function fromServer(e: ServerEntry): Omit<LedgerEntry, 'status' | 'reason'> {
  return {
    id: e.id,
    kind: e.kind,
    partnerId: e.partnerId,
    orderRef: e.orderRef,
    amount: e.amount,
    points: e.points,
    detail: e.reason ?? undefined,
    signals: [],
    // When it happened for the shopper, so the history keeps its order on any device.
    createdAt: Date.parse(e.occurredAt ?? e.at),
    ...(e.code ? { code: e.code } : {}),
    serverSeq: e.seq,
    ...(e.couponId ? { couponId: e.couponId } : {}),
    ...(e.coupons ? { coupons: e.coupons } : {}),
    ...(e.tierId ? { tierId: e.tierId } : {}),
    ...(e.voucher ? { voucher: e.voucher, rewardId: e.voucher.rewardId } : {}),
    ...(e.surveyId ? { surveyId: e.surveyId } : {}),
    ...(e.badge ? { badge: e.badge } : {}),
    ...(e.reported ? { reported: e.reported } : {}),
    ...(e.causeId ? { causeId: e.causeId } : {}),
  };
}
