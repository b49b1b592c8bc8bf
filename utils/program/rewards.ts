import type { EntryCode, RejectCode, Reward } from '../contract';
import type { LedgerEntry } from '../ledger';
import { latestAttempts, recentRefusal } from './attempts';

export type RewardState = 'redeemable' | 'redeeming' | 'sold-out' | 'too-few-points';

export interface RewardView {
  reward: Reward;
  state: RewardState;
  /** Points still missing (too-few-points), else 0. */
  missing: number;
  /** Why the latest redemption was refused, while that is recent. */
  refusal?: EntryCode | RejectCode;
}

/**
 * Each reward with what the shopper can do now: redeem it, wait for a
 * redemption on its way, or why not (sold out, too few available points).
 * Cheapest first.
 */
export function rewardViews(
  rewards: readonly Reward[],
  spends: readonly LedgerEntry[],
  available: number,
  now: number,
): RewardView[] {
  const latest = latestAttempts(
    spends.filter((e) => e.kind === 'spend'),
    (e) => e.rewardId,
  );
  return [...rewards]
    .sort((a, b) => a.pointsPrice - b.pointsPrice || a.id.localeCompare(b.id))
    .map((reward) => {
      const attempt = latest.get(reward.id);
      const missing = Math.max(0, reward.pointsPrice - available);
      const state: RewardState =
        attempt?.status === 'pending'
          ? 'redeeming'
          : !reward.available
            ? 'sold-out'
            : missing > 0
              ? 'too-few-points'
              : 'redeemable';
      const refusal = state === 'redeeming' ? undefined : recentRefusal(attempt, now);
      return {
        reward,
        state,
        missing: state === 'too-few-points' ? missing : 0,
        ...(refusal ? { refusal } : {}),
      };
    });
}
