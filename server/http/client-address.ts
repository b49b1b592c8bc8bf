import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's address for sign-in limits. Behind a proxy that sets
 * X-Forwarded-For (TRUST_PROXY=1) its first entry; otherwise the socket's.
 * IPv6 addresses count per /64, because one subscriber usually holds a whole
 * /64 and could otherwise rotate through 2^64 addresses.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  let addr: string | undefined;
  if (trustProxy) addr = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (!addr) {
    try {
      addr = getConnInfo(c).remote.address;
    } catch {
      // In-process requests (tests) have no socket.
    }
  }
  return addressKey(addr ?? 'unknown');
}

export function addressKey(raw: string): string {
  const addr = raw.trim().toLowerCase().slice(0, 64);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (mapped) return mapped[1]!;
  if (!addr.includes(':')) return addr;
  const [head = '', tail = ''] = addr.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = addr.includes('::')
    ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t]
    : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
