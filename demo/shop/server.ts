/**
 * Demo partner shop "Kaffee & Kanne": a small multi-page shop on plain
 * node:http, used by the e2e tests, the demo and the detector benchmarks.
 *
 *   npx tsx demo/shop/server.ts          # PORT=8080 to pick the port
 *
 * Journey: / → "In den Warenkorb" (POST /cart/add, cart in a cookie) → /cart →
 * "Zur Kasse" (/checkout) → "Jetzt kaufen" (POST /checkout) → 303 →
 * /order/PP-123456/confirmation. Orders live in memory; revisiting a
 * confirmation URL shows the same order again.
 */

import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { CURRENCY, computeTotals, parseCart, productById, serializeCart } from './catalogue';
import { withHostile } from './hostile';
import {
  cartPage,
  checkoutPage,
  confirmationPage,
  homePage,
  messagePage,
  type Order,
  PAYMENT_METHODS,
  type PaymentMethod,
  productPage,
} from './pages';

export type { Order, OrderItem } from './pages';

export interface ShopOptions {
  port?: number;
  host?: string;
  /**
   * Number of the first order ("PP-<n>"); later orders count up. Defaults to a
   * random six-digit start so restarts of the shop do not reuse order numbers
   * (the backend rejects a second claim for the same order reference).
   */
  firstOrderNo?: number;
  /** Every page carries a stylesheet and a script attacking Pointpilot's banner (hostile.ts). */
  hostile?: boolean;
}

export interface Shop {
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:40123". */
  url: string;
  /** Orders placed so far, by order number. */
  orders: ReadonlyMap<string, Order>;
  close(): Promise<void>;
}

const CART_COOKIE = 'pp_cart';
const MAX_BODY = 64 * 1024;

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    try {
      out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      // malformed cookie value: ignore
    }
  }
  return out;
}

const cartCookie = (value: string): string =>
  value
    ? `${CART_COOKIE}=${encodeURIComponent(value)}; Path=/; SameSite=Lax; HttpOnly`
    : `${CART_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`;

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(html);
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}) {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

export function startShop(options: ShopOptions = {}): Promise<Shop> {
  const { port = 0, host = '127.0.0.1' } = options;
  const orders = new Map<string, Order>();
  let nextOrderNo = options.firstOrderNo ?? randomInt(100_000, 900_000);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.hostile) {
      // Every HTML page goes out through res.end: the attack goes into each one.
      const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
      res.end = ((chunk?: unknown) =>
        end(typeof chunk === 'string' ? withHostile(chunk) : chunk)) as typeof res.end;
    }
    const url = new URL(req.url ?? '/', 'http://shop.invalid');
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const jar = cookies(req);
    const cart = parseCart(jar.get(CART_COOKIE));
    const isGet = method === 'GET' || method === 'HEAD';

    if (isGet && path === '/') return send(res, 200, homePage(cart, origin));
    if (isGet && path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }

    const productMatch = /^\/product\/([a-z0-9-]+)$/.exec(path);
    if (isGet && productMatch) {
      const p = productById(productMatch[1]!);
      return p
        ? send(res, 200, productPage(p, cart, origin))
        : send(res, 404, messagePage('Produkt nicht gefunden', 'Dieses Produkt gibt es nicht.'));
    }

    if (method === 'POST' && (path === '/cart/add' || path === '/cart/remove')) {
      const form = await readForm(req);
      const id = form?.get('productId') ?? '';
      if (!productById(id)) {
        return send(res, 400, messagePage('Fehler', 'Unbekanntes Produkt.'));
      }
      if (path === '/cart/add') {
        const qty = Math.min(99, Math.max(1, Number.parseInt(form?.get('qty') ?? '1', 10) || 1));
        cart.set(id, Math.min(99, (cart.get(id) ?? 0) + qty));
      } else {
        cart.delete(id);
      }
      return redirect(res, '/cart', { 'set-cookie': cartCookie(serializeCart(cart)) });
    }

    if (isGet && path === '/cart') return send(res, 200, cartPage(cart));
    if (isGet && path === '/checkout') {
      return send(res, 200, checkoutPage(cart, serializeCart(cart)));
    }

    if (method === 'POST' && path === '/checkout') {
      const form = await readForm(req);
      if (!form) return send(res, 413, messagePage('Fehler', 'Anfrage zu groß.'));
      // The form carries the cart, so a checkout also works without cookies.
      const items = form.has('items') ? parseCart(form.get('items')) : cart;
      const t = computeTotals(items);
      const name = (form.get('name') ?? '').trim();
      const email = (form.get('email') ?? '').trim();
      if (t.lines.length === 0) {
        return send(res, 400, messagePage('Warenkorb leer', 'Ihr Warenkorb ist leer.'));
      }
      if (!name || !/^[^@\s]+@[^@\s]+$/.test(email)) {
        return send(
          res,
          400,
          messagePage('Angaben fehlen', 'Bitte geben Sie Name und E-Mail-Adresse an.'),
        );
      }
      const payment = (form.get('payment') ?? 'invoice') as PaymentMethod;
      const orderNo = `PP-${nextOrderNo++}`;
      const order: Order = {
        orderNo,
        createdAt: new Date().toISOString(),
        currency: CURRENCY,
        items: t.lines.map((l) => ({
          id: l.product.id,
          sku: l.product.sku,
          name: l.product.name,
          unitMinor: l.product.priceMinor,
          qty: l.qty,
          lineMinor: l.lineMinor,
        })),
        subtotalMinor: t.subtotalMinor,
        shippingMinor: t.shippingMinor,
        taxMinor: t.taxMinor,
        totalMinor: t.totalMinor,
        customer: {
          name,
          email,
          street: form.get('street') ?? '',
          zip: form.get('zip') ?? '',
          city: form.get('city') ?? '',
        },
        payment: PAYMENT_METHODS[payment] ?? PAYMENT_METHODS.invoice,
      };
      orders.set(orderNo, order);
      return redirect(res, `/order/${orderNo}/confirmation`, { 'set-cookie': cartCookie('') });
    }

    const orderMatch = /^\/order\/([A-Z0-9-]+)\/confirmation$/.exec(path);
    if (isGet && orderMatch) {
      const order = orders.get(orderMatch[1]!);
      return order
        ? send(res, 200, confirmationPage(order, origin))
        : send(
            res,
            404,
            messagePage('Bestellung nicht gefunden', 'Diese Bestellung gibt es nicht.'),
          );
    }

    if (!isGet && method !== 'POST') {
      res.writeHead(405, { allow: 'GET, HEAD, POST' }).end();
      return;
    }
    send(res, 404, messagePage('Seite nicht gefunden', 'Diese Seite gibt es nicht.'));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[shop]', err);
      if (!res.headersSent) send(res, 500, messagePage('Fehler', 'Interner Fehler.'));
      else res.end();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address() as AddressInfo;
      const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `http://${h}:${addr.port}`,
        orders,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  startShop({ port: Number(process.env.PORT ?? 0) }).then(
    (shop) => {
      console.log(`Demo shop on ${shop.url}`);
      const stop = () => void shop.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
