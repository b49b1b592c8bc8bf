import type { z } from 'zod';
import type { Ack, RedeemOp, Voucher } from '../../utils/contract';
import type { Tx } from '../db/tx';
import type { Reject } from './claim-ops';
import type { OpsApplied } from './coupon-ops';
import { readBalance, spend } from './ledger';
import { existingEntryIds } from './op-store';
import { findRewards, hasFreeCode, takeCode } from './rewards';

export type RedeemOpT = z.infer<typeof RedeemOp>;

const DAY_MS = 86_400_000;

/**
 * Applies new, valid redeem ops in request order, so a batch whose
 * redemptions together exceed the balance gets the later ones refused. The
 * caller (services/sync.ts) holds the member's balances lock, so the balance
 * read here stays true until commit; the conditional UPDATE in spend() is the
 * guard all the same. An accepted op is one 'spend' entry with the op's id,
 * its voucher in meta (the member's wallet, served through sync).
 */
export async function applyRedeemOps(
  trx: Tx,
  memberId: string,
  ops: { id: string; op: RedeemOpT }[],
  reject: Reject,
): Promise<OpsApplied> {
  const out: OpsApplied = { accepted: new Map<string, Ack>(), lastSeq: 0 };
  if (ops.length === 0) return out;
  const rewards = await findRewards(trx, [...new Set(ops.map((o) => o.op.rewardId))]);
  const usedIds = await existingEntryIds(
    trx,
    memberId,
    ops.map((o) => o.id),
  );
  for (const { id, op } of ops) {
    const reward = rewards.get(op.rewardId);
    if (usedIds.has(id)) {
      // An op id the client copied from an entry of its history.
      reject(id, 'invalid', 'This op id is already used');
      continue;
    }
    if (!reward?.active) {
      reject(id, 'unknown-reward', `No reward "${op.rewardId}"`);
      continue;
    }
    if (!(await hasFreeCode(trx, reward.id))) {
      reject(id, 'reward-sold-out', `No codes of "${reward.id}" are left`);
      continue;
    }
    const { available } = await readBalance(trx, memberId);
    if (available < reward.points_price) {
      reject(
        id,
        'insufficient-points',
        `${reward.points_price} points needed, ${available} available`,
      );
      continue;
    }
    // Checked above, but taken only now: another member may have had the last one.
    const code = await takeCode(trx, reward.id, id);
    if (code === null) {
      reject(id, 'reward-sold-out', `No codes of "${reward.id}" are left`);
      continue;
    }
    const voucher: Voucher = {
      rewardId: reward.id,
      code,
      value: { minor: Number(reward.value_minor), currency: reward.currency },
      partnerId: reward.partner_id,
      expiresAt: new Date(Date.now() + reward.valid_days * DAY_MS).toISOString(),
    };
    const spent = await spend(trx, {
      id,
      memberId,
      points: reward.points_price,
      reason: null,
      partnerId: reward.partner_id,
      meta: { voucher },
    });
    // Cannot happen under the member's lock; if it did, nothing may commit.
    if (!spent) throw new Error(`redemption ${id}: balance changed under the lock`);
    out.accepted.set(id, { opId: id, status: 'accepted', seq: spent.seq });
    out.lastSeq = Math.max(out.lastSeq, spent.seq);
  }
  return out;
}
