import { E2E_HOST } from './config';
import type { Manifest, PermissionBaseline } from './types';

/** The baseline's stand-in for the bundled partners' own origins. */
export const PARTNERS = '$partners';

/**
 * The package asks for exactly what store/permissions.json explains: a
 * permission it does not explain fails naming it, and one it explains but no
 * longer asks for fails too, so the listing's justifications stay true.
 * `partnerOrigins` replaces "$partners" in the optional host permissions.
 */
export function checkPermissions(
  m: Manifest,
  baseline: PermissionBaseline,
  partnerOrigins: readonly string[],
  browser: 'chrome' | 'firefox',
): string[] {
  const out: string[] = [];
  if (m.host_permissions?.includes(E2E_HOST))
    out.push(
      `host_permissions has ${E2E_HOST}: that is the e2e/demo flavour (PP_E2E=1), not a store build`,
    );
  const keys = (table: Record<string, unknown>) => keysFor(table, browser);
  const optionalHosts = keys(baseline.optional_host_permissions).flatMap((k) =>
    k === PARTNERS ? partnerOrigins : [k],
  );
  const gecko = m.browser_specific_settings?.gecko?.data_collection_permissions;
  const lists: [string, string[] | undefined, string[]][] = [
    ['permissions', m.permissions, keys(baseline.permissions)],
    ['optional_permissions', m.optional_permissions, []],
    ['host_permissions', m.host_permissions, keys(baseline.host_permissions)],
    ['optional_host_permissions', m.optional_host_permissions, optionalHosts],
  ];
  if (browser === 'firefox') {
    const asked = [...(gecko?.required ?? []), ...(gecko?.optional ?? [])];
    lists.push(['data_collection_permissions', asked, keys(baseline.data_collection)]);
  }
  for (const [key, asked, explained] of lists) out.push(...compare(key, asked ?? [], explained));
  out.push(...checkContentScripts(m, [...keys(baseline.host_permissions), ...optionalHosts]));
  return out;
}

/** The entries a browser's package asks for: one with "browsers" only in those browsers'. */
function keysFor(table: Record<string, unknown>, browser: 'chrome' | 'firefox'): string[] {
  return Object.entries(table)
    .filter(([, v]) => {
      const only = (v as { browsers?: unknown } | null)?.browsers;
      return !Array.isArray(only) || only.includes(browser);
    })
    .map(([k]) => k);
}

function compare(key: string, asked: string[], explained: string[]): string[] {
  const want = new Set(explained);
  const have = new Set(asked);
  return [
    ...[...have]
      .filter((p) => !want.has(p))
      .map((p) => `${key}: asks for "${p}", which store/permissions.json does not explain`),
    ...[...want]
      .filter((p) => !have.has(p))
      .map(
        (p) =>
          `${key}: store/permissions.json explains "${p}", but the package no longer asks for it`,
      ),
  ];
}

/** Static content scripts are host access too: their matches must be explained hosts. */
function checkContentScripts(m: Manifest, hosts: string[]): string[] {
  const known = new Set(hosts);
  return (m.content_scripts ?? [])
    .flatMap((cs) => cs.matches ?? [])
    .filter((p) => !known.has(p))
    .map((p) => `content_scripts: matches "${p}", which store/permissions.json does not explain`);
}
