import { refOf, type ShopTemplate, sameText, single, templateFinding } from './dom';

/**
 * JTL-Shop 5's order completion (NOVA template).
 * Test URLs / source templates: `bestellabschluss.php` / `Bestellabschluss`
 * (en `Checkout-Complete`), body `data-page="33"` (PAGE_BESTELLABSCHLUSS);
 * `templates/NOVA/checkout/order_completed.tpl` → `div.order-completed` with
 * `inc_paymentmodules.tpl` (`ul.payment-method-module-ids li:first-child`
 * "Ihre Bestellnummer: 10001" / "Your order ID:") or, after an external
 * payment, `inc_order_completed.tpl` (`#order-confirmation li:first-child`).
 * `?payAgain=1` renders the same template to pay an old order again: not a
 * purchase. The page prints no total, so this names the order only.
 */
export const jtl: ShopTemplate = {
  system: 'jtl',
  recognise: ({ document: doc, url }) =>
    doc.body?.getAttribute('data-page') === '33' &&
    !!doc.querySelector('.order-completed') &&
    !/[?&]payAgain=/i.test(url),
  read(page) {
    const ref = single(
      page.document,
      '.order-completed ul.payment-method-module-ids > li:first-child, .order-completed #order-confirmation li:first-child',
      refOf,
      sameText,
    );
    return templateFinding('jtl', ref, {}, 'order completion');
  },
};
