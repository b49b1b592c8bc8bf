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

/**
 * Pure: a partner's state from what the browser grants, what the user turned
 * on, and what the user turned off while the browser kept its sites granted.
 */
export function accessOf(
  id: string,
  granted: ReadonlySet<string>,
  chosen: ReadonlySet<string>,
  off: ReadonlySet<string> = new Set(),
) {
  if (off.has(id)) return 'off' as const;
  if (granted.has(id)) return 'on' as const;
  return chosen.has(id) ? ('removed' as const) : ('off' as const);
}

/** The partners (of `partners`) with at least one of their sites granted. */
export async function grantedIds(
  partners: readonly Pick<Partner, 'id' | 'domains'>[],
): Promise<Set<string>> {
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

/**
 * `chosen`: the partners turned on. `off`: turned off here although the
 * browser would not give their sites back (a manifest host permission, as in
 * the test build): nothing runs there until the user turns them on again.
 */
async function stored(): Promise<{ chosen: Set<string>; off: Set<string> }> {
  const raw = (await browser.storage.local.get(PARTNER_ACCESS_KEY))[PARTNER_ACCESS_KEY];
  const ids = (list: unknown) =>
    new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  const r = raw as { chosen?: unknown; off?: unknown } | undefined;
  return { chosen: ids(r?.chosen), off: ids(r?.off) };
}

export async function chosenIds(): Promise<Set<string>> {
  return (await stored()).chosen;
}

/** Partners turned off whose sites the browser still grants (see `stored`). */
export async function offIds(): Promise<Set<string>> {
  return (await stored()).off;
}

async function update(change: (ids: { chosen: Set<string>; off: Set<string> }) => void) {
  const ids = await stored();
  const key = () => `${[...ids.chosen].sort().join()}|${[...ids.off].sort().join()}`;
  const before = key();
  change(ids);
  if (key() === before) return;
  const value = {
    chosen: [...ids.chosen].sort(),
    ...(ids.off.size ? { off: [...ids.off].sort() } : {}),
  };
  await browser.storage.local.set({ [PARTNER_ACCESS_KEY]: value });
}
const updateChosen = (change: (ids: Set<string>) => void) => update((ids) => change(ids.chosen));

/**
 * Remembers every granted partner as turned on: grants made outside our pages
 * (onboarding, the browser's own menus, the test build's manifest) count too.
 */
export function noteGranted(partners: readonly Partner[]): Promise<void> {
  return grantedIds(partners).then((granted) =>
    update(({ chosen, off }) => {
      for (const id of granted) if (!off.has(id)) chosen.add(id);
    }),
  );
}

/** Each partner's state, for the settings' list and the popup. */
export async function partnerAccess(
  partners: readonly Partner[],
): Promise<Map<string, PartnerAccess>> {
  const [granted, { chosen, off }] = await Promise.all([grantedIds(partners), stored()]);
  return new Map(partners.map((p) => [p.id, accessOf(p.id, granted, chosen, off)]));
}

/**
 * Asks the browser for the partner's sites. Call it straight from a click:
 * the browser only asks within a user gesture, so nothing may be awaited
 * before. `denied` when the user (or the browser) says no: nothing changes.
 */
export async function enablePartner(p: Pick<Partner, 'id' | 'domains'>): Promise<'on' | 'denied'> {
  const ok = await browser.permissions.request({ origins: partnerOrigins(p) }).catch(() => false);
  // Turned off while the browser kept its grant: the grant is still there.
  if (!ok && !((await offIds()).has(p.id) && (await grantedIds([p])).has(p.id))) return 'denied';
  return resumePartner(p);
}

/**
 * Turns on a partner whose sites the browser never gave back (`offIds`):
 * nothing to ask. The settings call it instead of enablePartner for those,
 * as the browser would otherwise ask for the partner's other sites too.
 */
export async function resumePartner(p: Pick<Partner, 'id'>): Promise<'on'> {
  await update(({ chosen, off }) => {
    chosen.add(p.id);
    off.delete(p.id);
  });
  await sendMessage('permissionsChanged', undefined).catch(() => undefined);
  return 'on';
}

/**
 * Turns a partner off here: gives its sites back and forgets it was on.
 * Chrome refuses to give back a manifest host permission ("You cannot remove
 * required permissions"); then the partner is remembered as off, and the
 * background registers nothing for it all the same. `kept`: the browser kept
 * the grant.
 */
export async function disablePartner(
  p: Pick<Partner, 'id' | 'domains'>,
): Promise<'removed' | 'kept'> {
  const ok = await browser.permissions.remove({ origins: partnerOrigins(p) }).catch(() => false);
  const kept = !ok && (await grantedIds([p])).has(p.id);
  await update(({ chosen, off }) => {
    chosen.delete(p.id);
    if (kept) off.add(p.id);
  });
  await sendMessage('permissionsChanged', undefined).catch(() => undefined);
  return kept ? 'kept' : 'removed';
}

/** "Leave off" for a partner whose access was removed: no longer asks to allow it again. */
export function forgetPartner(id: string): Promise<void> {
  return updateChosen((ids) => ids.delete(id));
}

/** The partners that are on: granted by the browser and not turned off here. */
export async function enabledPartnerIds(partners: readonly Partner[]): Promise<Set<string>> {
  const [granted, off] = await Promise.all([grantedIds(partners), offIds()]);
  return new Set([...granted].filter((id) => !off.has(id)));
}

/** The browser's name for sentences such as "Firefox did not allow …". */
export function browserName(): string {
  return import.meta.env.FIREFOX ? 'Firefox' : t('browserYours');
}
