import type { DetectionResult, Finding, NoClaimCode } from './types';

/** A result without a claim: the reason in words (CLI, logs) and as a code for the popup. */
export function noClaim(
  found: Finding[],
  code: NoClaimCode,
  reason: string,
  orderRef?: string,
): DetectionResult {
  return { claim: null, found, reason, why: orderRef ? { code, orderRef } : { code } };
}
