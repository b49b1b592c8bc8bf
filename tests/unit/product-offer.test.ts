import { describe, expect, it } from 'vitest';
import { productPrice } from '../../utils/detect/product-offer';
import { LIMITS } from '../../utils/detect/values';
import { doc, ld } from './detect/helpers';

/**
 * The price the banner's "about N points for this" is computed from. What
 * must never happen: a preview for a page that is not about one product at
 * one price, a preview from a price that is not a real positive amount, or a
 * page that throws or hangs the content script.
 */

const EUR = (minor: number) => ({ minor, currency: 'EUR' });
const product = (offers: unknown, extra: object = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: 'Kaffeebecher',
  offers,
  ...extra,
});
const offer = (price: unknown, priceCurrency: unknown = 'EUR', extra: object = {}) => ({
  '@type': 'Offer',
  price,
  priceCurrency,
  ...extra,
});
/** A JSON-LD block as the page prints it, unescaped (for text JSON.stringify would repair). */
const rawLd = (text: string) => `<script type="application/ld+json">${text}</script>`;
const priceOf = (html: string) => productPrice(doc(html));

describe('productPrice: JSON-LD', () => {
  it('reads a Product with one Offer (number and decimal string)', () => {
    expect(priceOf(ld(product(offer(49.9))))).toEqual(EUR(4990));
    expect(priceOf(ld(product(offer('49.90'))))).toEqual(EUR(4990));
    expect(priceOf(ld(product(offer('49.90', 'eur'))))).toEqual(EUR(4990));
  });

  it('finds the Product in @graph and under a full schema.org type IRI', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', name: 'Kaffeebecher kaufen' },
        { '@type': 'BreadcrumbList', itemListElement: [] },
        { ...product(offer(12.5)), '@type': 'https://schema.org/Product' },
      ],
    };
    expect(priceOf(ld(graph))).toEqual(EUR(1250));
  });

  it('takes an offers array whose prices agree, and refuses one whose prices differ', () => {
    expect(priceOf(ld(product([offer(19.9), offer('19.90'), offer(19.9)])))).toEqual(EUR(1990));
    // Sizes or colours at different prices: "about N points for this" would be about which one?
    expect(priceOf(ld(product([offer(19.9), offer(24.9)])))).toBeNull();
    // The same amount in another currency is another price too.
    expect(priceOf(ld(product([offer(19.9), offer(19.9, 'CHF')])))).toBeNull();
  });

  it('takes an AggregateOffer only when low and high price agree', () => {
    const agg = (lowPrice: unknown, highPrice: unknown) => ({
      '@type': 'AggregateOffer',
      lowPrice,
      highPrice,
      priceCurrency: 'EUR',
      offerCount: 3,
    });
    expect(priceOf(ld(product(agg(29.9, '29.90'))))).toEqual(EUR(2990));
    expect(priceOf(ld(product(agg(29.9, 39.9))))).toBeNull();
    expect(priceOf(ld(product(agg(39.9, 29.9))))).toBeNull();
  });

  // The module's rule is "an AggregateOffer counts only when low and high
  // price agree"; a range stated only by its lower end ("ab 19,90 €", three
  // offers) is not one price.
  it('gives no preview for an AggregateOffer that states only its lowest price', () => {
    const from = { '@type': 'AggregateOffer', lowPrice: 19.9, priceCurrency: 'EUR', offerCount: 3 };
    expect(priceOf(ld(product(from)))).toBeNull();
  });

  it('reads a price from the priceSpecification when the Offer itself has none', () => {
    const spec = { '@type': 'UnitPriceSpecification', price: '7.95', priceCurrency: 'EUR' };
    expect(priceOf(ld(product({ '@type': 'Offer', priceSpecification: spec })))).toEqual(EUR(795));
    // The Offer's own price wins over its specification's.
    expect(priceOf(ld(product(offer(8.5, 'EUR', { priceSpecification: spec }))))).toEqual(EUR(850));
  });

  it('keeps a currency without minor units (JPY) and one with three (KWD) exact', () => {
    expect(priceOf(ld(product(offer(1980, 'JPY'))))).toEqual({ minor: 1980, currency: 'JPY' });
    expect(priceOf(ld(product(offer('1980', 'JPY'))))).toEqual({ minor: 1980, currency: 'JPY' });
    expect(priceOf(ld(product(offer('12.345', 'KWD'))))).toEqual({
      minor: 12345,
      currency: 'KWD',
    });
    expect(priceOf(ld(product(offer(0.125, 'KWD'))))).toEqual({ minor: 125, currency: 'KWD' });
  });

  it('refuses a price of zero, below zero, or not a real number', () => {
    for (const bad of [
      0,
      '0',
      '0.00',
      -5,
      '-5',
      '-0.01',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e309',
      '1e999',
      '',
      '   ',
      'auf Anfrage',
      null,
      true,
      { '@value': 'x' },
      [49.9],
    ]) {
      expect(priceOf(ld(product(offer(bad)))), JSON.stringify(bad)).toBeNull();
    }
    // JSON numbers that JavaScript reads as Infinity, printed raw as a page would.
    expect(
      priceOf(rawLd('{"@type":"Product","offers":{"price":1e309,"priceCurrency":"EUR"}}')),
    ).toBeNull();
    expect(
      priceOf(rawLd('{"@type":"Product","offers":{"price":-1e309,"priceCurrency":"EUR"}}')),
    ).toBeNull();
  });

  it('refuses an absurd price and one without a known currency', () => {
    expect(priceOf(ld(product(offer(10_000_000))))).toBeNull();
    expect(priceOf(ld(product({ '@type': 'Offer', price: 49.9 })))).toBeNull();
    expect(priceOf(ld(product(offer(49.9, 'EURO'))))).toBeNull();
    expect(priceOf(ld(product(offer(49.9, 42))))).toBeNull();
  });

  it('skips a malformed block and still reads a good one beside it', () => {
    const broken = rawLd('{"@type":"Product","offers":{"price":');
    expect(priceOf(broken)).toBeNull();
    expect(priceOf(broken + ld(product(offer(5))))).toEqual(EUR(500));
    expect(priceOf(rawLd('<!-- not json at all -->') + rawLd('undefined'))).toBeNull();
  });

  it('reads blocks with the repairs real pages need (trailing commas, raw newlines)', () => {
    const sloppy =
      '{"@type":"Product","name":"Becher\nrot","offers":{"price":"9.90","priceCurrency":"EUR",},}';
    expect(priceOf(rawLd(sloppy))).toEqual(EUR(990));
  });

  it('is not thrown off by U+0000 and lone surrogates in strings', () => {
    // Escaped in JSON, raw in the page, in names and in the price fields themselves.
    expect(priceOf(ld(product(offer(49.9), { name: '\u0000\ud800x\udfff' })))).toEqual(EUR(4990));
    expect(
      priceOf(
        rawLd(
          `{"@type":"Product","name":"a\u0000b\ud800","offers":{"price":49.9,"priceCurrency":"EUR"}}`,
        ),
      ),
    ).toEqual(EUR(4990));
    expect(priceOf(ld(product(offer(49.9, 'EUR\u0000'))))).toBeNull();
    expect(priceOf(ld(product(offer(49.9, '\ud800UR'))))).toBeNull();
    expect(priceOf(ld(product(offer('\u0000'))))).toBeNull();
    expect(priceOf(ld(product(offer('\ud800\udc00'))))).toBeNull();
    expect(priceOf(ld(product(offer(49.9), { '@type': 'Product\u0000' })))).toBeNull();
  });

  it('ignores an Order: a confirmation page is not a product page', () => {
    const order = {
      '@context': 'https://schema.org',
      '@type': 'Order',
      orderNumber: 'WC-1001',
      priceCurrency: 'EUR',
      price: 59.8,
      totalPaymentDue: { '@type': 'PriceSpecification', price: 59.8, priceCurrency: 'EUR' },
      acceptedOffer: [
        {
          '@type': 'Offer',
          price: 29.9,
          priceCurrency: 'EUR',
          eligibleQuantity: { value: 2 },
          itemOffered: { '@type': 'Product', name: 'Kaffeebecher' },
        },
      ],
    };
    expect(priceOf(ld(order))).toBeNull();
    // A Product block beside it (the shop's theme prints one): its price, never the order total.
    expect(priceOf(ld(order) + ld(product(offer(19.9))))).toEqual(EUR(1990));
    expect(priceOf(ld({ '@graph': [order, product(offer(19.9))] }))).toEqual(EUR(1990));
  });

  it('gives no preview on a listing of several products at different prices', () => {
    const list = {
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      itemListElement: [9.9, 14.9, 19.9].map((p, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        item: product(offer(p), { name: `Becher ${i}` }),
      })),
    };
    expect(priceOf(ld(list))).toBeNull();
    // Separate blocks, and a product page whose recommendations carry their own prices.
    expect(priceOf(ld(product(offer(9.9))) + ld(product(offer(14.9))))).toBeNull();
    expect(priceOf(ld(product(offer(49.9), { isSimilarTo: [product(offer(39.9))] })))).toBeNull();
  });

  it('is null on a page without any product data', () => {
    expect(priceOf('<h1>Willkommen</h1><p>49,90 €</p>')).toBeNull();
    expect(priceOf(ld({ '@type': 'WebPage', name: 'Start', offers: offer(49.9) }))).toBeNull();
    expect(priceOf(ld(product(undefined)))).toBeNull();
    expect(priceOf(ld(product([])))).toBeNull();
    expect(
      priceOf(`<script type="text/plain">${JSON.stringify(product(offer(5)))}</script>`),
    ).toBeNull();
  });
});

describe('productPrice: microdata', () => {
  it('reads Product → Offer from the content attribute before the printed text', () => {
    const html = `<div itemscope itemtype="https://schema.org/Product">
      <h1 itemprop="name">Kaffeebecher</h1>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <span itemprop="price" content="49.90">49,90 €</span>
        <meta itemprop="priceCurrency" content="EUR"></div></div>`;
    expect(priceOf(html)).toEqual(EUR(4990));
  });

  it('reads the printed text when there is no content attribute', () => {
    const html = `<div itemscope itemtype="http://schema.org/Product">
      <div itemprop="offers" itemscope itemtype="http://schema.org/Offer">
        <span itemprop="price">1.299,00</span> <span itemprop="priceCurrency">EUR</span></div></div>`;
    expect(priceOf(html)).toEqual(EUR(129_900));
  });

  it('agrees with the same product in JSON-LD, and refuses when the two disagree', () => {
    const micro = (p: string) => `<div itemscope itemtype="https://schema.org/Product">
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <meta itemprop="price" content="${p}"><meta itemprop="priceCurrency" content="EUR"></div></div>`;
    expect(priceOf(ld(product(offer(49.9))) + micro('49.90'))).toEqual(EUR(4990));
    expect(priceOf(ld(product(offer(49.9))) + micro('39.90'))).toBeNull();
  });

  it('refuses zero, negative and non-numbers, and a price without currency', () => {
    const micro = (price: string, cur = '<meta itemprop="priceCurrency" content="EUR">') =>
      `<div itemscope itemtype="https://schema.org/Product"><div itemprop="offers" itemscope itemtype="https://schema.org/Offer">${price}${cur}</div></div>`;
    for (const p of ['0', '-5', 'NaN', 'Infinity', '1e309', '', 'gratis']) {
      expect(priceOf(micro(`<meta itemprop="price" content="${p}">`)), p).toBeNull();
    }
    expect(priceOf(micro('<span itemprop="price">-12,00 €</span>'))).toBeNull();
    expect(priceOf(micro('<meta itemprop="price" content="49.90">', ''))).toBeNull();
  });

  it('gives no preview on a listing of several products at different prices', () => {
    const card = (p: string) => `<li itemscope itemtype="https://schema.org/Product">
      <span itemprop="name">Becher</span>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <meta itemprop="price" content="${p}"><meta itemprop="priceCurrency" content="EUR"></div></li>`;
    expect(priceOf(`<ul>${['9.90', '14.90', '19.90'].map(card).join('')}</ul>`)).toBeNull();
  });

  it('ignores an Order in microdata', () => {
    const html = `<div itemscope itemtype="https://schema.org/Order"><span itemprop="orderNumber">100234</span>
      <div itemprop="acceptedOffer" itemscope itemtype="https://schema.org/Offer">
        <meta itemprop="price" content="19.90"><meta itemprop="priceCurrency" content="EUR"></div></div>`;
    expect(priceOf(html)).toBeNull();
  });
});

describe('productPrice: bounded on hostile pages', () => {
  it('returns on a Product nested far deeper than LIMITS.depth, and on deep junk', () => {
    let deep: unknown = product(offer(49.9));
    for (let i = 0; i < LIMITS.depth + 5; i++) deep = { '@type': 'Thing', child: deep };
    expect(priceOf(ld(deep))).toBeNull();
    // 100 000 levels of arrays: JSON.parse may refuse it, productPrice must not throw.
    const n = 100_000;
    expect(priceOf(rawLd(`${'['.repeat(n)}${']'.repeat(n)}`))).toBeNull();
    expect(priceOf(rawLd(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`))).toBeNull();
  });

  it('looks at no more than LIMITS.items offers of a huge offers array', () => {
    const offers = Array.from({ length: 5_000 }, (_, i) => offer(i < LIMITS.items ? 9.9 : 10 + i));
    const text = ld(product(offers));
    expect(text.length).toBeLessThan(LIMITS.jsonChars);
    // Within the limit they agree; what lies beyond it is never read.
    expect(priceOf(text)).toEqual(EUR(990));
  });

  it('returns on a huge @graph of products and on hundreds of blocks', () => {
    const graph = ld({ '@graph': Array.from({ length: 3_000 }, () => product(offer(9.9))) });
    expect(graph.length).toBeLessThan(LIMITS.jsonChars);
    expect(priceOf(graph)).toEqual(EUR(990));
    const blocks = Array.from({ length: 1_000 }, (_, i) => ld(product(offer(1 + i)))).join('');
    expect(priceOf(blocks)).toBeNull();
  });

  it('skips a block over LIMITS.jsonChars', () => {
    const padding = 'x'.repeat(LIMITS.jsonChars);
    expect(priceOf(ld(product(offer(49.9), { description: padding })))).toBeNull();
  });

  // A hostile page prints a price of tens of thousands of digits followed by a
  // letter (JSON-LD allows up to LIMITS.jsonChars = 500 000 characters). This
  // must come back at once like every other refused price; vitest's default
  // timeout is the only clock here.
  it('returns at once on a price of 80 000 digits and a letter', () => {
    const digits = `${'1'.repeat(80_000)}x`;
    expect(priceOf(ld(product(offer(digits))))).toBeNull();
  });

  it('returns at once on a microdata price element with a huge text', () => {
    const html = `<div itemscope itemtype="https://schema.org/Product"><div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
      <span itemprop="price">${'1'.repeat(80_000)}x</span><meta itemprop="priceCurrency" content="EUR"></div></div>`;
    expect(priceOf(html)).toBeNull();
  });

  it('ignores a __proto__ key from the page and pollutes nothing', () => {
    const json =
      '{"@type":"Product","__proto__":{"offers":{"price":1,"priceCurrency":"EUR"}},"offers":{"price":"2.00","priceCurrency":"EUR"}}';
    expect(priceOf(rawLd(json))).toEqual(EUR(200));
    expect(({} as Record<string, unknown>).offers).toBeUndefined();
  });
});
