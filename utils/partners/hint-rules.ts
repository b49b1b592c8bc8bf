import { parse } from 'tldts';
import type { Partner } from '../contract';

/**
 * The toolbar hint on partner shops the user has not enabled ("Pointpilot
 * could collect here"), as chrome.declarativeContent rules: the browser
 * matches them against the pages and swaps the icon itself, so the extension
 * never learns which page is open. Pure: entrypoints/background/partner-hint.ts
 * hands these to the browser.
 */

/** Our one rule; replaced whole on every update. */
export const HINT_RULE_ID = 'pp-partner-hint';

/** A toolbar shows 16 px, and 32 px on 2× screens; `npm run icons` renders both. */
export const HINT_ICON_SIZES = [16, 32] as const;
export type HintIconSize = (typeof HINT_ICON_SIZES)[number];
export const hintIconPath = <S extends HintIconSize>(size: S) => `icon/hint-${size}.png` as const;

/** A declarativeContent UrlFilter on scheme and host only: no path, no query. */
export interface HintUrlFilter {
  schemes: ('http' | 'https')[];
  hostEquals?: string;
  /** With a leading dot: subdomains only (hostEquals covers the domain itself). */
  hostSuffix?: string;
}

export interface HintRule {
  id: string;
  /** Any one matching is enough (declarativeContent ORs a rule's conditions). */
  conditions: HintUrlFilter[];
}

/**
 * The same sites partnerOrigins() asks access for, so the hint shows exactly
 * where enabling the partner would let Pointpilot collect: an IP or
 * single-label host as itself over http and https; a domain and its
 * subdomains over https.
 */
function filtersFor(domain: string): HintUrlFilter[] {
  const host = domain.toLowerCase();
  const p = parse(host, { allowPrivateDomains: true });
  if (p.isIp || !p.domain) return [{ schemes: ['http', 'https'], hostEquals: host }];
  return [
    { schemes: ['https'], hostEquals: host },
    { schemes: ['https'], hostSuffix: `.${host}` },
  ];
}

/** True when an enabled partner's sites already take in this host (itself or a parent domain). */
function coveredBy(host: string, enabled: ReadonlySet<string>): boolean {
  for (const e of enabled) {
    if (host === e) return true;
    const p = parse(e, { allowPrivateDomains: true });
    if (!p.isIp && p.domain && host.endsWith(`.${e}`)) return true;
  }
  return false;
}

/**
 * The rules for the partners the user has not enabled (`enabledIds`: on in
 * the settings and granted): none when every partner is on. A site an enabled
 * partner also covers gets no hint, as Pointpilot already collects there.
 */
export function hintRules(
  partners: readonly Pick<Partner, 'id' | 'domains'>[],
  enabledIds: ReadonlySet<string>,
): HintRule[] {
  const enabledHosts = new Set(
    partners
      .filter((p) => enabledIds.has(p.id))
      .flatMap((p) => p.domains.map((d) => d.toLowerCase())),
  );
  const seen = new Set<string>();
  const conditions: HintUrlFilter[] = [];
  for (const p of partners) {
    if (enabledIds.has(p.id)) continue;
    for (const d of p.domains) {
      if (coveredBy(d.toLowerCase(), enabledHosts)) continue;
      for (const f of filtersFor(d)) {
        const key = JSON.stringify(f);
        if (!seen.has(key)) conditions.push(f);
        seen.add(key);
      }
    }
  }
  return conditions.length ? [{ id: HINT_RULE_ID, conditions }] : [];
}
