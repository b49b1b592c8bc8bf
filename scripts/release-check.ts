/**
 * Checks the store packages before an upload (exit 0 when all pass, 1 when
 * any check fails, 2 on bad usage):
 *
 *   npm run release:check [-- --chrome FILE.zip --firefox FILE.zip --sources FILE.zip]
 *
 * Defaults are the archives `npm run zip` writes for package.json's version.
 * It checks the manifests (version, locales, icons, Firefox's gecko keys),
 * the permissions against store/permissions.json, the contents (no source
 * maps, tests or e2e host access), the sizes, the CHANGELOG entry, the
 * sources archive's contents, and web-ext lint of the Firefox package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bundledPartners, partnerOrigins } from '../utils/partners';
import { changelogHasVersion } from './release/changelog';
import { checkContents, checkSize } from './release/contents';
import { readZip, zipSize } from './release/files';
import { checkLint } from './release/lint';
import { checkManifest } from './release/manifest';
import { checkPermissions } from './release/permissions';
import { checkSources } from './release/sources';
import { type Package, type PermissionBaseline, readManifest } from './release/types';
import { lintFiles } from './release/web-ext-lint';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const { values } = parseArgs({
  options: {
    chrome: { type: 'string', default: `.output/pointpilot-${version}-chrome.zip` },
    firefox: { type: 'string', default: `.output/pointpilot-${version}-firefox.zip` },
    sources: { type: 'string', default: `.output/pointpilot-${version}-firefox-sources.zip` },
  },
});

let failed = 0;
function report(title: string, problems: string[], notes: string[] = []): void {
  if (problems.length) failed += problems.length;
  console.log(`${problems.length ? '✖' : '✔'} ${title}`);
  for (const p of problems) console.log(`    ✖ ${p}`);
  for (const n of notes) console.log(`    · ${n}`);
}

function need(path: string): string {
  if (existsSync(path)) return path;
  console.error(`${path} not found: run \`npm run zip\` first`);
  process.exit(2);
}

async function load(browser: Package['browser'], path: string): Promise<Package> {
  return { browser, path, zipBytes: await zipSize(need(path)), files: await readZip(path) };
}

const baseline = JSON.parse(readFileSync('store/permissions.json', 'utf8')) as PermissionBaseline;
const partners = [...new Set(bundledPartners.flatMap(partnerOrigins))];
report(
  `CHANGELOG.md has an entry for ${version}`,
  changelogHasVersion(readFileSync('CHANGELOG.md', 'utf8'), version)
    ? []
    : [`no "## [${version}] - YYYY-MM-DD" heading in CHANGELOG.md`],
);

for (const [browser, path] of [
  ['chrome', values.chrome],
  ['firefox', values.firefox],
] as const) {
  const pkg = await load(browser, path);
  const m = readManifest(pkg);
  console.log(`\n${browser}: ${path} (${pkg.zipBytes} B, ${pkg.files.size} files)`);
  report('manifest', checkManifest(m, pkg, version));
  report(
    'permissions match store/permissions.json',
    checkPermissions(m, baseline, partners, browser),
  );
  report('no source maps, tests or e2e files', checkContents(pkg));
  report('size within budget', checkSize(pkg));
  if (browser === 'firefox') {
    const lint = checkLint(await lintFiles(pkg.files), pkg.files);
    report('web-ext lint: no errors, no unexplained warnings', lint.problems, lint.allowed);
  }
}

const sources = [...(await readZip(need(values.sources))).keys()];
console.log(`\nsources: ${values.sources} (${sources.length} files)`);
report('sources archive has what the build needs, and no tests or server', checkSources(sources));

console.log(failed ? `\nrelease:check failed: ${failed} problem(s)` : '\nrelease:check passed');
process.exit(failed ? 1 : 0);
