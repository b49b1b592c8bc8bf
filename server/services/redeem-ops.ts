import type { z } from 'zod';
import type { RedeemOp } from '../../utils/contract';
import type { Tx } from '../db/tx';
import type { Reject } from './claim-ops';
import type { OpsApplied } from './coupon-ops';

export type RedeemOpT = z.infer<typeof RedeemOp>;

/**
 * Applies new, valid redeem ops. The caller holds the member's balances lock.
 * TODO(issue 11): price, code pool, lots.
 */
export async function applyRedeemOps(
  _trx: Tx,
  _memberId: string,
  ops: { id: string; op: RedeemOpT }[],
  reject: Reject,
): Promise<OpsApplied> {
  for (const o of ops) reject(o.id, 'unknown-reward', `No reward "${o.op.rewardId}"`);
  return { accepted: new Map(), lastSeq: 0 };
}
