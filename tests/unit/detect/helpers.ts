import { parseHTML } from 'linkedom';
import type { PageSnapshot } from '../../../utils/detect';

export const NOW = new Date('2025-03-14T12:00:00Z');

export function doc(html: string): Document {
  const full = /<html/i.test(html)
    ? html
    : `<!doctype html><html lang="de"><head></head><body>${html}</body></html>`;
  return parseHTML(full).document as unknown as Document;
}

export function page(
  html: string,
  url = 'https://shop.example/checkout/finish',
  dataLayer: unknown[] = [],
): PageSnapshot {
  return { url, document: doc(html), dataLayer };
}

export const ld = (data: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

export const partner = { id: 'shop-example', rules: [] };
