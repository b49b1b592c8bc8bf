import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Partner } from '@/utils/contract';
import { CATALOGUE_KEY, forgetCachedCatalogue, loadCatalogue } from '@/utils/partners/stored';
import { AccessProblem } from './AccessProblem';
import { rateText, t } from './i18n';
import {
  disablePartner,
  enabledPartnerIds,
  enablePartner,
  forgetPartner,
  offIds,
  PARTNER_ACCESS_KEY,
  type PartnerAccess,
  partnerAccess,
  resumePartner,
} from './partner-access';

/** The partners that are on: sites granted, and not turned off here. */
export const enabledIds = (partners: Partner[]): Promise<Set<string>> =>
  enabledPartnerIds(partners);

/** Enable partners one by one; enabling asks the browser for that partner's sites only. */
export function PartnerList() {
  const [partners, setPartners] = useState<Partner[]>([]);
  const [access, setAccess] = useState<Map<string, PartnerAccess>>(new Map());
  const [denied, setDenied] = useState<Set<string>>(new Set());
  // Turned off here while the browser kept the grant: turning on asks nothing.
  const [kept, setKept] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();

  const reload = async () => {
    const { partners: list } = await loadCatalogue();
    setPartners(list);
    setAccess(await partnerAccess(list));
    setKept(await offIds());
  };
  useEffect(() => {
    void reload();
    // The server's catalogue can arrive while the page is open (first sign-in,
    // a new server address), and access can be removed in the browser's menus.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local') return;
      if (CATALOGUE_KEY in changes) forgetCachedCatalogue();
      if (CATALOGUE_KEY in changes || PARTNER_ACCESS_KEY in changes) void reload();
    };
    const onPermissions = () => void reload();
    browser.storage.onChanged.addListener(onChanged);
    browser.permissions.onRemoved.addListener(onPermissions);
    browser.permissions.onAdded.addListener(onPermissions);
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      browser.permissions.onRemoved.removeListener(onPermissions);
      browser.permissions.onAdded.removeListener(onPermissions);
    };
  }, []);

  const enable = async (p: Partner) => {
    setError(undefined);
    // enablePartner asks the browser first thing: it must run straight from the click.
    const outcome = kept.has(p.id) ? await resumePartner(p) : await enablePartner(p);
    setDenied((d) => {
      const next = new Set(d);
      if (outcome === 'denied') next.add(p.id);
      else next.delete(p.id);
      return next;
    });
    await reload();
  };
  const disable = async (p: Partner) => {
    setError(undefined);
    // Off either way: when the browser keeps the grant, nothing is registered for it.
    await disablePartner(p).catch(() => setError(t('permissionDenied')));
    await reload();
  };
  const leaveOff = async (p: Partner) => {
    await forgetPartner(p.id);
    await reload();
  };

  return (
    <section class="card stack" aria-labelledby="partners-title" data-testid="partners">
      <h2 id="partners-title">{t('partnersTitle')}</h2>
      <p class="muted">{t('partnersHelp')}</p>
      <ul class="partners">
        {partners.map((p) => {
          const stored = access.get(p.id) ?? 'off';
          const state: PartnerAccess = stored !== 'on' && denied.has(p.id) ? 'denied' : stored;
          return (
            <li key={p.id} data-testid="partner" data-partner-id={p.id} data-access={state}>
              <label>
                <input
                  type="checkbox"
                  checked={state === 'on'}
                  onChange={(e) => (e.currentTarget.checked ? enable(p) : disable(p))}
                />
                <span class="partner">{p.name}</span>{' '}
                <span class="muted">{rateText(p.earn.pointsPerUnit, p.earn.currency)}</span>
              </label>
              <AccessProblem
                partner={p}
                access={state}
                onAllow={() => enable(p)}
                onLeaveOff={state === 'removed' ? () => leaveOff(p) : undefined}
              />
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
