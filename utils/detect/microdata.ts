import type { Money } from '../contract';
import {
  type AmountLocale,
  localeFromLang,
  type MoneyResult,
  moneyFrom,
  parseAmount,
} from '../money';
import type { Finding } from './types';
import { LIMITS, orderRefFrom } from './values';

/**
 * schema.org `Order` in microdata (`itemscope itemtype="https://schema.org/Order"`),
 * as some Magento/OXID themes and hand-made shops print it: `orderNumber`,
 * `orderStatus`, `totalPaymentDue` (nested PriceSpecification or text),
 * `price`/`priceCurrency` on the Order, or summed `acceptedOffer`s.
 */

const BAD_STATUS = new Set(['PaymentDue', 'Cancelled', 'Problem', 'Returned']);

export function detectMicrodata(doc: Document): Finding[] {
  const out: Finding[] = [];
  const locale = localeFromLang(doc.documentElement?.getAttribute('lang'));
  const scopes = Array.from(doc.querySelectorAll('[itemscope][itemtype]'))
    .filter((el) => isType(el, 'Order'))
    .slice(0, LIMITS.items);
  const seen = new Set<string>();
  for (const scope of scopes) {
    // An Order nested in another Order's property is read as part of that one.
    const outer = scope.parentElement?.closest('[itemscope]');
    if (outer && isType(outer, 'Order')) continue;
    const f = orderFinding(scope, locale);
    const key = JSON.stringify([f.orderRef, f.total, f.veto]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
    if (out.length >= LIMITS.findings) break;
  }
  return out;
}

function orderFinding(scope: Element, locale: AmountLocale | undefined): Finding {
  const props = itemProps(scope);
  const text = (name: string) => {
    const el = props.get(name)?.[0];
    return el ? propValue(el) : undefined;
  };
  const f: Finding = { kind: 'microdata' };
  const ref = orderRefFrom(text('orderNumber')) ?? orderRefFrom(text('confirmationNumber'));
  if (ref) f.orderRef = ref;
  else f.note = 'microdata Order without orderNumber';
  const date = text('orderDate');
  if (date) f.orderDate = date;
  const status = text('orderStatus')
    ?.trim()
    .split(/[/#:]/)
    .pop()
    ?.replace(/^Order/, '');
  if (status && BAD_STATUS.has(status)) {
    f.veto = `microdata orderStatus is ${status}: not a completed purchase`;
  }
  const orderCurrency = text('priceCurrency');
  const dueEl = props.get('totalPaymentDue')?.[0];
  let total: MoneyResult | undefined;
  if (dueEl) total = priceOfElement(dueEl, orderCurrency, locale);
  if (!total?.ok && props.has('price')) {
    total = amount(text('price') ?? '', orderCurrency, locale);
  }
  if (total?.ok) f.total = total.money;
  else {
    const items = sumOffers(props.get('acceptedOffer') ?? [], orderCurrency, locale);
    if (items) {
      f.total = items;
      f.totalFromItems = true;
      f.note = 'total summed from acceptedOffer line items';
    } else if (ref) {
      f.note = `microdata Order ${ref} has no usable total${total ? ` (${total.reason})` : ''}`;
    }
  }
  return f;
}

function priceOfElement(
  el: Element,
  currency: string | undefined,
  locale: AmountLocale | undefined,
): MoneyResult {
  if (el.hasAttribute('itemscope')) {
    const p = itemProps(el);
    const price = p.get('price')?.[0] ?? p.get('value')?.[0];
    const cur = p.get('priceCurrency')?.[0] ?? p.get('currency')?.[0];
    if (!price) return { ok: false, reason: 'price specification without price' };
    return amount(propValue(price), cur ? propValue(cur) : currency, locale);
  }
  return amount(propValue(el), currency, locale);
}

function sumOffers(
  els: Element[],
  currency: string | undefined,
  locale: AmountLocale | undefined,
): Money | undefined {
  let sum = 0;
  let code: string | undefined;
  if (els.length === 0) return undefined;
  for (const el of els.slice(0, LIMITS.items)) {
    const r = priceOfElement(el, currency, locale);
    if (!r.ok || (code && r.money.currency !== code)) return undefined;
    code = r.money.currency;
    const q = el.hasAttribute('itemscope') ? itemProps(el).get('eligibleQuantity')?.[0] : undefined;
    const qty = q ? Number.parseInt(propValue(q), 10) : 1;
    if (!Number.isSafeInteger(qty) || qty < 1 || qty > 10_000) return undefined;
    sum += r.money.minor * qty;
  }
  return code ? { minor: sum, currency: code } : undefined;
}

/** A machine value ("12.50") goes through moneyFrom; printed text through parseAmount. */
function amount(
  v: string,
  currency: string | undefined,
  locale: AmountLocale | undefined,
): MoneyResult {
  const t = v.trim();
  if (/^\d+(?:\.\d+)?$/.test(t) && currency) return moneyFrom(t, currency);
  const cur = currency?.trim().toUpperCase();
  return parseAmount(t, { currency: cur && /^[A-Z]{3}$/.test(cur) ? cur : undefined, locale });
}

function isType(el: Element, type: string): boolean {
  return (el.getAttribute('itemtype') ?? '')
    .split(/\s+/)
    .some((t) => t.split(/[/#:]/).pop() === type);
}

/** The element's own properties: [itemprop] descendants whose nearest item scope is `scope`. */
function itemProps(scope: Element): Map<string, Element[]> {
  const map = new Map<string, Element[]>();
  for (const el of Array.from(scope.querySelectorAll('[itemprop]')).slice(0, 2_000)) {
    const owner = el.parentElement?.closest('[itemscope]');
    if (owner !== scope) continue;
    for (const name of (el.getAttribute('itemprop') ?? '').split(/\s+/)) {
      if (!name) continue;
      const list = map.get(name) ?? [];
      list.push(el);
      map.set(name, list);
    }
  }
  return map;
}

/** The microdata property value (HTML spec), preferring a `content` attribute as Google does. */
function propValue(el: Element): string {
  const tag = el.tagName.toLowerCase();
  const content = el.getAttribute('content');
  if (content !== null) return content;
  if (tag === 'a' || tag === 'link' || tag === 'area') return el.getAttribute('href') ?? '';
  if (['img', 'audio', 'embed', 'iframe', 'source', 'track', 'video'].includes(tag)) {
    return el.getAttribute('src') ?? '';
  }
  if (tag === 'object') return el.getAttribute('data') ?? '';
  if (tag === 'data' || tag === 'meter') return el.getAttribute('value') ?? '';
  if (tag === 'time') return el.getAttribute('datetime') ?? el.textContent ?? '';
  return (el.textContent ?? '').slice(0, LIMITS.text);
}
