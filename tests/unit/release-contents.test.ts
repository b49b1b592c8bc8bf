import { describe, expect, it } from 'vitest';
import { firstDifference } from '../../scripts/release/compare';
import { checkContents, checkSize } from '../../scripts/release/contents';
import { checkSources } from '../../scripts/release/sources';
import { goodPackage, text } from './release-fixtures';

describe('release:check contents and size', () => {
  it('passes a package of built files', () => {
    expect(checkContents(goodPackage('chrome'))).toEqual([]);
  });

  it('fails source maps, references to them and test files', () => {
    const pkg = goodPackage('firefox');
    pkg.files.set('chunks/popup-1.js.map', text('{}'));
    pkg.files.set('chunks/popup-1.js', text('x();\n//# sourceMappingURL=popup-1.js.map'));
    pkg.files.set('tests/e2e/popup.spec.ts', text(''));
    pkg.files.set('utils/sync.test.js', text(''));
    expect(checkContents(pkg).sort()).toEqual([
      'chunks/popup-1.js points to a source map (sourceMappingURL)',
      'source map in the package: chunks/popup-1.js.map',
      'test file in the package: tests/e2e/popup.spec.ts',
      'test file in the package: utils/sync.test.js',
    ]);
  });

  it('fails a zip over its budget and says what it was measured at', () => {
    const budgets = {
      chrome: { measured: 800, budget: 1000 },
      firefox: { measured: 800, budget: 1000 },
    };
    expect(checkSize({ ...goodPackage('chrome'), zipBytes: 1000 }, budgets)).toEqual([]);
    expect(checkSize({ ...goodPackage('chrome'), zipBytes: 1001 }, budgets)).toEqual([
      'chrome package is 1001 B, over its budget of 1000 B (measured 800 B when it was set; see scripts/release/config.ts)',
    ]);
  });
});

describe('sources archive', () => {
  const good = [
    'SOURCES.md',
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'tsconfig.json',
    'entrypoints/popup/index.html',
    'utils/index.ts',
    'public/_locales/en/messages.json',
  ];
  it('has what the build needs and nothing of the tests or the server', () => {
    expect(checkSources(good)).toEqual([]);
    expect(checkSources([...good.slice(1), 'server/main.ts'])).toEqual([
      'sources archive lacks SOURCES.md',
      'sources archive has server/main.ts, not needed to build',
    ]);
  });
});

describe('rebuild comparison', () => {
  const a = new Map([
    ['a.js', text('same')],
    ['b.js', text('const x="/work/main";')],
  ]);
  it('finds identical file sets identical', () => {
    expect(firstDifference(a, new Map(a))).toBeNull();
  });
  it('names the files only on one side', () => {
    expect(
      firstDifference(
        a,
        new Map([
          ['a.js', text('same')],
          ['c.js', text('')],
        ]),
      ),
    ).toBe('the file lists differ: only in the package: b.js; only in the rebuild: c.js');
    expect(firstDifference(a, new Map([...a, ['c.js', text('')]]))).toBe(
      'the file lists differ: only in the package: –; only in the rebuild: c.js',
    );
  });
  it('names the first differing file and byte, with the text around it', () => {
    const b = new Map([...a, ['b.js', text('const x="/tmp/pp-1";')]]);
    expect(firstDifference(a, b)).toBe(
      'b.js: differs at byte 10 (package 21 B, rebuild 20 B)\n  package: "const x=\\"/work/main\\";"\n  rebuild: "const x=\\"/tmp/pp-1\\";"',
    );
  });
});
