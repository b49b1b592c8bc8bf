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
  /** ISO date of the order, when stated (used to pick the current order among several). */
  orderDate?: string;
}

export type DetectionResult =
  | { claim: Claim; found: Finding[] }
  | { claim: null; found: Finding[]; reason: string };
