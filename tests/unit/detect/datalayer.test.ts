import { describe, expect, it } from 'vitest';
import { isCommerceEntry } from '../../../utils/detect/commerce';
import { detectDataLayer } from '../../../utils/detect/datalayer';

const eur = (minor: number) => ({ minor, currency: 'EUR' });

describe('detectDataLayer', () => {
  it('reads GA4 purchases pushed through GTM', () => {
    const f = detectDataLayer([
      { event: 'gtm.js' },
      { ecommerce: null },
      {
        event: 'purchase',
        ecommerce: {
          transaction_id: 'T-1',
          value: 59.9,
          currency: 'EUR',
          tax: 9.56,
          shipping: '4.90',
        },
      },
    ]);
    expect(f).toEqual([
      { kind: 'datalayer', orderRef: 'T-1', total: eur(5990), tax: eur(956), shipping: eur(490) },
    ]);
  });
  it('reads gtag purchase calls (arguments as arrays or array-likes)', () => {
    const args = ['event', 'purchase', { transaction_id: 42, value: '12.50', currency: 'EUR' }];
    expect(detectDataLayer([args])).toEqual([{ kind: 'gtag', orderRef: '42', total: eur(1250) }]);
    expect(detectDataLayer([{ ...args }])[0]?.orderRef).toBe('42');
  });
  it('reads Universal Analytics enhanced ecommerce', () => {
    const f = detectDataLayer([
      {
        event: 'gtm4wp.orderCompletedEEC',
        ecommerce: {
          currencyCode: 'EUR',
          purchase: {
            actionField: { id: '3344', revenue: '80.00', tax: '12.77', shipping: '0.00' },
            products: [],
          },
        },
      },
    ]);
    expect(f).toEqual([
      { kind: 'ua', orderRef: '3344', total: eur(8000), tax: eur(1277), shipping: eur(0) },
    ]);
  });
  it('uses a currency from an earlier push, and sums items when value is missing', () => {
    const f = detectDataLayer([
      ['set', { currency: 'CHF' }],
      [
        'event',
        'purchase',
        { transaction_id: 'Z', items: [{ price: 10, quantity: 2 }, { price: 0.5 }] },
      ],
    ]);
    expect(f[0]).toMatchObject({
      orderRef: 'Z',
      total: { minor: 2050, currency: 'CHF' },
      totalFromItems: true,
    });
  });
  it('ignores non-purchases and empty transaction ids', () => {
    const f = detectDataLayer([
      { event: 'begin_checkout', ecommerce: { value: 10, currency: 'EUR' } },
      ['event', 'add_to_cart', { value: 10, currency: 'EUR' }],
      { event: 'purchase', ecommerce: { transaction_id: '', value: 10, currency: 'EUR' } },
      { event: 'purchase', ecommerce: { transaction_id: '   ', value: 10, currency: 'EUR' } },
      { ecommerce: null },
    ]);
    expect(f.filter((x) => x.orderRef)).toEqual([]);
    expect(f.map((x) => x.note).join(' ')).toContain('without transaction_id');
  });
  it('dedupes repeated pushes and survives junk', () => {
    const p = { event: 'purchase', ecommerce: { transaction_id: 'T', value: 1, currency: 'EUR' } };
    expect(detectDataLayer([p, p, null, 7, 'x', [], { ecommerce: 'x' }]).length).toBe(1);
    expect(detectDataLayer(undefined as unknown as unknown[])).toEqual([]);
  });
  it('knows which entries the probe should hand over', () => {
    expect(isCommerceEntry({ event: 'gtm.click', 'gtm.element': 'x' })).toBe(false);
    expect(isCommerceEntry(['config', 'G-XYZ'])).toBe(false);
    expect(isCommerceEntry(['event', 'page_view', {}])).toBe(false);
    expect(isCommerceEntry(['event', 'purchase', {}])).toBe(true);
    expect(isCommerceEntry({ ecommerce: null })).toBe(true);
  });
});
