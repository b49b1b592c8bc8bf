import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTotals, formatEur, parseCart, parseEur } from '../../demo/shop/catalogue';
import { type Shop, startShop } from '../../demo/shop/server';

let shop: Shop;
beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
afterAll(async () => {
  await shop.close();
});

/** POST /checkout like the checkout form does; returns the confirmation URL. */
async function checkout(items: string): Promise<string> {
  const res = await fetch(`${shop.url}/checkout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ items, name: 'Erika Mustermann', email: 'erika@example.de' }),
  });
  expect(res.status).toBe(303);
  const location = res.headers.get('location');
  expect(location).toMatch(/^\/order\/PP-\d{6}\/confirmation$/);
  return new URL(location!, shop.url).href;
}

function jsonLdBlocks(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
    JSON.parse(m[1]!),
  );
}

function dataLayerEvents(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/dataLayer\.push\((\{.*\})\);/g)].map((m) => JSON.parse(m[1]!));
}

describe('demo shop money', () => {
  it('adds shipping under 50 € and states the included 19 % VAT', () => {
    const t = computeTotals(parseCart('bohnen.1~thermobecher.1'));
    expect(t).toMatchObject({ subtotalMinor: 3280, shippingMinor: 490, totalMinor: 3770 });
    expect(t.taxMinor).toBe(Math.round((3770 * 19) / 119));
    expect(computeTotals(parseCart('teekanne.2')).shippingMinor).toBe(0);
    expect(formatEur(5980)).toBe('59,80\u00a0€');
    expect(formatEur(123456)).toBe('1.234,56\u00a0€');
    expect(parseEur('Gesamtsumme: 1.234,56 €')).toBe(123456);
  });
});

describe('demo shop over HTTP', () => {
  it('serves the catalogue with Product JSON-LD and no purchase signals', async () => {
    const html = await (await fetch(`${shop.url}/`)).text();
    expect(html).toContain('<html lang="de">');
    const types = jsonLdBlocks(html).map((b) => b['@type']);
    expect(types.length).toBeGreaterThanOrEqual(3);
    expect(new Set(types)).toEqual(new Set(['Product']));
    expect(html).not.toContain('"purchase"');
  });

  it('checks out and shows the order with JSON-LD and a GA4 purchase push', async () => {
    const confirmationUrl = await checkout('teekanne.2');
    const res = await fetch(confirmationUrl);
    expect(res.status).toBe(200);
    const html = await res.text();

    const order = jsonLdBlocks(html).find((b) => b['@type'] === 'Order') as {
      orderNumber: string;
      priceCurrency: string;
      price: string;
      orderStatus: string;
      totalPaymentDue: { price: string; priceCurrency: string };
      acceptedOffer: unknown[];
    };
    expect(order).toBeDefined();
    const orderNo = order.orderNumber;
    expect(confirmationUrl).toContain(`/order/${orderNo}/confirmation`);
    expect(order.priceCurrency).toBe('EUR');
    expect(order.orderStatus).toBe('https://schema.org/OrderProcessing');
    expect(Math.round(Number(order.price) * 100)).toBe(5980);
    expect(Math.round(Number(order.totalPaymentDue.price) * 100)).toBe(5980);
    expect(order.acceptedOffer).toHaveLength(1);

    const events = dataLayerEvents(html);
    const purchase = events.find((e) => e.event === 'purchase') as {
      ecommerce: {
        transaction_id: string;
        value: number;
        currency: string;
        tax: number;
        shipping: number;
        items: unknown[];
      };
    };
    expect(purchase.ecommerce.transaction_id).toBe(orderNo);
    expect(Math.round(purchase.ecommerce.value * 100)).toBe(5980);
    expect(purchase.ecommerce.currency).toBe('EUR');
    expect(Math.round(purchase.ecommerce.tax * 100)).toBe(955);
    expect(purchase.ecommerce.shipping).toBe(0);
    expect(purchase.ecommerce.items).toHaveLength(1);
    expect(html).toContain('window.dataLayer = window.dataLayer || [];');

    expect(html).toContain('Vielen Dank für Ihre Bestellung!');
    expect(html).toContain(`<strong id="order-number">${orderNo}</strong>`);
    expect(html).toMatch(/id="order-total"[^>]*>59,80\u00a0€</);

    // Revisiting shows the same order.
    const again = await (await fetch(confirmationUrl)).text();
    expect(again).toContain(`"orderNumber":"${orderNo}"`);
    expect(shop.orders.get(orderNo)?.totalMinor).toBe(5980);
  });

  it('gives every checkout a new order number', async () => {
    const a = await checkout('bohnen.1');
    const b = await checkout('bohnen.1');
    expect(a).not.toBe(b);
    const html = await (await fetch(b)).text();
    // 12,90 € + 4,90 € shipping
    expect(html).toMatch(/"transaction_id":"PP-\d{6}","affiliation":"[^"]*","value":17.8,/);
  });

  it('keeps the checkout page free of purchase signals', async () => {
    const res = await fetch(`${shop.url}/checkout`, {
      headers: { cookie: 'pp_cart=handmuehle.1' },
    });
    const html = await res.text();
    const events = dataLayerEvents(html).map((e) => e.event);
    expect(events).toContain('begin_checkout');
    expect(events).not.toContain('purchase');
    expect(html).toContain('id="place-order"');
  });

  it('refuses an empty checkout and unknown orders', async () => {
    const res = await fetch(`${shop.url}/checkout`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ items: '', name: 'x', email: 'x@y.de' }),
    });
    expect(res.status).toBe(400);
    expect((await fetch(`${shop.url}/order/PP-1/confirmation`)).status).toBe(404);
  });
});
