import type { z } from 'zod';
import type { Ack } from '../../utils/contract';
import { checkDonation, type DonateOp } from '../../utils/contract/donation';
import type { Tx } from '../db/tx';
import { findCauses } from './causes';
import type { Reject } from './claim-ops';
import type { OpsApplied } from './coupon-ops';
import { readBalance, spend } from './ledger';
import { existingEntryIds } from './op-store';

export type DonateOpT = z.infer<typeof DonateOp>;

/**
 * Applies new, valid donate ops in request order, so a batch whose donations
 * (and redemptions before them) together exceed the balance gets the later
 * ones refused. The caller (services/sync.ts) holds the member's balances
 * lock; spend()'s conditional UPDATE is the guard all the same, so available
 * never goes below zero. An accepted op is one 'spend' entry with the op's
 * id, code 'donation' and meta.causeId, its points taken from the oldest lots.
 * A repeated op id never gets here: the ops table answers it with its first ack.
 */
export async function applyDonateOps(
  trx: Tx,
  memberId: string,
  ops: { id: string; op: DonateOpT }[],
  reject: Reject,
): Promise<OpsApplied> {
  const out: OpsApplied = { accepted: new Map<string, Ack>(), lastSeq: 0 };
  if (ops.length === 0) return out;
  const causes = await findCauses(trx, [...new Set(ops.map((o) => o.op.causeId))]);
  const usedIds = await existingEntryIds(
    trx,
    memberId,
    ops.map((o) => o.id),
  );
  for (const { id, op } of ops) {
    const cause = causes.get(op.causeId);
    if (usedIds.has(id)) {
      // An op id the client copied from an entry of its history.
      reject(id, 'invalid', 'This op id is already used');
      continue;
    }
    if (!cause?.active) {
      reject(id, 'unknown-cause', `No cause "${op.causeId}"`);
      continue;
    }
    const { available } = await readBalance(trx, memberId);
    const check = checkDonation(op.points, { minPoints: cause.min_points }, available);
    if (!check.ok) {
      const reason =
        check.code === 'donation-below-minimum'
          ? `At least ${cause.min_points} points for "${cause.id}", ${op.points} given`
          : check.code === 'insufficient-points'
            ? `${op.points} points given, ${available} available`
            : 'Invalid points';
      reject(id, check.code, reason);
      continue;
    }
    const spent = await spend(trx, {
      id,
      memberId,
      points: check.points,
      reason: null,
      code: 'donation',
      meta: { causeId: cause.id },
    });
    // Cannot happen under the member's lock; if it did, nothing may commit.
    if (!spent) throw new Error(`donation ${id}: balance changed under the lock`);
    out.accepted.set(id, { opId: id, status: 'accepted', seq: spent.seq });
    out.lastSeq = Math.max(out.lastSeq, spent.seq);
  }
  return out;
}
