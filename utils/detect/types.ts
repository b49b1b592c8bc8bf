import type { Claim, Money, Signal } from '../contract';

/** What the detectors look at: one page, as the content script (or the CLI) sees it. */
export interface PageSnapshot {
  url: string;
  document: Document;
  /**
   * Entries the main-world probe saw pushed to `window.dataLayer`, including
   * gtag `arguments` objects converted to arrays (see probe.ts).
   */
  dataLayer: unknown[];
}

/** One detector's raw signal about an order on the page. */
export interface Finding {
  kind: Signal;
  orderRef?: string;
  total?: Money;
  tax?: Money;
  shipping?: Money;
  /** Why something was skipped or how a value was read; for the activity log and the CLI. */
  note?: string;
  /**
   * Set when the page says this order is explicitly NOT a purchase (payment
   * due, cancelled, failed). Blocks a claim for the same order (or for any
   * order, when the finding has no orderRef).
   */
  veto?: string;
  /** The total was summed from line items because none was stated. */
  totalFromItems?: boolean;
  /** The page looks like an order confirmation (a thank-you heading or URL), whatever else was found. */
  confirmation?: boolean;
  /** ISO date of the order, when stated (used to pick the current order among several). */
  orderDate?: string;
}

export type DetectionResult =
  | { claim: Claim; found: Finding[] }
  | { claim: null; found: Finding[]; reason: string; why: NoClaim };

/**
 * Why a page earned nothing, as a code the popup translates ("Why no
 * points?"): `none` no sign of a purchase; `no-order-ref` it looked like an
 * order confirmation but named no order; `no-total` an order without a usable
 * total; `ambiguous` several orders, none the current one; `vetoed` failed,
 * pending or cancelled payment; `zero-value` nothing paid; `invalid` the
 * claim broke the contract's rules.
 */
export const NO_CLAIM_CODES = [
  'none',
  'no-order-ref',
  'no-total',
  'ambiguous',
  'vetoed',
  'zero-value',
  'invalid',
] as const;
export type NoClaimCode = (typeof NO_CLAIM_CODES)[number];
export interface NoClaim {
  code: NoClaimCode;
  /** The order the page named, when it named one. */
  orderRef?: string;
}
