import type { Money } from '../../contract';
import { parseAmount } from '../../money';
import { orderRefFrom } from '../values';
import {
  agree,
  all,
  classes,
  labelled,
  moneyOf,
  refOf,
  type ShopTemplate,
  sameMoney,
  sameText,
  single,
  type TemplatePage,
  templateFinding,
  textOf,
} from './dom';

/**
 * Shopify's thank-you and order-status pages.
 * Test URLs / source templates (checkout.liquid is not public; read from
 * captured pages and Shopify's checkout-sheet-kit):
 * - legacy `/<shop>/checkouts/<token>/thank_you` and the order-status revisit
 *   `/<shop>/orders/<token>`: `div.step[data-step="thank_you"]`,
 *   `span.os-order-number` "Order #1001" (de "Bestellung #1001", fr
 *   "Commande #1001"), `td.payment-due[data-presentment-currency]` with
 *   `span.payment-due__price` — the same page on both visits, so one order ref;
 *   "Order canceled" in `#main-header` on a cancelled order;
 * - new checkout `/checkouts/c/<token>/thank-you` (any `thank-you` /
 *   `thank_you` path segment, CheckoutURL.swift): hashed class names, so read
 *   "Confirmation #ABC123XYZ" and the "Total" row by their words.
 * Recognised by a Shopify asset (cdn.shopify.com / shopifycloud) plus the
 * thank-you step; Haravan's look-alike uses other assets and is left out.
 */
const SHOPIFY_ASSET =
  'script[src*="cdn.shopify.com"], link[href*="cdn.shopify.com"], script[src*="/shopifycloud/"]';
const CANCELLED = /order cancell?ed|bestellung (?:storniert|abgebrochen)|commande annulée/i;
const CONFIRMATION =
  /(?:confirmation\s*(?:#|n°|:)|bestätigung(?:snummer\s*:?|\s*#)|numéro de confirmation\s*:?)\s*([A-Za-z0-9]{6,20})\b/i;
/(?:confirmation|bestätigung(?:snummer)?|numéro de confirmation)\s*(?:#|n°|nr\.?|:)?\s*([A-Z0-9]{6,20})\b/i;
const TOTAL = /^(?:total|gesamt|gesamtsumme|summe|montant total)$/i;

function hasShopifyAsset(doc: Document): boolean {
  if (doc.querySelector(SHOPIFY_ASSET)) return true;
  return all(doc, 'script:not([src])').some((s) =>
    /\bShopify\.(?:Checkout|checkout|shop)\b/.test((s.textContent ?? '').slice(0, 20_000)),
  );
}

const legacyStep = (doc: Document) =>
  !!doc.querySelector('[data-step="thank_you"]') ||
  classes(doc.documentElement).has('page--thank-you');

const newThankYou = (url: string) => {
  try {
    return new URL(url).pathname.split('/').some((seg) => /^thank[_-]you$/i.test(seg));
  } catch {
    return false;
  }
};

/** The legacy payment-due cell: the text amount, in the presentment currency it names. */
function paymentDue(el: Element, page: TemplatePage): Money | undefined {
  const currency =
    el.getAttribute('data-presentment-currency') ??
    textOf(el.querySelector('.payment-due__currency'));
  const price = el.querySelector('.payment-due__price');
  if (!price) return undefined;
  const r = parseAmount(textOf(price), { locale: page.locale, ...(currency ? { currency } : {}) });
  if (!r.ok) return undefined;
  // "$57.76" with USD named beside it: the named code settles the symbol.
  return currency && /^[A-Z]{3}$/.test(currency) && r.money.currency !== currency
    ? undefined
    : r.money;
}

export const shopify: ShopTemplate = {
  system: 'shopify',
  recognise: ({ document: doc, url }) =>
    (legacyStep(doc) || newThankYou(url)) && hasShopifyAsset(doc),
  read(page) {
    const doc = page.document;
    if (CANCELLED.test(textOf(doc.getElementById('main-header')))) {
      return { veto: 'shopify: the order-status page says the order was cancelled' };
    }
    if (legacyStep(doc)) {
      return templateFinding(
        'shopify',
        single(doc, '.os-order-number', refOf, sameText),
        single(doc, 'td.payment-due, .payment-due', (el) => paymentDue(el, page), sameMoney),
        'thank-you page',
      );
    }
    const main = doc.querySelector('main') ?? doc.body;
    const refs = all(main, 'p, span, h1, h2, h3, div')
      .filter((el) => el.children.length === 0)
      .map((el) => CONFIRMATION.exec(textOf(el))?.[1])
      .map((r) => (r && /^[A-Z0-9]+$/.test(r) ? orderRefFrom(r) : undefined));
    return templateFinding(
      'shopify',
      agree(refs, sameText),
      agree(
        labelled(doc, TOTAL).map((el) => moneyOf(el, page)),
        sameMoney,
      ),
      'thank-you page (new checkout)',
    );
  },
};
