/**
 * Server-rendered HTML for the demo shop. The pages carry the structured data
 * real shop systems emit: schema.org Product/Offer on catalogue pages, GA4
 * view_item / view_cart / begin_checkout pushes before the purchase (all
 * look-alike negatives for purchase detection), and on the confirmation page a
 * schema.org Order block plus a GA4 `purchase` push.
 */
import {
  type Cart,
  CURRENCY,
  computeTotals,
  decimal,
  FREE_SHIPPING_FROM_MINOR,
  formatEur,
  ga4Number,
  PRODUCTS,
  type Product,
  SHOP_NAME,
  type Totals,
  VAT_PERCENT,
} from './catalogue';

export interface OrderItem {
  id: string;
  sku: string;
  name: string;
  unitMinor: number;
  qty: number;
  lineMinor: number;
}

export interface Order {
  orderNo: string;
  createdAt: string;
  currency: 'EUR';
  items: OrderItem[];
  subtotalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  customer: { name: string; email: string; street: string; zip: string; city: string };
  payment: string;
}

export const PAYMENT_METHODS = { invoice: 'Rechnung', paypal: 'PayPal', card: 'Kreditkarte' };
export type PaymentMethod = keyof typeof PAYMENT_METHODS;

const ESC: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/** JSON safe inside <script>: no "</script>", no HTML comment openers. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const jsonLd = (v: unknown): string =>
  `<script type="application/ld+json">${scriptJson(v)}</script>`;

const dataLayerPush = (...events: unknown[]): string =>
  `<script>
window.dataLayer = window.dataLayer || [];
${events.map((e) => `dataLayer.push(${scriptJson(e)});`).join('\n')}
</script>`;

const CSS = `
:root { --ink:#1f2328; --muted:#5b636e; --brand:#7a3e12; --brand-ink:#fff; --line:#e3e0dc; --bg:#faf8f5; --ok:#1a7f37; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
a { color:var(--brand); }
.skip { position:absolute; left:-999px; } .skip:focus { left:1rem; top:1rem; background:#fff; padding:.5rem; }
header.site { background:#fff; border-bottom:1px solid var(--line); }
header.site .bar, main, footer.site .bar { max-width:60rem; margin:0 auto; padding:1rem; }
header.site .bar { display:flex; align-items:center; justify-content:space-between; gap:1rem; }
.logo { font-weight:700; font-size:1.25rem; color:var(--ink); text-decoration:none; }
nav ul { list-style:none; display:flex; gap:1rem; margin:0; padding:0; }
h1 { font-size:1.6rem; margin:.5rem 0 1rem; }
.grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(13rem, 1fr)); gap:1rem; padding:0; list-style:none; }
.card { background:#fff; border:1px solid var(--line); border-radius:.5rem; padding:1rem; display:flex; flex-direction:column; gap:.5rem; }
.card h2 { font-size:1.05rem; margin:0; }
.img { font-size:2.5rem; font-weight:700; color:#fff; text-align:center; border-radius:.4rem; padding:1rem .5rem; }
.card .price { margin-top:auto; }
.price { font-weight:700; font-size:1.1rem; }
.muted { color:var(--muted); font-size:.9rem; }
button, .button { display:inline-block; background:var(--brand); color:var(--brand-ink); border:0; border-radius:.4rem; padding:.6rem 1rem; font:inherit; font-weight:600; cursor:pointer; text-decoration:none; text-align:center; }
button.link { background:none; color:var(--brand); padding:0; font-weight:400; text-decoration:underline; }
button:focus-visible, .button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline:3px solid #f0b429; outline-offset:2px; }
table { width:100%; border-collapse:collapse; background:#fff; }
th, td { text-align:left; padding:.5rem; border-bottom:1px solid var(--line); }
td.num, th.num { text-align:right; white-space:nowrap; }
tfoot th, tfoot td { border-bottom:0; }
.total th, .total td { font-weight:700; font-size:1.1rem; }
form.stack { display:grid; gap:.75rem; max-width:32rem; }
label { display:block; font-weight:600; margin-bottom:.2rem; }
input, select { width:100%; padding:.5rem; font:inherit; border:1px solid #b9b4ad; border-radius:.3rem; background:#fff; }
.row2 { display:grid; grid-template-columns:8rem 1fr; gap:.75rem; }
.actions { display:flex; gap:1rem; align-items:center; margin-top:1rem; flex-wrap:wrap; }
.notice { background:#fff; border:1px solid var(--line); border-left:4px solid var(--ok); padding:1rem; border-radius:.4rem; }
footer.site { color:var(--muted); font-size:.85rem; border-top:1px solid var(--line); margin-top:2rem; }
`;

function layout(opts: { title: string; cartCount: number; body: string; head?: string }): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)} – ${esc(SHOP_NAME)}</title>
<style>${CSS}</style>
${opts.head ?? ''}
</head>
<body>
<a class="skip" href="#main">Zum Inhalt springen</a>
<header class="site"><div class="bar">
<a class="logo" href="/">${esc(SHOP_NAME)}</a>
<nav aria-label="Hauptnavigation"><ul>
<li><a href="/">Produkte</a></li>
<li><a id="cart-link" href="/cart">Warenkorb (<span id="cart-count">${opts.cartCount}</span>)</a></li>
</ul></nav>
</div></header>
<main id="main">
${opts.body}
</main>
<footer class="site"><div class="bar">
Alle Preise inkl. ${VAT_PERCENT} % MwSt. Versandkostenfrei ab ${formatEur(FREE_SHIPPING_FROM_MINOR)}.
Demo-Shop für Pointpilot – es wird nichts verkauft.
</div></footer>
</body>
</html>`;
}

const cartCount = (cart: Cart): number => [...cart.values()].reduce((s, q) => s + q, 0);

const productLd = (p: Product, origin: string) => ({
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: p.name,
  sku: p.sku,
  description: p.description,
  url: `${origin}/product/${p.id}`,
  brand: { '@type': 'Brand', name: SHOP_NAME },
  offers: {
    '@type': 'Offer',
    price: decimal(p.priceMinor),
    priceCurrency: CURRENCY,
    availability: 'https://schema.org/InStock',
    url: `${origin}/product/${p.id}`,
  },
});

const ga4Item = (p: Product, qty: number) => ({
  item_id: p.sku,
  item_name: p.name,
  price: ga4Number(p.priceMinor),
  quantity: qty,
});

const addToCartForm = (p: Product, id: string, withQty: boolean): string => `
<form method="post" action="/cart/add">
<input type="hidden" name="productId" value="${esc(p.id)}">
${
  withQty
    ? `<p><label for="qty">Menge</label><input id="qty" name="qty" type="number" min="1" max="99" value="1" inputmode="numeric" style="max-width:6rem"></p>`
    : ''
}
<button type="submit" id="${esc(id)}" aria-label="${esc(p.name)} in den Warenkorb">In den Warenkorb</button>
</form>`;

export function homePage(cart: Cart, origin: string): string {
  const cards = PRODUCTS.map(
    (p) => `
<li class="card" id="product-${esc(p.id)}">
<div class="img" aria-hidden="true" style="background:${p.color}">${esc(p.name.charAt(0))}</div>
<h2><a id="link-${esc(p.id)}" href="/product/${esc(p.id)}">${esc(p.name)}</a></h2>
<p class="muted">${esc(p.description)}</p>
<p class="price" data-price-minor="${p.priceMinor}">${formatEur(p.priceMinor)}</p>
${addToCartForm(p, `add-${p.id}`, false)}
</li>`,
  ).join('');
  return layout({
    title: 'Produkte',
    cartCount: cartCount(cart),
    head: PRODUCTS.map((p) => jsonLd(productLd(p, origin))).join('\n'),
    body: `<h1>Unsere Produkte</h1>
<ul class="grid" aria-label="Produkte">${cards}</ul>`,
  });
}

export function productPage(p: Product, cart: Cart, origin: string): string {
  return layout({
    title: p.name,
    cartCount: cartCount(cart),
    head: `${jsonLd(productLd(p, origin))}
${dataLayerPush({ ecommerce: null }, { event: 'view_item', ecommerce: { currency: CURRENCY, value: ga4Number(p.priceMinor), items: [ga4Item(p, 1)] } })}`,
    body: `<p><a href="/">← Alle Produkte</a></p>
<article class="card" id="product-${esc(p.id)}">
<div class="img" aria-hidden="true" style="background:${p.color}">${esc(p.name.charAt(0))}</div>
<h1>${esc(p.name)}</h1>
<p>${esc(p.description)}</p>
<p class="muted">Artikelnummer: ${esc(p.sku)}</p>
<p class="price" id="product-price" data-price-minor="${p.priceMinor}">${formatEur(p.priceMinor)}</p>
<p class="muted">inkl. ${VAT_PERCENT} % MwSt., zzgl. Versand</p>
${addToCartForm(p, 'add-to-cart', true)}
</article>`,
  });
}

function totalsRows(
  t: Pick<Totals, 'subtotalMinor' | 'shippingMinor' | 'taxMinor' | 'totalMinor'>,
  prefix: string,
): string {
  return `<tr><th scope="row" colspan="3">Zwischensumme</th><td class="num" id="${prefix}-subtotal">${formatEur(t.subtotalMinor)}</td></tr>
<tr><th scope="row" colspan="3">Versand</th><td class="num" id="${prefix}-shipping">${t.shippingMinor === 0 ? 'kostenlos' : formatEur(t.shippingMinor)}</td></tr>
<tr class="total"><th scope="row" colspan="3">Gesamtsumme</th><td class="num" id="${prefix}-total" data-total-minor="${t.totalMinor}">${formatEur(t.totalMinor)}</td></tr>
<tr><td colspan="3" class="muted">enthaltene MwSt. (${VAT_PERCENT} %)</td><td class="num muted" id="${prefix}-tax">${formatEur(t.taxMinor)}</td></tr>`;
}

export function cartPage(cart: Cart): string {
  const t = computeTotals(cart);
  if (t.lines.length === 0) {
    return layout({
      title: 'Warenkorb',
      cartCount: 0,
      body: `<h1>Warenkorb</h1>
<p id="cart-empty">Ihr Warenkorb ist leer.</p>
<p><a class="button" href="/">Weiter einkaufen</a></p>`,
    });
  }
  const rows = t.lines
    .map(
      (l) => `<tr id="cart-row-${esc(l.product.id)}">
<td>${esc(l.product.name)}</td>
<td class="num">${l.qty}</td>
<td class="num">${formatEur(l.product.priceMinor)}</td>
<td class="num">${formatEur(l.lineMinor)}
<form method="post" action="/cart/remove" style="display:inline">
<input type="hidden" name="productId" value="${esc(l.product.id)}">
<button type="submit" class="link" id="remove-${esc(l.product.id)}" aria-label="${esc(l.product.name)} entfernen">Entfernen</button>
</form></td>
</tr>`,
    )
    .join('');
  return layout({
    title: 'Warenkorb',
    cartCount: cartCount(cart),
    head: dataLayerPush(
      { ecommerce: null },
      {
        event: 'view_cart',
        ecommerce: {
          currency: CURRENCY,
          value: ga4Number(t.subtotalMinor),
          items: t.lines.map((l) => ga4Item(l.product, l.qty)),
        },
      },
    ),
    body: `<h1>Warenkorb</h1>
<table id="cart-items">
<caption class="muted" style="text-align:left">Ihre ausgewählten Artikel</caption>
<thead><tr><th scope="col">Artikel</th><th scope="col" class="num">Menge</th><th scope="col" class="num">Einzelpreis</th><th scope="col" class="num">Summe</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot>${totalsRows(t, 'cart')}</tfoot>
</table>
<div class="actions">
<a class="button" id="to-checkout" href="/checkout">Zur Kasse</a>
<a href="/">Weiter einkaufen</a>
</div>`,
  });
}

export function checkoutPage(cart: Cart, serializedCart: string): string {
  const t = computeTotals(cart);
  if (t.lines.length === 0) {
    return layout({
      title: 'Kasse',
      cartCount: 0,
      body: `<h1>Kasse</h1>
<p id="cart-empty">Ihr Warenkorb ist leer. <a href="/">Zu den Produkten</a></p>`,
    });
  }
  const field = (id: string, label: string, attrs: string) =>
    `<div><label for="${id}">${label}</label><input id="${id}" name="${id}" ${attrs} required></div>`;
  const rows = t.lines
    .map(
      (l) =>
        `<tr><td>${esc(l.product.name)}</td><td class="num">${l.qty}</td><td class="num">${formatEur(l.product.priceMinor)}</td><td class="num">${formatEur(l.lineMinor)}</td></tr>`,
    )
    .join('');
  return layout({
    title: 'Kasse',
    cartCount: cartCount(cart),
    head: dataLayerPush(
      { ecommerce: null },
      {
        event: 'begin_checkout',
        ecommerce: {
          currency: CURRENCY,
          value: ga4Number(t.totalMinor),
          items: t.lines.map((l) => ga4Item(l.product, l.qty)),
        },
      },
    ),
    body: `<h1>Kasse</h1>
<section aria-labelledby="summary-h">
<h2 id="summary-h">Bestellübersicht</h2>
<table id="checkout-items">
<thead><tr><th scope="col">Artikel</th><th scope="col" class="num">Menge</th><th scope="col" class="num">Einzelpreis</th><th scope="col" class="num">Summe</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot>${totalsRows(t, 'checkout')}</tfoot>
</table>
</section>
<section aria-labelledby="address-h">
<h2 id="address-h">Lieferadresse und Zahlung</h2>
<form method="post" action="/checkout" id="checkout-form" class="stack">
<input type="hidden" name="items" value="${esc(serializedCart)}">
${field('name', 'Vor- und Nachname', 'autocomplete="name"')}
${field('email', 'E-Mail-Adresse', 'type="email" autocomplete="email"')}
${field('street', 'Straße und Hausnummer', 'autocomplete="street-address"')}
<div class="row2">
${field('zip', 'PLZ', 'autocomplete="postal-code" inputmode="numeric" pattern="[0-9]{5}"')}
${field('city', 'Ort', 'autocomplete="address-level2"')}
</div>
<div><label for="payment">Zahlungsart</label>
<select id="payment" name="payment">${Object.entries(PAYMENT_METHODS)
      .map(([v, l]) => `<option value="${v}">${l}</option>`)
      .join('')}</select></div>
<p class="muted">Mit Klick auf „Jetzt kaufen“ geben Sie eine zahlungspflichtige Bestellung über <strong>${formatEur(t.totalMinor)}</strong> ab.</p>
<div class="actions"><button type="submit" id="place-order">Jetzt kaufen</button><a href="/cart">Zurück zum Warenkorb</a></div>
</form>
</section>`,
  });
}

export function orderJsonLd(o: Order, origin: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Order',
    orderNumber: o.orderNo,
    orderDate: o.createdAt,
    orderStatus: 'https://schema.org/OrderProcessing',
    url: `${origin}/order/${o.orderNo}/confirmation`,
    merchant: { '@type': 'Organization', name: SHOP_NAME },
    customer: { '@type': 'Person', name: o.customer.name },
    priceCurrency: o.currency,
    price: decimal(o.totalMinor),
    totalPaymentDue: {
      '@type': 'PriceSpecification',
      price: decimal(o.totalMinor),
      priceCurrency: o.currency,
      valueAddedTaxIncluded: true,
    },
    acceptedOffer: o.items.map((i) => ({
      '@type': 'Offer',
      itemOffered: { '@type': 'Product', name: i.name, sku: i.sku },
      price: decimal(i.unitMinor),
      priceCurrency: o.currency,
      eligibleQuantity: { '@type': 'QuantitativeValue', value: i.qty },
    })),
  };
}

export function purchaseEvent(o: Order) {
  return {
    event: 'purchase',
    ecommerce: {
      transaction_id: o.orderNo,
      affiliation: SHOP_NAME,
      value: ga4Number(o.totalMinor),
      currency: o.currency,
      tax: ga4Number(o.taxMinor),
      shipping: ga4Number(o.shippingMinor),
      items: o.items.map((i) => ({
        item_id: i.sku,
        item_name: i.name,
        price: ga4Number(i.unitMinor),
        quantity: i.qty,
      })),
    },
  };
}

export function confirmationPage(o: Order, origin: string): string {
  const rows = o.items
    .map(
      (i) =>
        `<tr><td>${esc(i.name)}</td><td class="num">${i.qty}</td><td class="num">${formatEur(i.unitMinor)}</td><td class="num">${formatEur(i.lineMinor)}</td></tr>`,
    )
    .join('');
  return layout({
    title: `Bestellung ${o.orderNo}`,
    cartCount: 0,
    head: `${jsonLd(orderJsonLd(o, origin))}
${dataLayerPush({ ecommerce: null }, purchaseEvent(o))}`,
    body: `<div class="notice">
<h1>Vielen Dank für Ihre Bestellung!</h1>
<p>Bestellnummer: <strong id="order-number">${esc(o.orderNo)}</strong>, Gesamtsumme: <strong id="order-total" data-total-minor="${o.totalMinor}">${formatEur(o.totalMinor)}</strong></p>
<p class="muted">Eine Bestätigung wurde an ${esc(o.customer.email)} gesendet. Zahlungsart: ${esc(o.payment)}.</p>
</div>
<h2>Ihre Artikel</h2>
<table id="order-items">
<thead><tr><th scope="col">Artikel</th><th scope="col" class="num">Menge</th><th scope="col" class="num">Einzelpreis</th><th scope="col" class="num">Summe</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot>${totalsRows(o, 'summary')}</tfoot>
</table>
<p class="actions"><a class="button" href="/">Weiter einkaufen</a></p>`,
  });
}

export function messagePage(title: string, message: string, status = ''): string {
  return layout({
    title,
    cartCount: 0,
    body: `<h1>${esc(title)}</h1><p id="message">${esc(message)}</p><p class="muted">${esc(status)}</p><p><a href="/">Zur Startseite</a></p>`,
  });
}
