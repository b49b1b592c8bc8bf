import type { Money } from '../contract';
import { type MoneyResult, moneyFrom, normaliseCurrency } from '../money';
import { COMMERCE_EVENTS, gtagArgs } from './commerce';
import type { Finding } from './types';
import { isRecord, LIMITS, orderRefFrom, prop } from './values';

/**
 * Purchase events in `window.dataLayer`, as the main-world probe hands them over:
 *  - GA4 via Google Tag Manager: `{event: 'purchase', ecommerce: {transaction_id, value, currency, tax, shipping, items}}`
 *    (kind `datalayer`);
 *  - gtag.js: `gtag('event', 'purchase', {transaction_id, value, currency})`, which
 *    pushes its `arguments` object, arriving here as an array (kind `gtag`);
 *  - Universal Analytics enhanced ecommerce:
 *    `{ecommerce: {currencyCode, purchase: {actionField: {id, revenue, tax, shipping}, products}}}` (kind `ua`),
 *    e.g. GTM4WP's `gtm4wp.orderCompletedEEC` on WooCommerce.
 * `{ecommerce: null}` resets and non-purchase events (begin_checkout, add_to_cart …)
 * are skipped; a purchase without a transaction id is not a purchase.
 * A currency set by an earlier push (GTM merges pushes) is used when the
 * purchase itself names none.
 */

const MAX_ENTRIES = 1_000;

export function detectDataLayer(entries: readonly unknown[]): Finding[] {
  const out: Finding[] = [];
  const notes = new Set<string>();
  const seen = new Set<string>();
  let currency: string | null = null;
  const add = (f: Finding) => {
    const key = JSON.stringify([f.kind, f.orderRef, f.total, f.note]);
    if (seen.has(key) || out.length >= LIMITS.findings) return;
    seen.add(key);
    out.push(f);
  };
  const list = Array.isArray(entries) ? entries.slice(0, MAX_ENTRIES) : [];
  for (const e of list) {
    const args = gtagArgs(e);
    if (args) {
      if (args[0] === 'set' && isRecord(args[1]))
        currency = normaliseCurrency(args[1].currency) ?? currency;
      if (args[0] !== 'event' || typeof args[1] !== 'string') continue;
      if (args[1] === 'purchase') add(ga4('gtag', args[2], currency));
      else if (COMMERCE_EVENTS.has(args[1]))
        notes.add(`gtag ${args[1]} event seen: not a purchase`);
      continue;
    }
    if (!isRecord(e)) continue;
    const ecommerce = prop(e, 'ecommerce');
    if ('ecommerce' in e && ecommerce === null) {
      currency = null; // GTM's reset between ecommerce events
      continue;
    }
    const event = prop(e, 'event');
    const purchaseUa = prop(ecommerce, 'purchase');
    if (isRecord(purchaseUa)) {
      add(ua(ecommerce as Record<string, unknown>, currency));
    } else if (event === 'purchase') {
      add(ga4('datalayer', isRecord(ecommerce) ? ecommerce : e, currency));
    } else if (typeof event === 'string' && COMMERCE_EVENTS.has(event)) {
      notes.add(`dataLayer ${event} event seen: not a purchase`);
    }
    if (isRecord(ecommerce)) {
      currency = normaliseCurrency(ecommerce.currency ?? ecommerce.currencyCode) ?? currency;
    }
  }
  for (const note of [...notes].slice(0, 5)) {
    out.push({ kind: note.startsWith('gtag') ? 'gtag' : 'datalayer', note });
  }
  return out;
}

function ga4(
  kind: 'datalayer' | 'gtag',
  params: unknown,
  fallbackCurrency: string | null,
): Finding {
  const f: Finding = { kind };
  if (!isRecord(params)) return { kind, note: `${kind} purchase event without parameters ignored` };
  const ref = orderRefFrom(prop(params, 'transaction_id'));
  if (!ref) return { kind, note: `${kind} purchase event without transaction_id ignored` };
  f.orderRef = ref;
  const cur = prop(params, 'currency') ?? fallbackCurrency;
  const value = prop(params, 'value');
  amounts(f, value, cur, prop(params, 'items'), 'price', 'quantity');
  optional(f, 'tax', moneyFrom(prop(params, 'tax'), cur), prop(params, 'tax'));
  optional(f, 'shipping', moneyFrom(prop(params, 'shipping'), cur), prop(params, 'shipping'));
  return f;
}

function ua(ecommerce: Record<string, unknown>, fallbackCurrency: string | null): Finding {
  const purchase = prop(ecommerce, 'purchase');
  const action = prop(purchase, 'actionField');
  const ref = orderRefFrom(prop(action, 'id'));
  if (!ref) return { kind: 'ua', note: 'UA purchase without actionField.id ignored' };
  const f: Finding = { kind: 'ua', orderRef: ref };
  const cur = prop(ecommerce, 'currencyCode') ?? prop(action, 'currency') ?? fallbackCurrency;
  amounts(f, prop(action, 'revenue'), cur, prop(purchase, 'products'), 'price', 'quantity');
  optional(f, 'tax', moneyFrom(prop(action, 'tax'), cur), prop(action, 'tax'));
  optional(f, 'shipping', moneyFrom(prop(action, 'shipping'), cur), prop(action, 'shipping'));
  return f;
}

function amounts(
  f: Finding,
  value: unknown,
  cur: unknown,
  items: unknown,
  priceKey: string,
  qtyKey: string,
) {
  if (value !== undefined && value !== null && value !== '') {
    const r = moneyFrom(value, cur);
    if (r.ok) f.total = r.money;
    else f.note = `order ${f.orderRef}: value not usable (${r.reason})`;
    return;
  }
  const sum = sumItems(items, cur, priceKey, qtyKey);
  if (sum) {
    f.total = sum;
    f.totalFromItems = true;
    f.note = 'total summed from items (no value given)';
  } else {
    f.note = `order ${f.orderRef}: no value`;
  }
}

function optional(f: Finding, key: 'tax' | 'shipping', r: MoneyResult, raw: unknown) {
  if (raw === undefined || raw === null || raw === '') return;
  if (r.ok && f.total && r.money.currency === f.total.currency) f[key] = r.money;
}

function sumItems(
  items: unknown,
  cur: unknown,
  priceKey: string,
  qtyKey: string,
): Money | undefined {
  if (!Array.isArray(items) || items.length === 0) return undefined;
  let sum = 0;
  let code: string | undefined;
  for (const it of items.slice(0, LIMITS.items)) {
    const r = moneyFrom(prop(it, priceKey), cur);
    if (!r.ok) return undefined;
    code = r.money.currency;
    const q = prop(it, qtyKey) ?? 1;
    const qty = typeof q === 'string' ? Number.parseInt(q, 10) : q;
    if (typeof qty !== 'number' || !Number.isSafeInteger(qty) || qty < 1 || qty > 10_000)
      return undefined;
    sum += r.money.minor * qty;
  }
  return code && Number.isSafeInteger(sum) ? { minor: sum, currency: code } : undefined;
}
