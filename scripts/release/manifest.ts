import { ICON_SIZES, LOCALES } from './config';
import type { Manifest, Package } from './types';

const MSG = /^__MSG_(\w+)__$/;

/** Manifest fields both stores need; returns one problem per line, empty when fine. */
export function checkManifest(m: Manifest, pkg: Package, version: string): string[] {
  const out: string[] = [];
  if (m.manifest_version !== 3) out.push(`manifest_version is ${m.manifest_version}, not 3`);
  if (m.version !== version) out.push(`version is ${m.version}, package.json says ${version}`);
  for (const key of ['name', 'description'] as const) {
    if (!MSG.test(m[key] ?? '')) out.push(`${key} "${m[key]}" is not a __MSG_…__ locale message`);
  }
  if (m.default_locale !== 'en') out.push(`default_locale is ${m.default_locale}, not en`);
  out.push(...checkLocales(m, pkg), ...checkIcons(m, pkg));
  if (pkg.browser === 'firefox') out.push(...checkGecko(m));
  return out;
}

/** Every locale is present and defines each message the manifest names. */
function checkLocales(m: Manifest, pkg: Package): string[] {
  const names = [m.name, m.description, m.action?.default_title]
    .map((v) => MSG.exec(v ?? '')?.[1])
    .filter((v): v is string => Boolean(v));
  const out: string[] = [];
  for (const locale of LOCALES) {
    const path = `_locales/${locale}/messages.json`;
    const raw = pkg.files.get(path);
    if (!raw) {
      out.push(`locale ${locale} missing (${path})`);
      continue;
    }
    const messages = JSON.parse(new TextDecoder().decode(raw)) as Record<
      string,
      { message?: string }
    >;
    for (const n of names) {
      if (!messages[n]?.message) out.push(`${path} has no message "${n}" that the manifest uses`);
    }
  }
  return out;
}

/** Icons in each required size, listed in the manifest, present and PNGs of that size. */
export function checkIcons(m: Manifest, pkg: Package): string[] {
  const out: string[] = [];
  for (const size of ICON_SIZES) {
    const path = m.icons?.[String(size)];
    if (!path) {
      out.push(`icons has no ${size} px entry`);
      continue;
    }
    const png = pkg.files.get(path.replace(/^\//, ''));
    if (!png) out.push(`icon ${size} (${path}) is not in the package`);
    else {
      const dim = pngSize(png);
      if (!dim) out.push(`icon ${size} (${path}) is not a PNG`);
      else if (dim.width !== size || dim.height !== size)
        out.push(`icon ${size} (${path}) is ${dim.width}×${dim.height} px`);
    }
  }
  return out;
}

/** Width and height from a PNG's IHDR chunk, or null when it is not a PNG. */
export function pngSize(b: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || sig.some((v, i) => b[i] !== v)) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** AMO wants a fixed id, a minimum version and (since Firefox 140) the data-collection consent. */
function checkGecko(m: Manifest): string[] {
  const g = m.browser_specific_settings?.gecko;
  const out: string[] = [];
  if (!g?.id) out.push('browser_specific_settings.gecko.id is missing');
  if (!g?.strict_min_version)
    out.push('browser_specific_settings.gecko.strict_min_version is missing');
  if (!g?.data_collection_permissions?.required?.length)
    out.push('browser_specific_settings.gecko.data_collection_permissions.required is missing');
  return out;
}
