import { z } from 'zod';
import { Money } from './money';
import { PartnerId } from './partner';

/** Where a claim's facts were read from on the confirmation page. */
export const Signal = z.enum(['jsonld', 'microdata', 'datalayer', 'gtag', 'ua', 'rule']);
export type Signal = z.infer<typeof Signal>;

export const OrderRef = z
  .string()
  .trim()
  .min(1, 'order reference is empty')
  .max(128)
  // Control characters are never part of a real order number.
  .regex(/^[^\p{Cc}]+$/u, 'order reference has control characters');

/**
 * A purchase detected on a partner's order-confirmation page. Untrusted: it
 * stays pending until the partner confirms it. Exactly these facts leave the
 * browser (privacy promise): partner, order reference, amounts, time.
 */
export const Claim = z.object({
  partnerId: PartnerId,
  orderRef: OrderRef,
  total: Money,
  tax: Money.optional(),
  shipping: Money.optional(),
  detectedAt: z.iso.datetime(),
  /** Detectors that agree on order reference and total. */
  signals: z.array(Signal).min(1).max(10),
  /** Human-readable notes on detector disagreements resolved by precedence. */
  conflicts: z.array(z.string().max(300)).max(10).default([]),
});
export type Claim = z.infer<typeof Claim>;
export type ClaimInput = z.input<typeof Claim>;
