import type { z } from 'zod';
import type { Ack, ActivateCouponOp } from '../../utils/contract';
import type { Tx } from '../db/tx';
import type { Reject } from './claim-ops';

export type ActivateOpT = z.infer<typeof ActivateCouponOp>;

export interface OpsApplied {
  accepted: Map<string, Ack>;
  /** Highest seq written (0: none). */
  lastSeq: number;
}

/**
 * Applies new, valid activate-coupon ops. The caller holds the member's
 * balances lock. TODO(issue 11): validity, targeting, limits, stock.
 */
export async function applyActivateOps(
  _trx: Tx,
  _memberId: string,
  ops: { id: string; op: ActivateOpT }[],
  reject: Reject,
): Promise<OpsApplied> {
  for (const o of ops) reject(o.id, 'unknown-coupon', `No coupon "${o.op.couponId}"`);
  return { accepted: new Map(), lastSeq: 0 };
}
