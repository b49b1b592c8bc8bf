import { z } from 'zod';
import { OrderRef } from './claim';
import { Money } from './money';
import { StorableText } from './text';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'pointpilot-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const EventId = StorableText.min(1).max(100);

/**
 * Who bought the order, in a form only the partner can produce: the points go
 * to the claim whose member matches, never simply to whoever claimed first.
 * `emailHmac` is hex HMAC-SHA256(partner's webhook secret, "buyer-email:" +
 * the buyer's email trimmed and lower-cased); `memberNumber` is the loyalty
 * number the shop collected at checkout. Either one is enough.
 */
export const BuyerProof = z
  .object({
    emailHmac: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'lower-case hex HMAC-SHA256 expected')
      .optional(),
    memberNumber: z
      .string()
      .regex(/^\d{16}$/, '16-digit member number expected')
      .optional(),
  })
  .refine((b) => b.emailHmac !== undefined || b.memberNumber !== undefined, {
    message: 'buyer needs emailHmac or memberNumber',
  });
export type BuyerProof = z.infer<typeof BuyerProof>;

export const PartnerOrderEvent = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('confirm'),
    eventId: EventId,
    orderRef: OrderRef,
    buyer: BuyerProof,
    /** The final order amount, if it differs from the claim. */
    amount: Money.optional(),
  }),
  z.object({
    event: z.literal('cancel'),
    eventId: EventId,
    orderRef: OrderRef,
    /** Who cancelled: the shopper's own cancellation is shown neutrally. */
    cause: z.enum(['shopper', 'partner', 'payment']).default('partner'),
    /** The partner's own words, shown as a quoted detail. */
    reason: StorableText.max(300).optional(),
  }),
  z.object({
    event: z.literal('return'),
    eventId: EventId,
    orderRef: OrderRef,
    /** The amount refunded to the shopper. */
    amount: Money,
  }),
]);
export type PartnerOrderEvent = z.infer<typeof PartnerOrderEvent>;

/** The server's answer to an accepted PartnerOrderEvent (added with the backend, issue 5). */
export const PartnerOrderResult = z.object({
  eventId: z.string(),
  orderRef: z.string(),
  status: z.enum(['confirmed', 'rejected', 'adjusted']),
  /**
   * The buyer's ledger entry the event posted (for returns, `points` is
   * negative or 0); null for a cancellation that found no open claim.
   */
  entry: z
    .object({
      seq: z.number().int().positive(),
      kind: z.enum(['confirm', 'reject', 'adjust']),
      points: z.number().int(),
    })
    .nullable(),
});
export type PartnerOrderResult = z.infer<typeof PartnerOrderResult>;
