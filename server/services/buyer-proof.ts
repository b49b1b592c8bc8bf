import { createHmac } from 'node:crypto';
import type { BuyerProof } from '../../utils/contract';
import { sameText as same } from './hash';

/**
 * The partner's proof of who bought an order (contract BuyerProof): hex
 * HMAC-SHA256(webhook secret, "buyer-email:" + email trimmed, lower-cased).
 * The partner knows the buyer's email and the secret; an impostor neither.
 */
export const buyerEmailHmac = (secret: string, email: string): string =>
  createHmac('sha256', secret).update(`buyer-email:${email.trim().toLowerCase()}`).digest('hex');

/** Whether the proof names this member (by email or by member number). */
export function provesBuyer(
  proof: BuyerProof,
  member: { email: string; member_number: string },
  secret: string,
): boolean {
  if (proof.memberNumber !== undefined && same(proof.memberNumber, member.member_number))
    return true;
  return (
    proof.emailHmac !== undefined && same(proof.emailHmac, buyerEmailHmac(secret, member.email))
  );
}
