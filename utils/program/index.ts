export { latestAttempts, REFUSAL_SHOWN_MS, recentRefusal } from './attempts';
export {
  COUPON_GROUPS,
  type CouponGroup,
  type CouponView,
  type CouponViewState,
  couponViews,
  groupCoupons,
} from './coupons';
export { type RewardState, type RewardView, rewardViews } from './rewards';
export { sortedTiers, type TierProgress, tierProgress } from './tier';
export { type WalletItem, walletFrom } from './wallet';
