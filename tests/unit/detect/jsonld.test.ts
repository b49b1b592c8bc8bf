import { describe, expect, it } from 'vitest';
import { detectJsonLd } from '../../../utils/detect/jsonld';
import { doc, ld } from './helpers';

const order = (extra: object = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'Order',
  orderNumber: 'WC-1001',
  totalPaymentDue: { '@type': 'PriceSpecification', price: 49.9, priceCurrency: 'EUR' },
  ...extra,
});

describe('detectJsonLd', () => {
  it('reads a plain Order with a PriceSpecification', () => {
    expect(detectJsonLd(doc(ld(order())))).toEqual([
      { kind: 'jsonld', orderRef: 'WC-1001', total: { minor: 4990, currency: 'EUR' } },
    ]);
  });
  it('finds Orders in @graph, arrays, and resolves @id references', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', name: 'Danke' },
        { '@type': ['Order'], confirmationNumber: 'A-7', totalPaymentDue: { '@id': '#due' } },
        { '@id': '#due', '@type': 'MonetaryAmount', value: '19.00', currency: 'CHF' },
      ],
    };
    expect(detectJsonLd(doc(ld(graph)))[0]).toMatchObject({
      orderRef: 'A-7',
      total: { minor: 1900, currency: 'CHF' },
    });
    expect(detectJsonLd(doc(ld([{ '@type': 'Thing' }, order()])))[0]?.orderRef).toBe('WC-1001');
  });
  it('takes price+priceCurrency on the Order and sums acceptedOffers as a last resort', () => {
    expect(
      detectJsonLd(
        doc(ld(order({ totalPaymentDue: undefined, price: '12.50', priceCurrency: 'EUR' }))),
      )[0]?.total,
    ).toEqual({
      minor: 1250,
      currency: 'EUR',
    });
    const f = detectJsonLd(
      doc(
        ld(
          order({
            totalPaymentDue: undefined,
            acceptedOffer: [
              { '@type': 'Offer', price: 10, priceCurrency: 'EUR', eligibleQuantity: { value: 2 } },
              { '@type': 'Offer', price: '5.5', priceCurrency: 'EUR' },
            ],
          }),
        ),
      ),
    )[0];
    expect(f).toMatchObject({ total: { minor: 2550, currency: 'EUR' }, totalFromItems: true });
  });
  it('prefers the gross of several price specifications and reads delivery charges', () => {
    const f = detectJsonLd(
      doc(
        ld(
          order({
            totalPaymentDue: [
              {
                '@type': 'PriceSpecification',
                price: 41.93,
                priceCurrency: 'EUR',
                valueAddedTaxIncluded: false,
              },
              {
                '@type': 'CompoundPriceSpecification',
                price: 49.9,
                priceCurrency: 'EUR',
                valueAddedTaxIncluded: true,
              },
            ],
          }),
        ),
      ),
    )[0];
    expect(f?.total).toEqual({ minor: 4990, currency: 'EUR' });
    const g = detectJsonLd(
      doc(
        ld(
          order({
            totalPaymentDue: {
              '@type': 'CompoundPriceSpecification',
              price: 54.8,
              priceCurrency: 'EUR',
              priceComponent: [{ '@type': 'DeliveryChargeSpecification', price: 4.9 }],
            },
          }),
        ),
      ),
    )[0];
    expect(g?.shipping).toEqual({ minor: 490, currency: 'EUR' });
  });
  it('vetoes orders whose status says they are not purchases', () => {
    for (const s of [
      'https://schema.org/OrderPaymentDue',
      'OrderCancelled',
      'schema:OrderProblem',
      'PaymentDue',
    ]) {
      expect(detectJsonLd(doc(ld(order({ orderStatus: s }))))[0]?.veto).toBeTruthy();
    }
    expect(
      detectJsonLd(doc(ld(order({ paymentStatus: 'https://schema.org/PaymentDeclined' }))))[0]
        ?.veto,
    ).toBeTruthy();
    expect(
      detectJsonLd(doc(ld(order({ orderStatus: 'https://schema.org/OrderProcessing' }))))[0]?.veto,
    ).toBeUndefined();
  });
  it('tolerates malformed JSON and repairs the usual mistakes', () => {
    const broken = `<script type="application/ld+json">{"@type":"Order","orderNumber":"9",
      "description":"line
break","price":"1.00","priceCurrency":"EUR",}</script><script type="application/ld+json">{nope</script>`;
    const f = detectJsonLd(doc(broken));
    expect(f.find((x) => x.orderRef)).toMatchObject({
      orderRef: '9',
      total: { minor: 100, currency: 'EUR' },
    });
    expect(f.some((x) => x.note?.includes('malformed'))).toBe(true);
  });
  it('ignores product pages (Offer without Order) and reports Orders without numbers', () => {
    const product = {
      '@type': 'Product',
      name: 'Mug',
      offers: { '@type': 'Offer', price: 9.99, priceCurrency: 'EUR' },
    };
    expect(detectJsonLd(doc(ld(product)))).toEqual([]);
    expect(detectJsonLd(doc(ld(order({ orderNumber: '' }))))[0]?.orderRef).toBeUndefined();
  });
  it('accepts numeric order numbers and strips a leading #', () => {
    expect(detectJsonLd(doc(ld(order({ orderNumber: 1001 }))))[0]?.orderRef).toBe('1001');
    expect(detectJsonLd(doc(ld(order({ orderNumber: '#1001' }))))[0]?.orderRef).toBe('1001');
  });
});
