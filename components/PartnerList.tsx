import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Partner } from '@/utils/contract';
import { sendMessage } from '@/utils/messaging';
import { partnerOrigins } from '@/utils/partners';
import { CATALOGUE_KEY, forgetCachedCatalogue, loadCatalogue } from '@/utils/partners/stored';
import { rateText, t } from './i18n';

/** The partners whose sites the user granted (enabled = granted). */
export async function enabledIds(partners: Partner[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const p of partners) {
    const granted = await Promise.all(
      partnerOrigins(p).map((o) => browser.permissions.contains({ origins: [o] })),
    );
    if (granted.some(Boolean)) ids.add(p.id);
  }
  return ids;
}

/** Enable partners one by one; enabling asks the browser for that partner's sites only. */
export function PartnerList() {
  const [partners, setPartners] = useState<Partner[]>([]);
  const [enabled, setEnabled] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();

  const reload = async () => {
    const { partners: list } = await loadCatalogue();
    setPartners(list);
    setEnabled(await enabledIds(list));
  };
  useEffect(() => {
    void reload();
    // The server's catalogue can arrive while the page is open (first sign-in,
    // a new server address): show its partners and rates at once.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(CATALOGUE_KEY in changes)) return;
      forgetCachedCatalogue();
      void reload();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const toggle = async (p: Partner, on: boolean) => {
    setError(undefined);
    const origins = partnerOrigins(p);
    // request() must run straight from the click: the browser asks the user now.
    const ok = on
      ? await browser.permissions.request({ origins })
      : await browser.permissions.remove({ origins }).catch(() => false);
    if (!ok) setError(t('permissionDenied'));
    await sendMessage('permissionsChanged', undefined);
    await reload();
  };

  return (
    <section class="card stack" aria-labelledby="partners-title" data-testid="partners">
      <h2 id="partners-title">{t('partnersTitle')}</h2>
      <p class="muted">{t('partnersHelp')}</p>
      <ul class="partners">
        {partners.map((p) => (
          <li key={p.id}>
            <label>
              <input
                type="checkbox"
                checked={enabled.has(p.id)}
                onChange={(e) => toggle(p, e.currentTarget.checked)}
              />
              <span class="partner">{p.name}</span>{' '}
              <span class="muted">{rateText(p.earn.pointsPerUnit, p.earn.currency)}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
