import { z } from 'zod';
import { OrderRef } from './claim';
import { Money } from './money';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'pointpilot-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const PartnerOrderEvent = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('confirm'),
    eventId: z.string().min(1).max(100),
    orderRef: OrderRef,
    /** The final order amount, if it differs from the claim. */
    amount: Money.optional(),
  }),
  z.object({
    event: z.literal('cancel'),
    eventId: z.string().min(1).max(100),
    orderRef: OrderRef,
    reason: z.string().max(300).optional(),
  }),
  z.object({
    event: z.literal('return'),
    eventId: z.string().min(1).max(100),
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
  /** The ledger entry the event posted (for returns, `points` is negative or 0). */
  entry: z.object({
    seq: z.number().int().positive(),
    kind: z.enum(['confirm', 'reject', 'adjust']),
    points: z.number().int(),
  }),
});
export type PartnerOrderResult = z.infer<typeof PartnerOrderResult>;
