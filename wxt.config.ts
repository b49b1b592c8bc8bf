import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { bundledPartners, partnerOrigins } from './utils/partners';

/**
 * PP_E2E=1 builds the test/demo flavour: identical code, but the manifest
 * pre-grants the demo shop's origin (http://127.0.0.1) because headless
 * Chromium cannot show the permission prompt. It goes to its own out dir so a
 * store build is never mistaken for it.
 */
const e2e = process.env.PP_E2E === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: easier to read and no name clashes across folders.
  imports: false,
  outDirTemplate: e2e ? '{{browser}}-mv{{manifestVersion}}-e2e' : undefined,
  vite: () => ({ plugins: [preact()] }),
  // The Firefox sources archive (for AMO review): the project, minus generated output.
  zip: {
    excludeSources: [
      'demo-output/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      '.tmp/**',
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'scripting', 'alarms', 'activeTab'],
    // Partner sites are granted one by one when the user enables a partner.
    optional_host_permissions: [
      ...new Set(bundledPartners.flatMap(partnerOrigins)),
      'https://*/*',
      'http://*/*',
    ],
    host_permissions: e2e ? ['http://127.0.0.1/*'] : [],
    action: { default_title: '__MSG_extName__' },
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
