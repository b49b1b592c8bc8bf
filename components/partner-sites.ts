import type { Partner } from '@/utils/contract';

/** A partner site a shopper can open: https for a named host, none for a bare IP or localhost. */
export function partnerSiteUrl(domain: string): string | undefined {
  const host = domain.trim().toLowerCase();
  if (!host || host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':'))
    return undefined;
  return `https://${host}/`;
}

/** Each enabled partner with the sites to list on onboarding's last screen, by name. */
export function partnerSites(
  partners: readonly Pick<Partner, 'id' | 'name' | 'domains'>[],
  enabled: ReadonlySet<string>,
): { id: string; name: string; sites: { domain: string; url?: string }[] }[] {
  return partners
    .filter((p) => enabled.has(p.id))
    .map((p) => ({
      id: p.id,
      name: p.name,
      sites: p.domains.map((domain) => ({ domain, url: partnerSiteUrl(domain) })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
