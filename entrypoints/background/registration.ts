import { browser } from 'wxt/browser';
import { offIds } from '@/components/partner-access';
import type { Partner } from '@/utils/contract';
import { orphanOrigins, partnerOrigins } from '@/utils/partners';

const PARTNER_SCRIPT = 'pp-partner';
const PROBE_SCRIPT = 'pp-probe';

/** Origins of partners whose sites the user has granted (= enabled). */
export async function grantedOrigins(partners: readonly Partner[]): Promise<string[]> {
  const origins = [...new Set(partners.flatMap(partnerOrigins))];
  const checks = await Promise.all(
    origins.map((o) => browser.permissions.contains({ origins: [o] }).catch(() => false)),
  );
  return origins.filter((_, i) => checks[i]);
}

/**
 * Registers the content scripts for exactly the enabled partner sites, and
 * none when there are none. Registration succeeds even without the host
 * permission (the script then silently never runs), so we check first.
 */
export async function syncContentScripts(partners: readonly Partner[]): Promise<string[]> {
  // Turned off in the settings while the browser keeps the grant (a manifest permission).
  const off = await offIds();
  const matches = await grantedOrigins(partners.filter((p) => !off.has(p.id)));
  const existing = await browser.scripting.getRegisteredContentScripts();
  const ours = existing
    .map((s) => s.id)
    .filter((id) => id === PARTNER_SCRIPT || id === PROBE_SCRIPT);
  if (ours.length > 0) await browser.scripting.unregisterContentScripts({ ids: ours });
  if (matches.length === 0) return matches;
  await browser.scripting.registerContentScripts([
    {
      // Main world, as early as possible, so no dataLayer push is missed.
      id: PROBE_SCRIPT,
      js: ['content-scripts/probe.js'],
      matches,
      runAt: 'document_start',
      world: 'MAIN',
      persistAcrossSessions: true,
    },
    {
      id: PARTNER_SCRIPT,
      js: ['content-scripts/partner.js'],
      matches,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
  return matches;
}

/** Gives back site access granted for partners that are no longer in the catalogue. */
export async function revokeOrphanOrigins(partners: readonly Partner[]): Promise<string[]> {
  const granted = (await browser.permissions.getAll()).origins ?? [];
  const required = browser.runtime.getManifest().host_permissions ?? [];
  const orphans = orphanOrigins(granted, partners, required);
  if (orphans.length > 0) await browser.permissions.remove({ origins: orphans }).catch(() => false);
  return orphans;
}
