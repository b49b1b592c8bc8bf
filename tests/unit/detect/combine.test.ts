import { describe, expect, it } from 'vitest';
import { Claim } from '../../../utils/contract';
import { combine, detectPurchase, type Finding } from '../../../utils/detect';
import { ld, NOW, page, partner } from './helpers';

const ctx = { partnerId: 'shop-example', url: 'https://shop.example/checkout/finish', now: NOW };
const eur = (minor: number) => ({ minor, currency: 'EUR' });

describe('combine', () => {
  it('merges agreeing signals into one valid claim', () => {
    const r = combine(
      [
        { kind: 'jsonld', orderRef: '1001', total: eur(4990) },
        { kind: 'datalayer', orderRef: '1001', total: eur(4990), tax: eur(797) },
        { kind: 'ua', orderRef: '1001' },
      ],
      ctx,
    );
    expect(r.claim).toEqual({
      partnerId: 'shop-example',
      orderRef: '1001',
      total: eur(4990),
      tax: eur(797),
      detectedAt: NOW.toISOString(),
      signals: ['jsonld', 'datalayer', 'ua'],
      conflicts: [],
    });
    expect(Claim.safeParse(r.claim).success).toBe(true);
  });
  it('resolves conflicting ids and totals by precedence and records them', () => {
    const r = combine(
      [
        { kind: 'ua', orderRef: '999', total: eur(100) },
        { kind: 'datalayer', orderRef: '1001', total: eur(4500), shipping: eur(490) },
        { kind: 'rule', orderRef: '1001', total: eur(4990) },
      ],
      ctx,
    );
    expect(r.claim?.orderRef).toBe('1001');
    expect(r.claim?.total).toEqual(eur(4990));
    expect(r.claim?.signals).toEqual(['rule']);
    expect(r.claim?.shipping).toEqual(eur(490));
    expect(r.claim?.conflicts).toHaveLength(2);
    expect(r.claim?.conflicts.join('\n')).toMatch(
      /datalayer total 45.00 EUR differs.*\n.*ua says order 999/,
    );
  });
  it('matches Magento-style zero-padded numbers', () => {
    const r = combine(
      [
        { kind: 'microdata', orderRef: '000000123', total: eur(100) },
        { kind: 'datalayer', orderRef: '123', total: eur(100) },
      ],
      ctx,
    );
    expect(r.claim?.signals).toEqual(['microdata', 'datalayer']);
  });
  it('prefers a stated total over one summed from items', () => {
    const r = combine(
      [
        { kind: 'jsonld', orderRef: 'A', total: eur(1000), totalFromItems: true },
        { kind: 'datalayer', orderRef: 'A', total: eur(1490) },
      ],
      ctx,
    );
    expect(r.claim?.total).toEqual(eur(1490));
  });
  it.each<[string, Finding[], RegExp]>([
    ['nothing', [], /no purchase signal/],
    ['ref without total', [{ kind: 'datalayer', orderRef: 'A' }], /no usable total/],
    ['zero value', [{ kind: 'jsonld', orderRef: 'A', total: eur(0) }], /zero-value/],
    [
      'veto on the same order',
      [
        { kind: 'jsonld', orderRef: 'A', total: eur(5), veto: 'JSON-LD orderStatus is PaymentDue' },
        { kind: 'datalayer', orderRef: 'A', total: eur(5) },
      ],
      /PaymentDue/,
    ],
    [
      'order history',
      [
        { kind: 'jsonld', orderRef: 'A', total: eur(5), orderDate: '2024-01-01' },
        { kind: 'jsonld', orderRef: 'B', total: eur(7), orderDate: '2024-02-01' },
      ],
      /ambiguous/,
    ],
  ])('no claim: %s', (_name, found, reason) => {
    const r = combine(found, ctx);
    expect(r.claim).toBeNull();
    if (!r.claim) expect(r.reason).toMatch(reason);
  });
  it('picks the current order among several by URL, other detectors, or date', () => {
    const two: Finding[] = [
      { kind: 'jsonld', orderRef: 'A-1', total: eur(5), orderDate: '2025-03-14T11:59:00Z' },
      { kind: 'jsonld', orderRef: 'B-2', total: eur(7), orderDate: '2024-02-01' },
    ];
    expect(combine(two, { ...ctx, url: 'https://s.example/order/B-2' }).claim?.orderRef).toBe(
      'B-2',
    );
    expect(combine([...two, { kind: 'ua', orderRef: 'B-2' }], ctx).claim?.orderRef).toBe('B-2');
    expect(combine(two, ctx).claim?.orderRef).toBe('A-1');
  });
});

describe('detectPurchase', () => {
  it('never throws on broken input', () => {
    const bad = [
      null,
      {},
      { url: 5, document: {}, dataLayer: 'x' },
      {
        url: 'x',
        document: {
          querySelectorAll: () => {
            throw new Error('boom');
          },
        },
        dataLayer: [],
      },
    ];
    for (const b of bad) {
      const r = detectPurchase(b as never, partner, NOW);
      expect(r.claim).toBeNull();
    }
    const r = detectPurchase(bad[3] as never, partner, NOW);
    expect(r.found.some((f) => f.note?.includes('failed: boom'))).toBe(true);
  });
  it('claims from a page, with partner id and time', () => {
    const p = page(
      ld({ '@type': 'Order', orderNumber: '77', price: 10, priceCurrency: 'EUR' }),
      'https://shop.example/x',
      [['event', 'purchase', { transaction_id: '77', value: 10, currency: 'EUR' }]],
    );
    const r = detectPurchase(p, partner, NOW);
    expect(r.claim).toMatchObject({
      partnerId: 'shop-example',
      orderRef: '77',
      signals: ['jsonld', 'gtag'],
    });
  });
});
