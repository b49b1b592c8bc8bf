import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { Claim, type Money } from '../../../utils/contract';
import { type DetectionResult, detectPurchase } from '../../../utils/detect';
import { fixturePartner, fixtures, inlineDataLayer, readFixture } from './fixtures';
import { doc, ld, NOW } from './helpers';

const isMoney = (m: Money | undefined) =>
  m === undefined ||
  (Number.isSafeInteger(m.minor) && m.minor >= 0 && /^[A-Z]{3}$/.test(m.currency));

function checkInvariants(r: DetectionResult) {
  for (const f of r.found) {
    expect(isMoney(f.total) && isMoney(f.tax) && isMoney(f.shipping)).toBe(true);
  }
  if (r.claim) {
    expect(Claim.safeParse(r.claim).success).toBe(true);
    expect(r.claim.orderRef.trim()).not.toBe('');
    expect(r.claim.total.currency).toMatch(/^[A-Z]{3}$/);
    expect(Number.isSafeInteger(r.claim.total.minor) && r.claim.total.minor > 0).toBe(true);
  } else {
    expect(typeof r.reason).toBe('string');
  }
}

const sources = fixtures.map((f) => ({ f, html: readFixture(f) }));

type Op = ['drop' | 'dup' | 'shuffle' | 'garble' | 'digits' | 'attr', number, string];
const op: fc.Arbitrary<Op> = fc.tuple(
  fc.constantFrom('drop', 'dup', 'shuffle', 'garble', 'digits', 'attr'),
  fc.nat(),
  fc.oneof(
    fc.string(),
    fc.stringMatching(/^[-−]?[\d.,' \u202f]{0,12}$/),
    fc.constantFrom('NaN', '-1', '1e309', '0', ''),
  ),
);

function mutate(d: Document, ops: Op[]) {
  for (const [kind, n, s] of ops) {
    const all = Array.from(d.querySelectorAll('body *, head script'));
    const el = all[n % Math.max(1, all.length)];
    if (!el) continue;
    switch (kind) {
      case 'drop':
        el.remove();
        break;
      case 'dup':
        el.after(el.cloneNode(true));
        break;
      case 'shuffle': {
        const kids = Array.from(el.children);
        for (const k of kids.reverse()) el.appendChild(k);
        break;
      }
      case 'garble':
        el.textContent = s;
        break;
      case 'digits':
        el.textContent = (el.textContent ?? '').replace(/\d+([.,]\d+)?/g, s);
        break;
      case 'attr':
        el.setAttribute(['content', 'itemprop', 'itemtype', 'data-order-number'][n % 4]!, s);
        break;
    }
  }
}

describe('properties: detection on mutated fixture pages', () => {
  it('never throws, never yields negative/non-finite amounts, claims always valid', () => {
    fc.assert(
      fc.property(
        fc.nat(sources.length - 1),
        fc.array(op, { maxLength: 12 }),
        fc.string(),
        (i, ops, dlNoise) => {
          const { f, html } = sources[i]!;
          const d = parseHTML(html).document as unknown as Document;
          const dataLayer = inlineDataLayer(d);
          mutate(d, ops);
          // Garble the dataLayer too: numbers become the noise string.
          const dl = JSON.parse(
            JSON.stringify(dataLayer).replace(/:(\d+(\.\d+)?)/g, (_m, x) =>
              ops.length % 2 ? `:${JSON.stringify(dlNoise)}` : `:${x}`,
            ),
          );
          checkInvariants(
            detectPurchase({ url: f.url, document: d, dataLayer: dl }, fixturePartner(f), NOW),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

const numberish = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.stringMatching(/^-?\d{0,9}(\.\d{0,4})?$/),
  fc.string(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, '1.234,56', '12,50 €', null),
);
const currencyish = fc.oneof(
  fc.constantFrom('EUR', 'eur', 'JPY', 'KWD', '€', 'XYZ', '', 'CHF'),
  fc.string(),
  fc.constant(undefined),
);
const refish = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constantFrom('', '  ', '#1001', 'A\u0000B', 'x'.repeat(300)),
  fc.constant(undefined),
);

const orderArb = fc.record(
  {
    '@type': fc.constantFrom('Order', ['Order'], 'schema:Order', 'Product', 'Invoice'),
    orderNumber: refish,
    confirmationNumber: refish,
    orderStatus: fc.oneof(
      fc.constantFrom('https://schema.org/OrderPaymentDue', 'OrderProcessing', 'OrderCancelled'),
      fc.string(),
    ),
    orderDate: fc.oneof(fc.string(), fc.constantFrom('2025-03-14T11:00:00Z', '2020-01-01')),
    price: numberish,
    priceCurrency: currencyish,
    totalPaymentDue: fc.oneof(
      numberish,
      fc.record({
        '@type': fc.constant('PriceSpecification'),
        price: numberish,
        priceCurrency: currencyish,
      }),
      fc.array(
        fc.record({
          price: numberish,
          priceCurrency: currencyish,
          valueAddedTaxIncluded: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      fc.jsonValue(),
    ),
    acceptedOffer: fc.array(
      fc.record({
        price: numberish,
        priceCurrency: currencyish,
        eligibleQuantity: fc.record({ value: fc.oneof(fc.integer(), fc.string()) }),
      }),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: ['@type'] },
);

describe('properties: random JSON-LD and dataLayer payloads', () => {
  it('JSON-LD: never throws, claims always valid', () => {
    fc.assert(
      fc.property(
        fc.array(orderArb, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.anything(),
        (orders, graph, junk) => {
          const payload = graph
            ? { '@context': 'https://schema.org', '@graph': [...orders, junk] }
            : orders.length === 1
              ? orders[0]
              : orders;
          let html: string;
          try {
            html = ld(payload);
          } catch {
            return; // not serialisable (BigInt in junk)
          }
          const page = { url: 'https://shop.example/order/1', document: doc(html), dataLayer: [] };
          checkInvariants(detectPurchase(page, { id: 'shop-example', rules: [] }, NOW));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('dataLayer: never throws, claims always valid', () => {
    const params = fc.record({
      transaction_id: refish,
      value: numberish,
      currency: currencyish,
      tax: numberish,
      shipping: numberish,
      items: fc.array(
        fc.record({ price: numberish, quantity: fc.oneof(fc.integer(), fc.string()) }),
        { maxLength: 3 },
      ),
    });
    const entry = fc.oneof(
      fc.record({
        event: fc.constantFrom('purchase', 'begin_checkout', 'add_to_cart', 'refund'),
        ecommerce: fc.oneof(params, fc.constant(null)),
      }),
      fc.tuple(fc.constant('event'), fc.constantFrom('purchase', 'view_item'), params),
      fc.record({
        ecommerce: fc.record({
          currencyCode: currencyish,
          purchase: fc.record({
            actionField: fc.record({ id: refish, revenue: numberish, tax: numberish }),
          }),
        }),
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (dataLayer) => {
        const page = {
          url: 'https://shop.example/thanks',
          document: doc('<p>Danke</p>'),
          dataLayer,
        };
        checkInvariants(detectPurchase(page, { id: 'shop-example', rules: [] }, NOW));
      }),
      { numRuns: 500 },
    );
  });
});
