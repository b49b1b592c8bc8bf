import type { Money } from '../../contract';
import {
  agree,
  all,
  classes,
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
 * WooCommerce's order-received page.
 * Test URLs / source templates (woocommerce/woocommerce, plugins/woocommerce/):
 * - classic `templates/checkout/thankyou.php`: `ul.woocommerce-order-overview`
 *   with `li.woocommerce-order-overview__order strong` and
 *   `li.woocommerce-order-overview__total strong` (wc_price markup; after a
 *   refund the new total is in `<ins>`, "(includes … VAT)" in `<small>`);
 *   failed payments render `.woocommerce-thankyou-order-failed` instead;
 * - block theme `src/Blocks/BlockTypes/OrderConfirmation/Summary.php`:
 *   `.wc-block-order-confirmation-summary-list-item__key` "Order number:" /
 *   "Total:" (de "Bestellnummer:" / "Gesamt:", fr "Numéro de commande :" /
 *   "Total :"); `Status.php` renders "Order failed" with
 *   `.wc-block-order-confirmation-status__actions`.
 * Recognised by the body class `woocommerce-order-received` (wc_body_class
 * uses the endpoint key, so it stays when the slug is translated).
 */
const REF_KEY = /^(?:order number|bestellnummer|num[ée]ro de commande)\s*:?$/i;
const TOTAL_KEY = /^(?:total|gesamt|gesamtsumme|summe)\s*:?$/i;

/** The charged amount of a wc_price total: the `<ins>` after a refund, never the tax note. */
function total(el: Element, page: TemplatePage, currency?: string): Money | undefined {
  const amounts = all(el, '.woocommerce-Price-amount').filter((a) => !a.closest('del, small'));
  const pick = amounts.find((a) => a.closest('ins')) ?? amounts[0];
  return pick ? moneyOf(pick, page, currency) : undefined;
}

/** The store currency from `wcSettings` (block pages), to settle "$" or "kr". */
function storeCurrency(doc: Document): string | undefined {
  const s = doc.getElementById('wc-settings-js-before');
  if (!s) return undefined;
  let text = (s.textContent ?? '').slice(0, 200_000);
  try {
    text = decodeURIComponent(text);
  } catch {}
  return /"currency"\s*:\s*\{\s*"code"\s*:\s*"([A-Z]{3})"/.exec(text)?.[1];
}

export const woocommerce: ShopTemplate = {
  system: 'woocommerce',
  recognise: ({ document: doc }) => classes(doc.body).has('woocommerce-order-received'),
  read(page) {
    const doc = page.document;
    if (
      doc.querySelector(
        '.woocommerce-thankyou-order-failed, .wc-block-order-confirmation-status__actions',
      )
    ) {
      return {
        veto: 'woocommerce: the payment failed (order-received page with "Pay" / "Try again")',
      };
    }
    const currency = storeCurrency(doc);
    if (doc.querySelector('.woocommerce-order-overview')) {
      return templateFinding(
        'woocommerce',
        single(doc, '.woocommerce-order-overview__order strong', refOf, sameText),
        single(
          doc,
          '.woocommerce-order-overview__total',
          (el) => total(el, page, currency),
          sameMoney,
        ),
        'thank-you page',
      );
    }
    const items = all(doc, '.wc-block-order-confirmation-summary-list-item');
    const value = (key: RegExp) =>
      items.filter((li) => key.test(textOf(li.querySelector('[class$="__key"]'))));
    const refs = value(REF_KEY).map((li) => li.querySelector('[class$="__value"]'));
    const totals = value(TOTAL_KEY).map((li) => li.querySelector('[class$="__value"]'));
    return templateFinding(
      'woocommerce',
      agree(
        refs.map((el) => (el ? refOf(el) : undefined)),
        sameText,
      ),
      agree(
        totals.map((el) => (el ? total(el, page, currency) : undefined)),
        sameMoney,
      ),
      'order confirmation block',
    );
  },
};
