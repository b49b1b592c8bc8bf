/**
 * The demo shop's products and money arithmetic. All amounts are integer
 * euro cents; rendering to "49,90 €" happens only at the edges.
 */
export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string;
  priceMinor: number;
  /** Background colour of the monogram tile that stands in for a photo. */
  color: string;
}

export const CURRENCY = 'EUR';
export const SHOP_NAME = 'Kaffee & Kanne';
export const VAT_PERCENT = 19;
export const SHIPPING_MINOR = 490;
export const FREE_SHIPPING_FROM_MINOR = 5000;

export const PRODUCTS: readonly Product[] = [
  {
    id: 'handmuehle',
    sku: 'KK-1001',
    name: 'Handkaffeemühle Keramik',
    description: 'Keramikmahlwerk, stufenlos einstellbar, für Espresso bis French Press.',
    priceMinor: 4990,
    color: '#8d5a3b',
  },
  {
    id: 'teekanne',
    sku: 'KK-1002',
    name: 'Teekanne Glas 1,2 l',
    description: 'Hitzebeständiges Borosilikatglas mit Edelstahlsieb.',
    priceMinor: 2990,
    color: '#3b7a8d',
  },
  {
    id: 'thermobecher',
    sku: 'KK-1003',
    name: 'Thermobecher Edelstahl 350 ml',
    description: 'Doppelwandig, auslaufsicher, hält Getränke 6 Stunden heiß.',
    priceMinor: 1990,
    color: '#5a6b7d',
  },
  {
    id: 'bohnen',
    sku: 'KK-1004',
    name: 'Espressobohnen Bio 500 g',
    description: 'Arabica und Robusta aus fairem Handel, mittlere Röstung.',
    priceMinor: 1290,
    color: '#6b4a2b',
  },
];

export const productById = (id: string): Product | undefined => PRODUCTS.find((p) => p.id === id);

export interface Line {
  product: Product;
  qty: number;
  lineMinor: number;
}

export interface Totals {
  lines: Line[];
  subtotalMinor: number;
  shippingMinor: number;
  /** VAT contained in the total (prices include 19 % VAT). */
  taxMinor: number;
  totalMinor: number;
}

/** Cart contents as product id → quantity. */
export type Cart = Map<string, number>;

export function computeTotals(cart: Cart): Totals {
  const lines: Line[] = [];
  for (const [id, qty] of cart) {
    const product = productById(id);
    if (product && qty > 0) lines.push({ product, qty, lineMinor: product.priceMinor * qty });
  }
  const subtotalMinor = lines.reduce((s, l) => s + l.lineMinor, 0);
  const shippingMinor =
    subtotalMinor === 0 || subtotalMinor >= FREE_SHIPPING_FROM_MINOR ? 0 : SHIPPING_MINOR;
  const totalMinor = subtotalMinor + shippingMinor;
  const taxMinor = Math.round((totalMinor * VAT_PERCENT) / (100 + VAT_PERCENT));
  return { lines, subtotalMinor, shippingMinor, taxMinor, totalMinor };
}

/** 5980 → "59,80 €" (German format, thousands separated by a dot). */
export function formatEur(minor: number): string {
  const euros = Math.floor(minor / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${euros},${String(minor % 100).padStart(2, '0')}\u00a0€`;
}

/** 5980 → "59.80" (schema.org / decimal string). */
export const decimal = (minor: number): string =>
  `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** 5980 → 59.8 (GA4 dataLayer numbers). */
export const ga4Number = (minor: number): number => Number(decimal(minor));

/** "59,80 €" / "1.059,80 €" → 5980; null when the text holds no German price. */
export function parseEur(text: string): number | null {
  const m = /(\d{1,3}(?:\.\d{3})*|\d+),(\d{2})/.exec(text);
  if (!m) return null;
  return Number(m[1]!.replace(/\./g, '')) * 100 + Number(m[2]);
}

/** Cart cookie value: "teekanne.2~bohnen.1". Unknown ids are dropped, quantities 1–99. */
export function parseCart(value: string | undefined | null): Cart {
  const cart: Cart = new Map();
  if (!value) return cart;
  for (const part of value.split(/[~,]/)) {
    const [id, q] = part.split(/[.:]/);
    if (!id || !productById(id)) continue;
    const qty = Math.min(99, Math.max(1, Number.parseInt(q ?? '1', 10) || 1));
    cart.set(id, Math.min(99, (cart.get(id) ?? 0) + qty));
  }
  return cart;
}

export const serializeCart = (cart: Cart): string =>
  [...cart]
    .filter(([, q]) => q > 0)
    .map(([id, q]) => `${id}.${q}`)
    .join('~');
