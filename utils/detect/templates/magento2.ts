import type { Money } from '../../contract';
import { moneyFrom } from '../../money';
import { isRecord, prop } from '../values';
import {
  agree,
  all,
  classes,
  refOf,
  type ShopTemplate,
  sameMoney,
  sameText,
  single,
  templateFinding,
} from './dom';

/**
 * Magento 2's checkout success page (Luma, Blank and Hyvä alike).
 * Test URLs / source templates (magento/magento2, app/code/Magento/Checkout/view/frontend/):
 * `/checkout/onepage/success/`, body `checkout-onepage-success`
 * (`layout/checkout_onepage_success.xml`; multi-address checkout:
 * `multishipping-checkout-success`); `templates/success.phtml`: "Your order
 * number is: <a class="order-number"><strong>000000123</strong></a>." for
 * customers, "Your order # is: <span>000000123</span>." for guests (de "Ihre
 * Bestellnummer lautet:", fr "Votre numéro de commande est :"). The page
 * prints no total; the only one is the `ordersTrackingData` JSON the Google
 * Analytics/Gtag modules render into `text/x-magento-init` — present in the
 * markup whether or not the shopper consented to the tag itself. The failure
 * page (`checkout-onepage-failure`) is not recognised.
 */
function trackedTotal(doc: Document): Money | undefined {
  const totals = all(doc, 'script[type="text/x-magento-init"]').flatMap((s) => {
    const text = (s.textContent ?? '').slice(0, 100_000);
    if (!text.includes('ordersTrackingData')) return [];
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return [];
    }
    return findTracking(data, 0);
  });
  return agree(totals, sameMoney).value;
}

function findTracking(v: unknown, depth: number): (Money | undefined)[] {
  if (!isRecord(v) || depth > 6) return [];
  const t = prop(v, 'ordersTrackingData');
  if (isRecord(t)) {
    const orders = prop(t, 'orders');
    if (!Array.isArray(orders) || orders.length !== 1) return [undefined];
    const raw = prop(orders[0], 'value') ?? prop(orders[0], 'revenue');
    // GA4 sends "1,234.50": the comma is a thousands separator there.
    const m = moneyFrom(typeof raw === 'string' ? raw.replace(/,/g, '') : raw, prop(t, 'currency'));
    return [m.ok ? m.money : undefined];
  }
  return Object.values(v).flatMap((x) => findTracking(x, depth + 1));
}

export const magento2: ShopTemplate = {
  system: 'magento2',
  recognise: ({ document: doc }) => {
    const c = classes(doc.body);
    return (
      (c.has('checkout-onepage-success') || c.has('multishipping-checkout-success')) &&
      !!doc.querySelector('.checkout-success')
    );
  },
  read(page) {
    const doc = page.document;
    const ref = single(
      doc,
      '.checkout-success a.order-number strong, .checkout-success p > span',
      refOf,
      sameText,
    );
    const total = trackedTotal(doc);
    return templateFinding('magento2', ref, total ? { value: total } : {}, 'success page');
  },
};
