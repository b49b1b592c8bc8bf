import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Partner } from '@/utils/contract';
import { loadCatalogue } from '@/utils/partners/stored';
import { AccessProblem } from './AccessProblem';
import { t } from './i18n';
import { enablePartner, PARTNER_ACCESS_KEY, partnerAccess } from './partner-access';

/**
 * The popup's word on partners the user turned on whose site access the
 * browser has since taken away: each says so and offers to allow it again.
 * `except`: the partner the current-site card already speaks about.
 */
export function AccessRemoved({ except }: { except?: string }) {
  const [removed, setRemoved] = useState<Partner[]>([]);
  const [denied, setDenied] = useState<Set<string>>(new Set());
  const reload = async () => {
    const { partners } = await loadCatalogue();
    const access = await partnerAccess(partners);
    setRemoved(partners.filter((p) => access.get(p.id) === 'removed'));
  };
  useEffect(() => {
    void reload();
    const onPermissions = () => void reload();
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && PARTNER_ACCESS_KEY in changes) void reload();
    };
    browser.permissions.onAdded.addListener(onPermissions);
    browser.permissions.onRemoved.addListener(onPermissions);
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      browser.permissions.onAdded.removeListener(onPermissions);
      browser.permissions.onRemoved.removeListener(onPermissions);
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);

  const shown = removed.filter((p) => p.id !== except);
  if (shown.length === 0) return null;
  const allow = async (p: Partner) => {
    // Asks the browser first thing, within the click.
    const outcome = await enablePartner(p);
    setDenied(
      (d) => new Set(outcome === 'denied' ? [...d, p.id] : [...d].filter((x) => x !== p.id)),
    );
    await reload();
  };
  return (
    <section class="card" aria-labelledby="access-removed-title" data-testid="access-removed">
      <h2 id="access-removed-title">{t('partnerAccessTitle')}</h2>
      {shown.map((p) => (
        <div key={p.id} data-partner-id={p.id}>
          <AccessProblem
            partner={p}
            access={denied.has(p.id) ? 'denied' : 'removed'}
            onAllow={() => allow(p)}
          />
        </div>
      ))}
    </section>
  );
}
