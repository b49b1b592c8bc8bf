import type { Money } from '../contract';
import { moneyFrom } from '../money';
import { collect, hasType, parseLenient } from './jsonld';
import { LIMITS, prop } from './values';

/**
 * The price of the one product a page is about, from its schema.org
 * `Product` → `Offer` (JSON-LD or microdata), for the banner's points
 * preview. A listing or a page with several different prices (variants,
 * recommendations) gets no preview: "about N points for this" must be about
 * one thing. An `AggregateOffer` counts only when low and high price agree.
 *
 * Test URLs: the demo shop's /product/<id>; WooCommerce and Shopware product
 * pages (both print Product JSON-LD with an Offer).
 */
export function productPrice(doc: Document): Money | null {
  const prices = [...jsonLdPrices(doc), ...microdataPrices(doc)];
  const distinct = new Map(prices.map((m) => [`${m.minor} ${m.currency}`, m]));
  return distinct.size === 1 ? [...distinct.values()][0]! : null;
}

function jsonLdPrices(doc: Document): Money[] {
  const out: Money[] = [];
  const scripts = Array.from(doc.querySelectorAll('script[type="application/ld+json"]'));
  for (const script of scripts.slice(0, LIMITS.items)) {
    const parsed = parseLenient(script.textContent ?? '');
    if (!parsed.ok) continue;
    collect(parsed.value, 0, (node) => {
      if (!hasType(node, 'Product') || out.length >= LIMITS.items) return;
      const offers = prop(node, 'offers');
      for (const offer of (Array.isArray(offers) ? offers : [offers]).slice(0, LIMITS.items)) {
        const m = offerPrice(offer);
        if (m) out.push(m);
      }
    });
  }
  return out;
}

function offerPrice(offer: unknown): Money | null {
  if (hasType(offer, 'AggregateOffer')) {
    const low = money(prop(offer, 'lowPrice'), prop(offer, 'priceCurrency'));
    const high = money(prop(offer, 'highPrice'), prop(offer, 'priceCurrency'));
    return low && high && high.minor === low.minor && high.currency === low.currency ? low : null;
  }
  const spec = prop(offer, 'priceSpecification');
  const direct = money(prop(offer, 'price'), prop(offer, 'priceCurrency'));
  return direct ?? money(prop(spec, 'price'), prop(spec, 'priceCurrency'));
}

function money(value: unknown, currency: unknown): Money | null {
  if (value == null) return null;
  const m = moneyFrom(value, currency);
  return m.ok && m.money.minor > 0 ? m.money : null;
}

function microdataPrices(doc: Document): Money[] {
  const out: Money[] = [];
  const products = Array.from(doc.querySelectorAll('[itemscope][itemtype]')).filter((el) =>
    (el.getAttribute('itemtype') ?? '')
      .split(/\s+/)
      .some((t) => t.split(/[/#:]/).pop() === 'Product'),
  );
  for (const product of products.slice(0, LIMITS.items)) {
    for (const priceEl of Array.from(product.querySelectorAll('[itemprop="price"]')).slice(0, 10)) {
      const scope = priceEl.closest('[itemscope]');
      const currencyEl = scope?.querySelector('[itemprop="priceCurrency"]');
      const value = (priceEl.getAttribute('content') ?? priceEl.textContent)?.slice(0, LIMITS.text);
      const currency = currencyEl?.getAttribute('content') ?? currencyEl?.textContent?.trim();
      const m = money(value, currency);
      if (m) out.push(m);
    }
  }
  return out;
}
