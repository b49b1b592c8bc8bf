import { parse } from 'tldts';
import type { Partner } from '../contract';

/**
 * The key a URL is matched on: its registrable domain ("shop.example" for
 * "https://www.shop.example/x"), or the host itself for IPs and hosts without
 * a public suffix ("127.0.0.1", "localhost"). Lower-case; null for URLs that
 * have no host (about:, data:, chrome:// …).
 */
export function siteKey(url: string): string | null {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    host = u.hostname.toLowerCase();
  } catch {
    return null;
  }
  if (host.startsWith('[')) return host; // IPv6 literal
  const p = parse(host, { allowPrivateDomains: true });
  if (p.isIp) return host;
  return p.domain ?? host;
}

/** O(1) URL → partner lookup over a catalogue, keyed by registrable domain. */
export class PartnerIndex {
  readonly #bySite = new Map<string, Partner>();
  readonly #byId = new Map<string, Partner>();

  constructor(partners: readonly Partner[]) {
    for (const p of partners) {
      this.#byId.set(p.id, p);
      for (const d of p.domains) {
        // A partner domain given as a subdomain still claims its whole site.
        const key = siteKey(`https://${d}/`) ?? d;
        if (!this.#bySite.has(key)) this.#bySite.set(key, p);
      }
    }
  }

  byUrl(url: string | undefined | null): Partner | undefined {
    if (!url) return undefined;
    const key = siteKey(url);
    return key === null ? undefined : this.#bySite.get(key);
  }

  byId(id: string): Partner | undefined {
    return this.#byId.get(id);
  }

  get size(): number {
    return this.#byId.size;
  }
}
