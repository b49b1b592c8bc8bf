/**
 * Page object for the demo shop: buys through the UI like a shopper would and
 * reads the order number and total from the confirmation page.
 */
import type { Page } from '@playwright/test';
import { PRODUCTS, parseEur } from './catalogue';

export interface Purchase {
  orderNo: string;
  totalMinor: number;
  confirmationUrl: string;
  /** The email given at checkout: the shop's record of its buyer (its confirmations prove it). */
  email: string;
}

export const CUSTOMER = {
  name: 'Erika Mustermann',
  email: 'erika@example.de',
  street: 'Heidestraße 17',
  zip: '51147',
  city: 'Köln',
};

/**
 * Adds each product id (one piece per occurrence; default: the first product)
 * from the start page, goes to the cart, "Zur Kasse", fills the form (with
 * `email`, as a member types their own) and presses "Jetzt kaufen".
 */
export async function buy(
  page: Page,
  shopUrl: string,
  productIds: string[] = [PRODUCTS[0]!.id],
  email: string = CUSTOMER.email,
): Promise<Purchase> {
  const base = shopUrl.replace(/\/+$/, '');
  // Start from an empty cart, whatever an earlier journey left behind.
  await page.context().clearCookies({ name: 'pp_cart' });
  for (const id of productIds) {
    await page.goto(`${base}/`);
    await Promise.all([page.waitForURL(/\/cart$/), page.locator(`#add-${id}`).click()]);
  }
  await page.locator('#cart-link').click();
  await page.waitForURL(/\/cart$/);
  await page.locator('#to-checkout').click();
  await page.waitForURL(/\/checkout$/);
  await page.getByLabel('Vor- und Nachname').fill(CUSTOMER.name);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Straße und Hausnummer').fill(CUSTOMER.street);
  await page.getByLabel('PLZ').fill(CUSTOMER.zip);
  await page.getByLabel('Ort', { exact: true }).fill(CUSTOMER.city);
  await Promise.all([
    page.waitForURL(/\/order\/[^/]+\/confirmation$/),
    page.locator('#place-order').click(),
  ]);
  const orderNo = ((await page.locator('#order-number').textContent()) ?? '').trim();
  const totalText = (await page.locator('#order-total').textContent()) ?? '';
  const totalMinor = parseEur(totalText);
  if (!orderNo || totalMinor === null) {
    throw new Error(`confirmation page unreadable: "${orderNo}" / "${totalText}"`);
  }
  return { orderNo, totalMinor, confirmationUrl: page.url(), email };
}

/**
 * Places an order over HTTP, as the checkout form posts it (`items` like
 * "bohnen.1"), and returns its confirmation URL: for runs that need many
 * orders, or a browser driven without Playwright (Firefox).
 */
export async function placeOrder(shopUrl: string, items: string, email: string): Promise<string> {
  const res = await fetch(`${shopUrl}/checkout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ items, name: CUSTOMER.name, email }),
  });
  return new URL(res.headers.get('location')!, shopUrl).href;
}
