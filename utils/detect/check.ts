import type { Claim, Money } from '../contract';
import {
  CONFLICT_MAX,
  CURRENCY_RE,
  isStorableText,
  MAX_CONFLICTS,
  MAX_SIGNALS,
  MONEY_MAX_MINOR,
  ORDER_REF_FORBIDDEN,
  ORDER_REF_MAX,
  PARTNER_ID_RE,
  SIGNALS,
} from '../contract/rules';

/**
 * The contract's Claim rules without zod, for the content script's size
 * budget. Same limits (utils/contract/rules.ts); a property test checks it
 * agrees with the zod schema. The background still parses with zod.
 */
export type ClaimCheck = { ok: true; claim: Claim } | { ok: false; reason: string };

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const SIGNAL_SET: ReadonlySet<string> = new Set(SIGNALS);

export function checkOrderRef(value: string): string | undefined {
  const s = value.trim();
  return s.length > 0 &&
    s.length <= ORDER_REF_MAX &&
    !ORDER_REF_FORBIDDEN.test(s) &&
    isStorableText(s)
    ? s
    : undefined;
}

function isMoney(m: unknown): m is Money {
  if (typeof m !== 'object' || m === null) return false;
  const { minor, currency } = m as Record<string, unknown>;
  return (
    typeof minor === 'number' &&
    Number.isInteger(minor) &&
    minor >= 0 &&
    minor <= MONEY_MAX_MINOR &&
    typeof currency === 'string' &&
    CURRENCY_RE.test(currency)
  );
}

export function checkClaim(input: {
  partnerId: string;
  orderRef: string;
  total: Money;
  tax?: Money;
  shipping?: Money;
  detectedAt: string;
  signals: string[];
  conflicts: string[];
}): ClaimCheck {
  const orderRef = checkOrderRef(input.orderRef);
  if (!PARTNER_ID_RE.test(input.partnerId)) return { ok: false, reason: 'partnerId: invalid' };
  if (!orderRef) return { ok: false, reason: 'orderRef: invalid' };
  if (!isMoney(input.total)) return { ok: false, reason: 'total: invalid amount' };
  if (input.tax !== undefined && !isMoney(input.tax))
    return { ok: false, reason: 'tax: invalid amount' };
  if (input.shipping !== undefined && !isMoney(input.shipping)) {
    return { ok: false, reason: 'shipping: invalid amount' };
  }
  if (!ISO_UTC.test(input.detectedAt) || Number.isNaN(Date.parse(input.detectedAt))) {
    return { ok: false, reason: 'detectedAt: not an ISO time' };
  }
  const { signals, conflicts } = input;
  if (
    signals.length < 1 ||
    signals.length > MAX_SIGNALS ||
    !signals.every((s) => SIGNAL_SET.has(s))
  ) {
    return { ok: false, reason: 'signals: invalid' };
  }
  if (
    conflicts.length > MAX_CONFLICTS ||
    conflicts.some((c) => c.length > CONFLICT_MAX || !isStorableText(c))
  ) {
    return { ok: false, reason: 'conflicts: too many or too long' };
  }
  const claim: Claim = {
    partnerId: input.partnerId,
    orderRef,
    total: input.total,
    ...(input.tax ? { tax: input.tax } : {}),
    ...(input.shipping ? { shipping: input.shipping } : {}),
    detectedAt: input.detectedAt,
    signals: signals as Claim['signals'],
    conflicts,
  };
  return { ok: true, claim };
}
