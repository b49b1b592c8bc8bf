import type { Manifest, Package, PermissionBaseline } from '../../scripts/release/types';

/** The smallest PNG header release:check reads: signature and IHDR with width and height. */
export function png(width: number, height = width): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return b;
}

const text = (s: string) => new TextEncoder().encode(s);

export const baseline: PermissionBaseline = {
  permissions: { storage: {}, alarms: {} },
  optional_host_permissions: { $partners: {}, 'https://*/*': {} },
  host_permissions: {},
  data_collection: { websiteActivity: {} },
};

export const partnerOrigins = ['http://127.0.0.1/*', 'https://127.0.0.1/*'];

/** A manifest that passes every check for its browser. */
export function goodManifest(browser: 'chrome' | 'firefox'): Manifest {
  return {
    manifest_version: 3,
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    version: '1.2.3',
    default_locale: 'en',
    action: { default_title: '__MSG_extName__' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    permissions: ['storage', 'alarms'],
    optional_host_permissions: [...partnerOrigins, 'https://*/*'],
    host_permissions: [],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'x@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['websiteActivity'] },
            },
          },
        }
      : {}),
  };
}

/** A package with the manifest, both locales and the four icons. */
export function goodPackage(
  browser: 'chrome' | 'firefox',
  manifest = goodManifest(browser),
): Package {
  const messages = JSON.stringify({ extName: { message: 'X' }, extDescription: { message: 'Y' } });
  const files = new Map<string, Uint8Array>([
    ['manifest.json', text(JSON.stringify(manifest))],
    ['_locales/en/messages.json', text(messages)],
    ['_locales/de/messages.json', text(messages)],
    ['background.js', text('console.log(1);')],
    ...[16, 32, 48, 128].map((s): [string, Uint8Array] => [`icon/${s}.png`, png(s)]),
  ]);
  return { browser, path: `${browser}.zip`, zipBytes: 1000, files };
}

export { text };
