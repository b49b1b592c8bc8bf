import { defineExtensionMessaging } from '@webext-core/messaging';
import type en from '../public/_locales/en/messages.json';
import type { BannerHidden } from './banner/prefs';
import type { Partner, ReferralOutcome } from './contract';
import type { UnsentPurchase } from './ledger';
import type { EarnRules } from './loyalty/earn';
import type { Messages } from './settings/messages';
import type { ThemeChoice } from './settings/prefs';

/** A user-facing error: a message key from public/_locales (translated by the page). */
export type ErrorKey = Extract<keyof typeof en, `error${string}`>;

/** What the background answers to a claim report; shown to the shopper by the content script. */
export type ClaimReply =
  | { status: 'recorded'; points: number }
  | { status: 'duplicate'; points: number }
  | { status: 'refused'; reason: string };

/** What the on-site banner needs, from the background (entrypoints/background/banner.ts). */
export interface BannerInfo {
  partner: Pick<
    Partner,
    'id' | 'name' | 'earn' | 'requiresActivation' | 'activationHours' | 'confirmationDays'
  >;
  /** Null: show it; else why it stays away (the page still collects). */
  hidden: BannerHidden | null;
  /** For a partner that needs activation: until when it holds (epoch ms), null when not active. */
  activeUntil: number | null;
  /** The rules a purchase here would earn under now (tier, activated coupons): the preview. */
  rules: EarnRules;
  theme: ThemeChoice;
  /** The language chosen in the settings when it is not the browser's (its bundled messages). */
  language?: { locale: string; messages: Messages };
}

/**
 * Answer to a request from an extension page. `error` is a message key the
 * page translates; `detail` is the server's own words, if it gave any.
 */
export type PageReply =
  | { ok: true }
  | {
      ok: false;
      error: ErrorKey;
      detail?: string;
      /** Seconds until the server accepts this again (its Retry-After on a 429). */
      retryAfter?: number;
    };

/** Answer to a sign-in: with a referral code sent, whether it referred this sign-in. */
export type SignInReply =
  | { ok: true; referral?: ReferralOutcome }
  | Extract<PageReply, { ok: false }>;

/** Answer to a coupon activation or a redemption: the op (= its ledger entry) now waiting to be sent. */
export type OpReply = { ok: true; opId: string } | Extract<PageReply, { ok: false }>;

/**
 * Answer to a missing-purchase report (entrypoints/background/missing-claim-ops.ts):
 * its op now waits to be sent, or why nothing was written and which field it concerns.
 */
export type MissingPurchaseReply =
  | { ok: true; opId: string }
  | {
      ok: false;
      error: ErrorKey;
      field?: 'partnerId' | 'orderRef' | 'purchasedOn' | 'amount';
    };

/** What signing out now would lose: a purchase the server has not received yet. */
export interface UnsentPurchaseInfo extends UnsentPurchase {
  /** The partner's name from the catalogue, if the partner is known. */
  partnerName?: string;
}

/**
 * Sign-out's answer. `errorUnsent`: nothing was deleted, because these
 * purchases have not reached the server; ask again with `{ unsent: 'keep' }`
 * to sign out keeping them on this device.
 */
export type SignOutReply =
  | PageReply
  | { ok: false; error: 'errorUnsent'; unsent: UnsentPurchaseInfo[] };

/** How sign-out treats purchases not yet sent. Omitted: refuse while there are any. */
export interface SignOutRequest {
  unsent?: 'keep';
}

/**
 * Every message between contexts. Payloads are typed `unknown` where they
 * arrive from a context we do not fully control: the background parses them
 * with zod and checks the sender before acting.
 */
interface ProtocolMap {
  /** partner content script → background: a purchase was detected. */
  reportClaim(claim: unknown): ClaimReply;
  /** partner content script → background: which partner is this tab (null: none / not enabled). */
  partnerForTab(): Partner | null;
  /** partner content script → background: the banner for this tab (null: not an enabled partner). */
  bannerForTab(): BannerInfo | null;
  /** partner content script → background: *Activate* pressed (a trusted click); until when it holds. */
  activatePartner(): { activeUntil: number } | null;
  /** popup → background: `{ partnerId }`, *Activate* for a partner that needs it (as on its page). */
  activatePartnerFromPopup(data: unknown): PageReply;
  /** partner content script → background: the banner closed, for a while or (`never`) on this site. */
  dismissBanner(data: unknown): { ok: boolean };
  /** extension pages → background: the user granted or revoked partner sites. */
  permissionsChanged(): PageReply;
  /** extension pages → background: account and sync. */
  startSignIn(data: unknown): PageReply;
  verifySignIn(data: unknown): SignInReply;
  /** `data`: a SignOutRequest (or nothing), parsed by the background. */
  signOut(data: unknown): SignOutReply;
  setBackendUrl(data: unknown): PageReply;
  syncNow(): PageReply;
  /** settings → background: empty every IndexedDB table and storage.local (signs out). */
  deleteAllData(): PageReply;
  /** popup → background: `{ couponId }` / `{ rewardId }`, parsed by the background. */
  activateCoupon(data: unknown): OpReply;
  redeemReward(data: unknown): OpReply;
  /** popup → background: `{ causeId, points }`, a confirmed donation (entrypoints/background/donate-ops.ts). */
  donatePoints(data: unknown): OpReply;
  /** popup → background: `{ surveyId, answers, at }`, a survey in progress (kept for resuming). */
  saveSurveyDraft(data: unknown): PageReply;
  /** popup → background: `{ surveyId, answers }`, a completed survey: its op, then a sync soon. */
  submitSurvey(data: unknown): OpReply;
  /** popup → background: a MissingPurchase the member reports (checked again there). */
  reportMissingPurchase(data: unknown): MissingPurchaseReply;
}

// breakError: messages in any other format (not ours) are ignored, not answered with an error.
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>({
  breakError: true,
});
