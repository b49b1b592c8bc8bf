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

/**
 * Host permissions the user once granted for partners that have since left
 * the catalogue: the extension gives them back, so it keeps access only to
 * current partners the user enabled. `keep` lists origins granted at install
 * (the manifest's own), which cannot be removed.
 */
export function orphanOrigins(
  granted: readonly string[],
  partners: readonly Pick<Partner, 'domains'>[],
  keep: readonly string[] = [],
): string[] {
  const wanted = new Set([...partners.flatMap(partnerOrigins), ...keep]);
  return granted.filter((o) => !wanted.has(o));
}
