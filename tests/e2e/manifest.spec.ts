import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/** The store builds (npm run build) ask for no site access up front, in both browsers. */
const manifest = (dir: string) => JSON.parse(readFileSync(`.output/${dir}/manifest.json`, 'utf8'));

for (const dir of ['chrome-mv3', 'firefox-mv3']) {
  test(`${dir}: no host access up front, partner sites optional, minimal permissions`, () => {
    const m = manifest(dir);
    expect(m.manifest_version).toBe(3);
    expect(m.host_permissions ?? []).toEqual([]);
    expect(m.permissions.sort()).toEqual([
      'activeTab',
      'alarms',
      // Chrome's toolbar hint on partners not enabled; Firefox has no such API.
      ...(dir === 'chrome-mv3' ? ['declarativeContent'] : []),
      'notifications',
      'scripting',
      'storage',
    ]);
    expect(m.optional_host_permissions).toContain('http://127.0.0.1/*');
    // No static content scripts: they are registered at runtime for enabled partners only.
    expect(m.content_scripts ?? []).toEqual([]);
    expect(JSON.stringify(m)).not.toContain('<all_urls>');
  });
}

test('firefox-mv3 declares what leaves the browser', () => {
  expect(
    manifest('firefox-mv3').browser_specific_settings.gecko.data_collection_permissions.required,
  ).toEqual(['websiteActivity', 'personallyIdentifyingInfo']);
});

test('firefox-mv3 shows a lighter icon on dark toolbars', () => {
  // "light" = for themes with light text, i.e. dark toolbars (MDN).
  expect(manifest('firefox-mv3').action.theme_icons).toEqual([
    { size: 16, light: 'icon/dark-toolbar-16.png', dark: 'icon/16.png' },
    { size: 32, light: 'icon/dark-toolbar-32.png', dark: 'icon/32.png' },
  ]);
  expect(manifest('chrome-mv3').action.theme_icons).toBeUndefined();
});

test('the e2e flavour differs only by the pre-granted demo origin', () => {
  const store = manifest('chrome-mv3');
  const e2e = manifest('chrome-mv3-e2e');
  expect(e2e.host_permissions).toEqual(['http://127.0.0.1/*']);
  expect({ ...e2e, host_permissions: [] }).toEqual(store);
});
