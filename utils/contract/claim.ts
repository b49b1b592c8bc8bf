import { z } from 'zod';
import { Money } from './money';
import { PartnerId } from './partner';
import {
  CONFLICT_MAX,
  MAX_CONFLICTS,
  MAX_SIGNALS,
  ORDER_REF_FORBIDDEN,
  ORDER_REF_MAX,
  SIGNALS,
} from './rules';
import { StorableText } from './text';

/** Where a claim's facts were read from on the confirmation page. */
export const Signal = z.enum(SIGNALS);
export type Signal = z.infer<typeof Signal>;

export const OrderRef = StorableText.trim()
  .min(1, 'order reference is empty')
  .max(ORDER_REF_MAX)
  .refine((s) => !ORDER_REF_FORBIDDEN.test(s), 'order reference has control characters');

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
  signals: z.array(Signal).min(1).max(MAX_SIGNALS),
  /** Human-readable notes on detector disagreements resolved by precedence. */
  conflicts: z.array(StorableText.max(CONFLICT_MAX)).max(MAX_CONFLICTS).default([]),
});
export type Claim = z.infer<typeof Claim>;
export type ClaimInput = z.input<typeof Claim>;
