import { describe, expect, it } from 'vitest';
import { detectMicrodata } from '../../../utils/detect/microdata';
import { doc } from './helpers';

describe('detectMicrodata', () => {
  it('reads orderNumber and a nested totalPaymentDue', () => {
    const html = `<div itemscope itemtype="https://schema.org/Order">
      <p>Bestellnummer <span itemprop="orderNumber">100234</span></p>
      <link itemprop="orderStatus" href="https://schema.org/OrderProcessing">
      <div itemprop="acceptedOffer" itemscope itemtype="https://schema.org/Offer">
        <span itemprop="price" content="19.90">19,90 €</span><meta itemprop="priceCurrency" content="EUR"></div>
      <div itemprop="totalPaymentDue" itemscope itemtype="https://schema.org/PriceSpecification">
        <span itemprop="price">1.024,90 €</span></div></div>`;
    expect(detectMicrodata(doc(html))).toEqual([
      { kind: 'microdata', orderRef: '100234', total: { minor: 102490, currency: 'EUR' } },
    ]);
  });
  it('reads price+priceCurrency on the Order, and sums offers when no total is stated', () => {
    const a = `<div itemscope itemtype="http://schema.org/Order"><meta itemprop="orderNumber" content="X1">
      <span itemprop="price">12.00</span><meta itemprop="priceCurrency" content="USD"></div>`;
    expect(detectMicrodata(doc(a))[0]?.total).toEqual({ minor: 1200, currency: 'USD' });
    const b = `<div itemscope itemtype="https://schema.org/Order"><span itemprop="orderNumber">X2</span>
      <div itemprop="acceptedOffer" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="5.00"></span><meta itemprop="priceCurrency" content="EUR"><meta itemprop="eligibleQuantity" content="3"></div>
      <div itemprop="acceptedOffer" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="1.50"></span><meta itemprop="priceCurrency" content="EUR"></div></div>`;
    expect(detectMicrodata(doc(b))[0]).toMatchObject({
      total: { minor: 1650, currency: 'EUR' },
      totalFromItems: true,
    });
  });
  it('vetoes cancelled orders and ignores Products', () => {
    const c = `<div itemscope itemtype="https://schema.org/Order"><span itemprop="orderNumber">9</span>
      <link itemprop="orderStatus" href="https://schema.org/OrderCancelled"><span itemprop="price">1 €</span></div>`;
    expect(detectMicrodata(doc(c))[0]?.veto).toContain('Cancelled');
    const p = `<div itemscope itemtype="https://schema.org/Product"><div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price">9,99 €</span></div></div>`;
    expect(detectMicrodata(doc(p))).toEqual([]);
  });
});
