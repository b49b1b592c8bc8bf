import type { Money } from '../../contract';
import {
  agree,
  all,
  classes,
  moneyOf,
  refAfterColon,
  type ShopTemplate,
  sameMoney,
  sameText,
  single,
  type TemplatePage,
  templateFinding,
  textOf,
} from './dom';

/**
 * PrestaShop 1.7–9's order confirmation.
 * Test URLs / source templates: `index.php?controller=order-confirmation&id_cart=…&key=…`
 * (the controller redirects unless the order exists), `<body id="order-confirmation"
 * class="… currency-eur page-order-confirmation …">`;
 * classic theme (PrestaShop/classic-theme) `templates/checkout/order-confirmation.tpl`:
 * `#order-reference-value` "Order reference: XKBKNABJK" (de "Bestellnummer:",
 * fr "Référence de la commande :"; older versions: `#order-details li:first-child`),
 * `_partials/order-confirmation-table.tpl`: `tr.total-value td:last-child`
 * (older: the last `tr.font-weight-bold`), "Total (tax incl.)" / "Gesamt (inkl.
 * MwSt.)" / "Total TTC"; hummingbird (PrestaShop/hummingbird): the first
 * `.order-confirmation__details-list li`, and in `.order-confirmation__totals`
 * the bold line labelled with the tax-incl. total, else the first bold line
 * (the last one is the tax).
 */
const TAX_INCL = /inkl|incl|ttc/i;

/** The ISO code the shop prints in its body class (`currency-eur`), to settle "$" or "kr". */
function bodyCurrency(doc: Document): string | undefined {
  for (const c of classes(doc.body)) {
    const m = /^currency-([a-z]{3})$/.exec(c);
    if (m) return m[1]!.toUpperCase();
  }
  return undefined;
}

function hummingbirdTotal(doc: Document, page: TemplatePage, currency?: string) {
  const lines = all(doc, '.order-confirmation__totals .order-confirmation__line--bold');
  const incl = lines.filter((l) =>
    TAX_INCL.test(textOf(l.querySelector('.order-confirmation__line-label'))),
  );
  const pick = incl.length ? incl : lines.slice(0, 1);
  return agree(
    pick.map((l): Money | undefined => {
      const v = l.querySelector('.order-confirmation__line-value');
      return v ? moneyOf(v, page, currency) : undefined;
    }),
    sameMoney,
  );
}

export const prestashop: ShopTemplate = {
  system: 'prestashop',
  recognise: ({ document: doc }) =>
    doc.body?.getAttribute('id') === 'order-confirmation' &&
    !!doc.querySelector(
      '#order-details, #content-hook_order_confirmation, .order-confirmation__details',
    ),
  read(page) {
    const doc = page.document;
    const currency = bodyCurrency(doc);
    const sel = doc.querySelector('#order-reference-value')
      ? '#order-reference-value'
      : doc.querySelector('#order-details')
        ? '#order-details ul > li:first-child'
        : '.order-confirmation__details-list > li:first-child';
    const ref = single(doc, sel, refAfterColon, sameText);
    if (doc.querySelector('.order-confirmation__totals')) {
      return templateFinding(
        'prestashop',
        ref,
        hummingbirdTotal(doc, page, currency),
        'order confirmation',
      );
    }
    const rows = all(doc, '.order-confirmation-table tr.total-value');
    const totalRows = rows.length
      ? rows
      : all(doc, '.order-confirmation-table tr.font-weight-bold').slice(-1);
    const total = agree(
      totalRows.map((tr) => {
        const td = tr.querySelector('td:last-child');
        return td ? moneyOf(td, page, currency) : undefined;
      }),
      sameMoney,
    );
    return templateFinding('prestashop', ref, total, 'order confirmation');
  },
};
