import { z } from 'zod';
import { PartnerId } from './partner';
import {
  CURRENCY_RE,
  isStorableText,
  MONEY_MAX_MINOR,
  ORDER_REF_FORBIDDEN,
  ORDER_REF_MAX,
} from './rules';

/** Days after a purchase within which a member may report it as missing (catalogue default). */
export const DEFAULT_CLAIM_WINDOW_DAYS = 90;

/**
 * What a member reports about a purchase the extension did not record. Loose
 * on purpose: each field is judged by checkMissingPurchase (below), which the
 * popup, the background and the server all use, so every mistake gets its own
 * reject code instead of the generic 'invalid'.
 */
export const MissingPurchase = z.object({
  partnerId: PartnerId,
  orderRef: z.string().max(ORDER_REF_MAX * 4),
  /** The day of the purchase, YYYY-MM-DD, in the member's calendar. */
  purchasedOn: z.string().max(40),
  amount: z.object({ minor: z.number(), currency: z.string().max(16) }),
});
export type MissingPurchase = z.infer<typeof MissingPurchase>;

/** A purchase the member reports as missing; it becomes a pending claim like a detected one. */
export const MissingClaimOp = z.object({
  id: z.uuid(),
  type: z.literal('missing-claim'),
  createdAt: z.iso.datetime(),
  purchase: MissingPurchase,
});
export type MissingClaimOp = z.infer<typeof MissingClaimOp>;

export type MissingPurchaseProblem =
  | 'order-ref-invalid'
  | 'purchase-date-invalid'
  | 'outside-claim-window'
  | 'amount-invalid';

export type MissingPurchaseCheck =
  | { ok: true; purchase: MissingPurchase }
  | {
      ok: false;
      code: MissingPurchaseProblem;
      field: 'orderRef' | 'purchasedOn' | 'amount';
      reason: string;
    };

const DAY_MS = 86_400_000;

/** Epoch day of a real calendar date "YYYY-MM-DD", else null (2025-02-30 is null). */
export function epochDay(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = Date.UTC(y, mo - 1, d);
  const back = new Date(at);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return null;
  return at / DAY_MS;
}

/** "YYYY-MM-DD" of `epochDay`. */
export const dayString = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The first and last day a purchase may be reported for, seen from `today`. */
export function claimWindow(today: string, windowDays: number): { from: string; to: string } {
  const t = epochDay(today) ?? Math.floor(Date.now() / DAY_MS);
  return { from: dayString(t - windowDays), to: dayString(t) };
}

/**
 * Judges a reported purchase against its partner: a storable order
 * reference, a real date neither in the future nor before the partner's
 * claim window, an amount above 0 in integer minor units of the partner's
 * currency. `today` is the reporter's calendar day; `slackDays` widens both
 * ends for a server that does not know the member's time zone.
 */
export function checkMissingPurchase(
  input: MissingPurchase,
  ctx: {
    partner: { earn: { currency: string }; claimWindowDays?: number };
    today: string;
    slackDays?: number;
  },
): MissingPurchaseCheck {
  const orderRef = input.orderRef.trim();
  if (
    orderRef.length === 0 ||
    orderRef.length > ORDER_REF_MAX ||
    !isStorableText(orderRef) ||
    ORDER_REF_FORBIDDEN.test(orderRef)
  ) {
    return {
      ok: false,
      code: 'order-ref-invalid',
      field: 'orderRef',
      reason: `An order reference of 1 to ${ORDER_REF_MAX} characters without control characters`,
    };
  }
  const day = epochDay(input.purchasedOn);
  const today = epochDay(ctx.today);
  const slack = ctx.slackDays ?? 0;
  if (day === null || today === null || day > today + slack) {
    return {
      ok: false,
      code: 'purchase-date-invalid',
      field: 'purchasedOn',
      reason: 'The purchase date must be a real day, not in the future',
    };
  }
  const windowDays = ctx.partner.claimWindowDays ?? DEFAULT_CLAIM_WINDOW_DAYS;
  if (day < today - windowDays - slack) {
    return {
      ok: false,
      code: 'outside-claim-window',
      field: 'purchasedOn',
      reason: `Purchases can be reported up to ${windowDays} days afterwards`,
    };
  }
  const { minor, currency } = input.amount;
  const expected = ctx.partner.earn.currency;
  if (
    !Number.isSafeInteger(minor) ||
    minor <= 0 ||
    minor > MONEY_MAX_MINOR ||
    !CURRENCY_RE.test(currency) ||
    currency !== expected
  ) {
    return {
      ok: false,
      code: 'amount-invalid',
      field: 'amount',
      reason: `The amount must be above 0 ${expected}, in whole minor units of ${expected}`,
    };
  }
  return { ok: true, purchase: { ...input, orderRef } };
}

/** One pending missing-purchase report in a partner's feed (no member data: the buyer proof names the buyer). */
export const ReportedClaim = z.object({
  orderRef: z.string(),
  amount: z.object({ minor: z.number().int(), currency: z.string() }),
  purchasedOn: z.iso.date(),
  reportedAt: z.iso.datetime(),
  /** How many members claimed this order (detected or reported); above 1 the buyer proof decides. */
  claims: z.number().int().positive(),
});
export const ReportedClaimFeed = z.object({ claims: z.array(ReportedClaim) });
export type ReportedClaimFeed = z.infer<typeof ReportedClaimFeed>;

/**
 * What a partner signs to read its feed (there is no body): the method and
 * the path, e.g. "GET /v1/partners/demo-shop/reported-claims", in the same
 * header and HMAC as the webhook.
 */
export const feedSigningText = (path: string) => `GET ${path}`;

/** The member's calendar day of `at`, "YYYY-MM-DD", in this device's time zone. */
export function localDay(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}
