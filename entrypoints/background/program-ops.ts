import { z } from 'zod';
import { loadAccount } from '@/utils/account/storage';
import { CouponId, RewardId } from '@/utils/contract';
import { type LedgerDb, ledgerDb, readProgram, recordProgramOp } from '@/utils/ledger';
import type { OpReply } from '@/utils/messaging';
import { syncSoon } from './sync';

const ActivateRequest = z.strictObject({ couponId: CouponId });
const RedeemRequest = z.strictObject({ rewardId: RewardId });

/** Activations, redemptions and surveys act on an account's points: only while signed in. */
export async function signedIn(): Promise<boolean> {
  const account = await loadAccount();
  return Boolean(account.token) && !account.needsSignIn;
}

/**
 * The popup asks to activate a coupon: a pending 'activate' entry and its
 * op, then a sync soon. The server decides (it may refuse: expired, sold out …).
 */
export async function activateCoupon(data: unknown, db: LedgerDb = ledgerDb()): Promise<OpReply> {
  const req = ActivateRequest.safeParse(data);
  if (!req.success) return { ok: false, error: 'errorGeneric' };
  if (!(await signedIn())) return { ok: false, error: 'errorSignInForProgram' };
  const { coupons } = await readProgram(db);
  const coupon = coupons?.coupons.find((c) => c.id === req.data.couponId);
  const out = await recordProgramOp(
    db,
    { type: 'activate-coupon', couponId: req.data.couponId },
    { partnerId: coupon?.partnerId ?? null },
  );
  syncSoon();
  return { ok: true, opId: out.entry.id };
}

/** The popup asks to redeem a reward (the shopper confirmed): a pending 'spend' of 0 points and its op. */
export async function redeemReward(data: unknown, db: LedgerDb = ledgerDb()): Promise<OpReply> {
  const req = RedeemRequest.safeParse(data);
  if (!req.success) return { ok: false, error: 'errorGeneric' };
  if (!(await signedIn())) return { ok: false, error: 'errorSignInForProgram' };
  const { rewards } = await readProgram(db);
  const reward = rewards?.rewards.find((r) => r.id === req.data.rewardId);
  const out = await recordProgramOp(
    db,
    { type: 'redeem', rewardId: req.data.rewardId },
    { partnerId: reward?.partnerId ?? null },
  );
  syncSoon();
  return { ok: true, opId: out.entry.id };
}
