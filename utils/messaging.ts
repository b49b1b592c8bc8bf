import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Partner } from './contract';

/** What the background answers to a claim report; shown to the shopper by the content script. */
export type ClaimReply =
  | { status: 'recorded'; points: number }
  | { status: 'duplicate'; points: number }
  | { status: 'refused'; reason: string };

/**
 * Every message between contexts. Payloads that cross from a content script
 * are typed `unknown` on purpose: the background parses them with zod and
 * trusts nothing a web page could have influenced.
 */
interface ProtocolMap {
  /** partner content script → background: a purchase was detected. */
  reportClaim(claim: unknown): ClaimReply;
  /** partner content script → background: which partner is this tab (null: none / not enabled). */
  partnerForTab(): Partner | null;
  /** extension pages → background: the user granted or revoked partner sites. */
  permissionsChanged(): void;
}

// breakError: messages in any other format (not ours) are ignored, not answered with an error.
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>({
  breakError: true,
});
