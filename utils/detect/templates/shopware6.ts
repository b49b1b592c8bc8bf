import { moneyFrom } from '../../money';
import { orderRefFrom } from '../values';
import {
  classes,
  moneyOf,
  refOf,
  type ShopTemplate,
  sameMoney,
  sameText,
  single,
  templateFinding,
} from './dom';

/**
 * Shopware 6's checkout finish page.
 * Test URLs / source templates (shopware/shopware, src/Storefront/Resources/views/storefront/):
 * `/checkout/finish?orderId=<hex>`, body `is-ctl-checkout is-act-finishpage`;
 * `page/checkout/finish/finish-details.html.twig`: `p.finish-ordernumber`
 * with `data-order-number` (6.4.8+; the text runs label and number together,
 * "Ihre Bestellnummer:10057"); `page/checkout/summary/summary-total.html.twig`
 * (and `-total-rounded` under cash rounding): `dd.checkout-aside-summary-total`
 * "54,90 €*" (de), "€54.90*" (en-GB), "54,90 €*" (fr, SwagLanguagePack);
 * `component/checkout/hidden-line-items-information.html.twig` (6.5+):
 * `data-value` / `data-currency` with the grand total. A failed payment never
 * renders this page (it redirects to `/account/order/edit/…`, body
 * `is-act-editorder`), so there is nothing to veto here.
 */
export const shopware6: ShopTemplate = {
  system: 'shopware6',
  recognise: ({ document: doc }) => {
    const c = classes(doc.body);
    return c.has('is-ctl-checkout') && c.has('is-act-finishpage');
  },
  read(page) {
    const doc = page.document;
    const ref = single(
      doc,
      'p.finish-ordernumber',
      (el) => orderRefFrom(el.getAttribute('data-order-number') ?? '') ?? refOf(el),
      sameText,
    );
    const rounded = doc.querySelector('dd.checkout-aside-summary-total-rounded');
    let total = rounded
      ? single(doc, 'dd.checkout-aside-summary-total-rounded', (el) => moneyOf(el, page), sameMoney)
      : single(doc, 'dd.checkout-aside-summary-total', (el) => moneyOf(el, page), sameMoney);
    if (!total.value && !total.several) {
      total = single(
        doc,
        '.hidden-line-items-information[data-value]',
        (el) => {
          const m = moneyFrom(el.getAttribute('data-value'), el.getAttribute('data-currency'));
          return m.ok ? m.money : undefined;
        },
        sameMoney,
      );
    }
    return templateFinding('shopware6', ref, total, 'finish page');
  },
};
