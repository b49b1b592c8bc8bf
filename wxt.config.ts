import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { cssLinkOrder } from './build/css-link-order';
import { bundledPartners, partnerOrigins } from './utils/partners';

/**
 * PP_E2E=1 builds the test/demo flavour: identical code, but the manifest
 * pre-grants the demo shop's origin (http://127.0.0.1) because headless
 * Chromium cannot show the permission prompt. It goes to its own out dir so a
 * store build is never mistaken for it.
 */
const e2e = process.env.PP_E2E === '1';

/** What the Firefox build needs from the project root (see SOURCES.md); the rest is left out. */
const SOURCES = new Set([
  'SOURCES.md',
  'README.md',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'wxt.config.ts',
  'build',
  'entrypoints',
  'components',
  'utils',
  'public',
]);

/** Exclude globs for every root entry not in SOURCES (WXT's zip has no allow-list option). */
function notInSourcesArchive(): string[] {
  const root = fileURLToPath(new URL('.', import.meta.url));
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => !SOURCES.has(e.name) && !e.name.startsWith('.'))
    .map((e) => (e.isDirectory() ? `${e.name}/**` : e.name));
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: easier to read and no name clashes across folders.
  imports: false,
  // PP_ANALYZE=1 (bench/bundle-parts.ts): the same code plus hidden source maps, in its own out dir.
  outDirTemplate: e2e
    ? '{{browser}}-mv{{manifestVersion}}-e2e'
    : process.env.PP_ANALYZE === '1'
      ? '{{browser}}-mv{{manifestVersion}}-analyze'
      : undefined,
  vite: () => ({
    plugins: [preact(), cssLinkOrder()],
    ...(process.env.PP_ANALYZE === '1' ? { build: { sourcemap: 'hidden' as const } } : {}),
  }),
  // Store archives named with package.json's one version. The Firefox sources
  // archive (for AMO review) holds only the root entries the Firefox build
  // reads (SOURCES above), so tests, the server, the demo and stray root files
  // stay out; `npm run test:release` rebuilds the package from it and compares.
  zip: {
    artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{packageVersion}}-{{browser}}-sources.zip',
    excludeSources: notInSourcesArchive(),
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'scripting',
      'alarms',
      'activeTab',
      'notifications',
      // Chrome only: the toolbar hint on partner shops not enabled (background/partner-hint.ts).
      // Firefox has no such API and warns about a permission it does not know.
      ...(browser === 'firefox' ? [] : ['declarativeContent']),
    ],
    // Partner sites are granted one by one when the user enables a partner.
    optional_host_permissions: [
      ...new Set(bundledPartners.flatMap(partnerOrigins)),
      'https://*/*',
      'http://*/*',
    ],
    host_permissions: e2e ? ['http://127.0.0.1/*'] : [],
    action: {
      default_title: '__MSG_extName__',
      // Chrome has no theme icons: this art carries a light rim so it reads on
      // dark toolbars too (assets/icon.svg).
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' },
      // Firefox picks by the theme's text colour (MDN, action.theme_icons):
      // "light" is for light text, i.e. dark toolbars. (WXT's ThemeIcon docs
      // have the two the other way round.)
      ...(browser === 'firefox'
        ? {
            theme_icons: ([16, 32] as const).map((size) => ({
              size,
              light: `icon/dark-toolbar-${size}.png`,
              dark: `icon/${size}.png`,
            })),
          }
        : {}),
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'pointpilot@pointpilot.dev',
              // 128 brought world: 'MAIN' content scripts; 140 the data-consent key below.
              strict_min_version: '140.0',
              // What leaves the browser: purchase claims (websiteActivity) and
              // the sign-in email (personallyIdentifyingInfo). Nothing else.
              data_collection_permissions: {
                required: ['websiteActivity', 'personallyIdentifyingInfo'],
              },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
