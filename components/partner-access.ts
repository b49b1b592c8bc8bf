import { browser } from 'wxt/browser';
import type { Partner } from '@/utils/contract';
import { sendMessage } from '@/utils/messaging';
import { partnerOrigins } from '@/utils/partners';
import { STORAGE_KEYS } from '@/utils/storage-keys';
import { t } from './i18n';

/**
 * The partners the user turned on, kept in storage.local. "Enabled = granted"
 * still holds for what runs; this list only tells a partner the user never
 * turned on apart from one whose site access the browser took away later
 * (about:addons, Firefox's origin controls, Chrome's site access menu).
 */
export const PARTNER_ACCESS_KEY = STORAGE_KEYS.partnerAccess;

/**
 * - `on`: granted; `off`: never turned on (or turned off here);
 * - `removed`: turned on, but the browser no longer grants its sites;
 * - `denied`: the user just said no to the browser's question (not stored).
 */
export type PartnerAccess = 'on' | 'off' | 'removed' | 'denied';

/** Pure: a partner's state from what the browser grants and what the user turned on. */
export function accessOf(id: string, granted: ReadonlySet<string>, chosen: ReadonlySet<string>) {
  if (granted.has(id)) return 'on' as const;
  return chosen.has(id) ? ('removed' as const) : ('off' as const);
}

/** The partners (of `partners`) with at least one of their sites granted. */
export async function grantedIds(partners: readonly Partner[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const p of partners) {
    const checks = await Promise.all(
      partnerOrigins(p).map((o) =>
        browser.permissions.contains({ origins: [o] }).catch(() => false),
      ),
    );
    if (checks.some(Boolean)) ids.add(p.id);
  }
  return ids;
}

export async function chosenIds(): Promise<Set<string>> {
  const raw = (await browser.storage.local.get(PARTNER_ACCESS_KEY))[PARTNER_ACCESS_KEY];
  const ids = (raw as { chosen?: unknown } | undefined)?.chosen;
  return new Set(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []);
}

async function updateChosen(change: (ids: Set<string>) => void): Promise<void> {
  const ids = await chosenIds();
  const before = [...ids].sort().join();
  change(ids);
  if ([...ids].sort().join() === before) return;
  await browser.storage.local.set({ [PARTNER_ACCESS_KEY]: { chosen: [...ids].sort() } });
}

/**
 * Remembers every granted partner as turned on: grants made outside our pages
 * (onboarding, the browser's own menus, the test build's manifest) count too.
 */
export function noteGranted(partners: readonly Partner[]): Promise<void> {
  return grantedIds(partners).then((granted) =>
    updateChosen((ids) => {
      for (const id of granted) ids.add(id);
    }),
  );
}

/** Each partner's state, for the settings' list and the popup. */
export async function partnerAccess(
  partners: readonly Partner[],
): Promise<Map<string, PartnerAccess>> {
  const [granted, chosen] = await Promise.all([grantedIds(partners), chosenIds()]);
  return new Map(partners.map((p) => [p.id, accessOf(p.id, granted, chosen)]));
}

/**
 * Asks the browser for the partner's sites. Call it straight from a click:
 * the browser only asks within a user gesture, so nothing may be awaited
 * before. `denied` when the user (or the browser) says no: nothing changes.
 */
export async function enablePartner(p: Pick<Partner, 'id' | 'domains'>): Promise<'on' | 'denied'> {
  const ok = await browser.permissions.request({ origins: partnerOrigins(p) }).catch(() => false);
  if (!ok) return 'denied';
  await updateChosen((ids) => ids.add(p.id));
  await sendMessage('permissionsChanged', undefined).catch(() => undefined);
  return 'on';
}

/** Turns a partner off here: gives its sites back and forgets it was on. */
export async function disablePartner(p: Pick<Partner, 'id' | 'domains'>): Promise<boolean> {
  const ok = await browser.permissions.remove({ origins: partnerOrigins(p) }).catch(() => false);
  await updateChosen((ids) => ids.delete(p.id));
  await sendMessage('permissionsChanged', undefined).catch(() => undefined);
  return ok;
}

/** "Leave off" for a partner whose access was removed: no longer asks to allow it again. */
export function forgetPartner(id: string): Promise<void> {
  return updateChosen((ids) => ids.delete(id));
}

/** The browser's name for sentences such as "Firefox did not allow …". */
export function browserName(): string {
  return import.meta.env.FIREFOX ? 'Firefox' : t('browserYours');
}
