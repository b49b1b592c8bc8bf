import { describe, expect, it } from 'vitest';
import { checkPermissions } from '../../scripts/release/permissions';
import { baseline, goodManifest, partnerOrigins } from './release-fixtures';

const check = (m: ReturnType<typeof goodManifest>, b: 'chrome' | 'firefox' = 'chrome') =>
  checkPermissions(m, baseline, partnerOrigins, b);

describe('release:check permissions', () => {
  it('passes a package asking for exactly the baseline ($partners = bundled partner origins)', () => {
    expect(check(goodManifest('chrome'))).toEqual([]);
    expect(check(goodManifest('firefox'), 'firefox')).toEqual([]);
  });

  it('fails a widened permission, naming it', () => {
    const m = goodManifest('chrome');
    m.permissions?.push('tabs');
    expect(check(m)).toEqual([
      'permissions: asks for "tabs", which store/permissions.json does not explain',
    ]);
  });

  it('fails host access up front, and names the e2e flavour’s pre-granted host', () => {
    const m = { ...goodManifest('chrome'), host_permissions: ['<all_urls>', 'http://127.0.0.1/*'] };
    expect(check(m)).toEqual([
      'host_permissions has http://127.0.0.1/*: that is the e2e/demo flavour (PP_E2E=1), not a store build',
      'host_permissions: asks for "<all_urls>", which store/permissions.json does not explain',
      'host_permissions: asks for "http://127.0.0.1/*", which store/permissions.json does not explain',
    ]);
  });

  it('fails an optional host or optional permission the baseline does not have', () => {
    const m = {
      ...goodManifest('chrome'),
      optional_permissions: ['history'],
      optional_host_permissions: [...partnerOrigins, 'https://*/*', 'file:///*'],
    };
    expect(check(m)).toEqual([
      'optional_permissions: asks for "history", which store/permissions.json does not explain',
      'optional_host_permissions: asks for "file:///*", which store/permissions.json does not explain',
    ]);
  });

  it('fails a baseline entry the package no longer asks for, so the listing stays true', () => {
    const m = { ...goodManifest('chrome'), permissions: ['storage'] };
    expect(check(m)).toEqual([
      'permissions: store/permissions.json explains "alarms", but the package no longer asks for it',
    ]);
  });

  it('checks Firefox’s data collection against the baseline', () => {
    const m = goodManifest('firefox');
    m.browser_specific_settings?.gecko?.data_collection_permissions?.required?.push(
      'browsingActivity',
    );
    expect(check(m, 'firefox')).toEqual([
      'data_collection_permissions: asks for "browsingActivity", which store/permissions.json does not explain',
    ]);
  });

  it('treats static content script matches as host access', () => {
    const m = {
      ...goodManifest('chrome'),
      content_scripts: [{ matches: ['https://*.example.com/*'] }],
    };
    expect(check(m)).toEqual([
      'content_scripts: matches "https://*.example.com/*", which store/permissions.json does not explain',
    ]);
  });

  it('holds a browser-only entry to that browser’s package alone', () => {
    const only = {
      ...baseline,
      permissions: { ...baseline.permissions, declarativeContent: { browsers: ['chrome'] } },
    };
    const run = (m: ReturnType<typeof goodManifest>, b: 'chrome' | 'firefox') =>
      checkPermissions(m, only, partnerOrigins, b);
    const chrome = goodManifest('chrome');
    chrome.permissions?.push('declarativeContent');
    expect(run(chrome, 'chrome')).toEqual([]);
    expect(run(goodManifest('firefox'), 'firefox')).toEqual([]);
    expect(run(goodManifest('chrome'), 'chrome')).toEqual([
      'permissions: store/permissions.json explains "declarativeContent", but the package no longer asks for it',
    ]);
    const firefox = goodManifest('firefox');
    firefox.permissions?.push('declarativeContent');
    expect(run(firefox, 'firefox')).toEqual([
      'permissions: asks for "declarativeContent", which store/permissions.json does not explain',
    ]);
  });
});
