import type { Money } from '../contract';
import { moneyFrom } from '../money';
import type { Finding } from './types';
import { errorText, isRecord, LIMITS, orderRefFrom, prop } from './values';

/**
 * schema.org `Order` in JSON-LD — what Shopify order status pages, many
 * WooCommerce/Shopware SEO plugins and Gmail's order markup emit.
 * Handles `@graph`, top-level arrays, `@id` references, `totalPaymentDue` as
 * PriceSpecification / MonetaryAmount / number, `price`+`priceCurrency` on
 * the Order, and falls back to summing `acceptedOffer`s.
 * An Order whose `orderStatus` / `paymentStatus` says payment due, cancelled,
 * problem, returned or declined yields a veto, not a purchase.
 *
 * Test URLs: any Shopify /orders/<token> status page; WooCommerce with
 * "Schema & Structured Data for WP" on /checkout/order-received/<id>/.
 */

const BAD_STATUS = new Set(['PaymentDue', 'Cancelled', 'Problem', 'Returned']);
const BAD_PAYMENT = new Set(['PaymentDue', 'PaymentDeclined', 'PaymentPastDue']);

export function detectJsonLd(doc: Document): Finding[] {
  const out: Finding[] = [];
  const scripts = Array.from(doc.querySelectorAll('script')).filter(
    (s) =>
      (s.getAttribute('type') ?? '').split(';')[0]!.trim().toLowerCase() === 'application/ld+json',
  );
  const orders: Record<string, unknown>[] = [];
  for (const script of scripts.slice(0, LIMITS.items)) {
    const parsed = parseLenient(script.textContent ?? '');
    if (!parsed.ok) {
      out.push({ kind: 'jsonld', note: `malformed JSON-LD block skipped (${parsed.reason})` });
      continue;
    }
    const ids = new Map<string, Record<string, unknown>>();
    collect(parsed.value, 0, (node) => {
      const id = prop(node, '@id');
      if (typeof id === 'string' && Object.keys(node).length > 1) ids.set(id, node);
    });
    collect(parsed.value, 0, (node) => {
      if (hasType(node, 'Order') && orders.length < LIMITS.items)
        orders.push(resolveRefs(node, ids));
    });
  }
  const seen = new Set<string>();
  for (const order of orders) {
    if (out.length >= LIMITS.findings) break;
    const f = orderFinding(order);
    const key = JSON.stringify([f.orderRef, f.total, f.veto]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

function orderFinding(order: Record<string, unknown>): Finding {
  const f: Finding = { kind: 'jsonld' };
  const ref =
    orderRefFrom(prop(order, 'orderNumber')) ??
    orderRefFrom(prop(order, 'confirmationNumber')) ??
    orderRefFrom(identifier(prop(order, 'identifier')));
  if (ref) f.orderRef = ref;
  else f.note = 'Order without orderNumber';
  const date = prop(order, 'orderDate');
  if (typeof date === 'string') f.orderDate = date;

  const status = enumName(prop(order, 'orderStatus'))?.replace(/^Order/, '');
  const payment = enumName(prop(order, 'paymentStatus'));
  if (status && BAD_STATUS.has(status))
    f.veto = `JSON-LD orderStatus is ${status}: not a completed purchase`;
  else if (payment && BAD_PAYMENT.has(payment))
    f.veto = `JSON-LD paymentStatus is ${payment}: not paid`;

  const orderCurrency = prop(order, 'priceCurrency');
  const due = prop(order, 'totalPaymentDue');
  let total: Money | undefined;
  let reason: string | undefined;
  const fromDue = due === undefined ? undefined : priceOf(due, orderCurrency);
  if (fromDue?.ok) {
    total = fromDue.money;
    const ship = shippingComponent(due, orderCurrency);
    if (ship) f.shipping = ship;
  } else {
    reason = fromDue?.reason;
    const direct =
      prop(order, 'price') !== undefined
        ? moneyFrom(prop(order, 'price'), orderCurrency)
        : prop(order, 'priceSpecification') !== undefined
          ? priceOf(prop(order, 'priceSpecification'), orderCurrency)
          : undefined;
    if (direct?.ok) total = direct.money;
    else {
      reason = reason ?? direct?.reason;
      const items = sumOffers(prop(order, 'acceptedOffer') ?? prop(order, 'offers'), orderCurrency);
      if (items) {
        total = items;
        f.totalFromItems = true;
        f.note = 'total summed from acceptedOffer line items';
      }
    }
  }
  if (total) f.total = total;
  else if (ref) f.note = `Order ${ref} has no usable total${reason ? ` (${reason})` : ''}`;
  return f;
}

/** A price from a PriceSpecification / MonetaryAmount / bare number (then `currency` applies). */
function priceOf(v: unknown, currency: unknown): ReturnType<typeof moneyFrom> {
  if (Array.isArray(v)) {
    // Several specifications (net and gross): prefer the one that includes VAT.
    const specs = v.filter(isRecord);
    const gross = specs.find((s) => prop(s, 'valueAddedTaxIncluded') === true) ?? specs[0];
    return gross ? priceOf(gross, currency) : { ok: false, reason: 'empty price list' };
  }
  if (isRecord(v)) {
    const amount = prop(v, 'price') ?? prop(v, 'value') ?? prop(v, 'amount');
    const cur = prop(v, 'priceCurrency') ?? prop(v, 'currency') ?? currency;
    if (amount === undefined) return { ok: false, reason: 'price specification without price' };
    return moneyFrom(isRecord(amount) ? prop(amount, '@value') : amount, cur);
  }
  return moneyFrom(v, currency);
}

function shippingComponent(due: unknown, currency: unknown): Money | undefined {
  const comps = prop(due, 'priceComponent');
  for (const c of Array.isArray(comps) ? comps : [comps]) {
    if (hasType(c, 'DeliveryChargeSpecification')) {
      const r = priceOf(c, prop(due, 'priceCurrency') ?? currency);
      if (r.ok) return r.money;
    }
  }
  return undefined;
}

function sumOffers(v: unknown, currency: unknown): Money | undefined {
  const offers = (Array.isArray(v) ? v : [v]).filter(isRecord).slice(0, LIMITS.items);
  if (offers.length === 0) return undefined;
  let sum = 0;
  let code: string | undefined;
  for (const o of offers) {
    const r = priceOf(o, currency);
    if (!r.ok) return undefined;
    if (code && r.money.currency !== code) return undefined;
    code = r.money.currency;
    const q = prop(prop(o, 'eligibleQuantity'), 'value') ?? prop(o, 'orderQuantity') ?? 1;
    const qty = typeof q === 'string' ? Number.parseInt(q, 10) : q;
    if (typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty < 1 || qty > 10_000) {
      return undefined;
    }
    sum += r.money.minor * qty;
  }
  return code && Number.isSafeInteger(sum) ? { minor: sum, currency: code } : undefined;
}

function identifier(v: unknown): unknown {
  if (isRecord(v)) return prop(v, 'value') ?? prop(v, '@value');
  return v;
}

/** "https://schema.org/OrderPaymentDue", "schema:OrderPaymentDue", {"@id": …} → "OrderPaymentDue". */
function enumName(v: unknown): string | undefined {
  const s = isRecord(v) ? (prop(v, '@id') ?? prop(v, 'name') ?? prop(v, '@type')) : v;
  if (typeof s !== 'string') return undefined;
  const last = s.trim().split(/[/#:]/).pop();
  return last || undefined;
}

export function hasType(node: unknown, type: string): boolean {
  const t = prop(node, '@type') ?? prop(node, 'type');
  const list = Array.isArray(t) ? t : [t];
  return list.some((x) => typeof x === 'string' && x.trim().split(/[/#:]/).pop() === type);
}

export function collect(
  v: unknown,
  depth: number,
  visit: (node: Record<string, unknown>) => void,
): void {
  if (depth > LIMITS.depth) return;
  if (Array.isArray(v)) {
    for (const x of v.slice(0, LIMITS.items)) collect(x, depth + 1, visit);
    return;
  }
  if (!isRecord(v)) return;
  visit(v);
  for (const key of Object.keys(v).slice(0, LIMITS.items)) {
    const child = v[key];
    if (typeof child === 'object' && child !== null) collect(child, depth + 1, visit);
  }
}

/** Replaces `{"@id": "#x"}` stubs one level deep by the node they name. */
function resolveRefs(
  node: Record<string, unknown>,
  ids: Map<string, Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...node };
  for (const [k, v] of Object.entries(node)) {
    if (isRecord(v) && Object.keys(v).length === 1 && typeof v['@id'] === 'string') {
      const target = ids.get(v['@id']);
      if (target && target !== node) out[k] = target;
    }
  }
  return out;
}

/** JSON.parse with the repairs real pages need: HTML comments/CDATA, raw newlines, trailing commas. */
export function parseLenient(
  text: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (text.length > LIMITS.jsonChars) return { ok: false, reason: 'too large' };
  let t = text
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, '')
    .trim();
  try {
    return { ok: true, value: JSON.parse(t) };
  } catch (first) {
    t = t
      // biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters inside JSON strings are exactly the breakage being repaired
      .replace(/[\u0000-\u001f]+/g, ' ')
      .replace(/,\s*([}\]])/g, '$1')
      .replace(/;\s*$/, '');
    try {
      return { ok: true, value: JSON.parse(t) };
    } catch {
      return { ok: false, reason: errorText(first).slice(0, 80) };
    }
  }
}
