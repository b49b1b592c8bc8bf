import { describe, expect, it } from 'vitest';
import { changelogHasVersion } from '../../scripts/release/changelog';
import { checkManifest, pngSize } from '../../scripts/release/manifest';
import { goodManifest, goodPackage, png, text } from './release-fixtures';

describe('release:check manifest', () => {
  it('passes a complete Chrome and Firefox manifest', () => {
    for (const b of ['chrome', 'firefox'] as const) {
      expect(checkManifest(goodManifest(b), goodPackage(b), '1.2.3')).toEqual([]);
    }
  });

  it('names a version that is not package.json’s, and a manifest that is not MV3', () => {
    const m = { ...goodManifest('chrome'), version: '1.2.4', manifest_version: 2 };
    expect(checkManifest(m, goodPackage('chrome', m), '1.2.3')).toEqual([
      'manifest_version is 2, not 3',
      'version is 1.2.4, package.json says 1.2.3',
    ]);
  });

  it('wants name and description from the locales, and both locales present', () => {
    const m = { ...goodManifest('chrome'), name: 'Pointpilot' };
    const pkg = goodPackage('chrome', m);
    pkg.files.delete('_locales/de/messages.json');
    pkg.files.set('_locales/en/messages.json', text('{"extName":{"message":"X"}}'));
    expect(checkManifest(m, pkg, '1.2.3')).toEqual([
      'name "Pointpilot" is not a __MSG_…__ locale message',
      '_locales/en/messages.json has no message "extDescription" that the manifest uses',
      'locale de missing (_locales/de/messages.json)',
    ]);
  });

  it('wants each icon size listed, in the package and of that size', () => {
    const m = goodManifest('chrome');
    delete m.icons?.['16'];
    const pkg = goodPackage('chrome', m);
    pkg.files.delete('icon/32.png');
    pkg.files.set('icon/48.png', png(64));
    pkg.files.set('icon/128.png', text('not a png'));
    expect(checkManifest(m, pkg, '1.2.3')).toEqual([
      'icons has no 16 px entry',
      'icon 32 (icon/32.png) is not in the package',
      'icon 48 (icon/48.png) is 64×64 px',
      'icon 128 (icon/128.png) is not a PNG',
    ]);
  });

  it('wants Firefox’s gecko id, minimum version and data-collection consent', () => {
    const m = { ...goodManifest('firefox'), browser_specific_settings: { gecko: {} } };
    expect(checkManifest(m, goodPackage('firefox', m), '1.2.3')).toEqual([
      'browser_specific_settings.gecko.id is missing',
      'browser_specific_settings.gecko.strict_min_version is missing',
      'browser_specific_settings.gecko.data_collection_permissions.required is missing',
    ]);
  });

  it('reads a PNG’s size from its header', () => {
    expect(pngSize(png(48, 32))).toEqual({ width: 48, height: 32 });
    expect(pngSize(text('GIF89a……………………………………'))).toBeNull();
  });
});

describe('release:check CHANGELOG', () => {
  const log = '# Changelog\n\n## [Unreleased]\n\n## [1.2.3] - 2026-12-01\n\n### Added\n';
  it('finds a released entry for the version, not a mention or a prefix', () => {
    expect(changelogHasVersion(log, '1.2.3')).toBe(true);
    expect(changelogHasVersion(log, '1.2')).toBe(false);
    expect(changelogHasVersion('## [1.2.3]\n', '1.2.3')).toBe(false);
    expect(changelogHasVersion('See 1.2.3 later.', '1.2.3')).toBe(false);
  });
});
