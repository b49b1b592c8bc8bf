import { agree, classes, refIn, type ShopTemplate, sameText, templateFinding, textOf } from './dom';

/**
 * OXID eShop 6/7's thank-you page (flow, wave and apex themes).
 * Test URLs / source templates: `index.php?cl=thankyou`, body `cl-thankyou`
 * (without `is-checkout`); OXID-eSales/flow_theme and wave-theme
 * `tpl/page/checkout/thankyou.tpl`, apex-theme `thankyou.html.twig`:
 * `#thankyouPage` with the bare text of REGISTERED_YOUR_ORDER (oxideshop_ce
 * `translations/de|en/lang.php`): "Ihre Bestellung ist unter der Nummer %s bei
 * uns registriert." / "We registered your order with number %s". No theme
 * prints the total here, so this names the order and says the total is missing.
 */
const NUMBER = /(?:unter der Nummer|with number|sous le numéro)\s+([A-Za-z0-9-]{1,40})/gi;

export const oxid: ShopTemplate = {
  system: 'oxid',
  recognise: ({ document: doc }) =>
    classes(doc.body).has('cl-thankyou') && !!doc.getElementById('thankyouPage'),
  read(page) {
    const text = textOf(page.document.getElementById('thankyouPage'));
    const refs = [...text.matchAll(NUMBER)].map((m) => refIn(m[1]!));
    return templateFinding('oxid', agree(refs, sameText), {}, 'thank-you page');
  },
};
