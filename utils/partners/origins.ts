import { parse } from 'tldts';
import type { Partner } from '../contract';

/**
 * Match patterns for a partner's sites: the host permissions the user grants
 * when enabling the partner, and the matches of its content scripts.
 * An IP or single-label host gets exactly that host; a domain gets itself and
 * its subdomains. Ports are not part of Chrome/Firefox match patterns.
 */
export function partnerOrigins(partner: Pick<Partner, 'domains'>): string[] {
  const out = new Set<string>();
  for (const d of partner.domains) {
    const p = parse(d, { allowPrivateDomains: true });
    if (p.isIp || !p.domain) {
      out.add(`http://${d}/*`);
      out.add(`https://${d}/*`);
    } else {
      out.add(`https://${d}/*`);
      out.add(`https://*.${d}/*`);
    }
  }
  return [...out];
}

/** The match pattern covering exactly this URL's scheme and host ("http://127.0.0.1/*"). */
export function sitePattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}
