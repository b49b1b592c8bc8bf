/**
 * Proves the Firefox sources archive rebuilds the Firefox package: unpacks
 * the archive into a temp dir, installs the locked dependencies there, runs
 * the Firefox store build and compares every file with the package's, byte
 * for byte. Exit 0 when identical, 1 on the first difference (named), 2 on
 * bad usage.
 *
 *   tsx scripts/rebuild-sources.ts [--sources FILE.zip] [--package FILE.zip] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { firstDifference } from './release/compare';
import { extractTo, readDirFiles, readZip } from './release/files';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const { values } = parseArgs({
  options: {
    sources: { type: 'string', default: `.output/pointpilot-${version}-firefox-sources.zip` },
    package: { type: 'string', default: `.output/pointpilot-${version}-firefox.zip` },
    keep: { type: 'boolean', default: false },
  },
});
for (const f of [values.sources, values.package]) {
  if (!existsSync(f)) {
    console.error(`${f} not found: run \`npm run zip\` first`);
    process.exit(2);
  }
}

// A reviewer's shell: vitest's variables (NODE_ENV=test among them) and the
// e2e flavour's are dropped, and no browsers are downloaded.
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$|PP_E2E$|WXT_)/.test(k)),
  ),
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  PUPPETEER_SKIP_DOWNLOAD: '1',
};

function run(cwd: string, cmd: string, args: string[], extra: NodeJS.ProcessEnv = {}): boolean {
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${r.status === 0 ? '✔' : '✖'} ${cmd} ${args.join(' ')} (${secs} s)`);
  if (r.status !== 0)
    console.log(`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-30).join('\n'));
  return r.status === 0;
}

const started = Date.now();
const dir = await mkdtemp(join(tmpdir(), 'pp-sources-'));
let code = 1;
try {
  await extractTo(await readZip(values.sources), dir);
  console.log(`unpacked ${values.sources} into ${dir}`);
  // npm ci first, as SOURCES.md says; npm 11 may refuse a lockfile written
  // without other platforms' optional packages, then npm install keeps the
  // locked versions (the same fallback .ci/run documents).
  const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund'];
  const installed =
    run(dir, 'npm', ['ci', ...npmFlags]) || run(dir, 'npm', ['install', ...npmFlags]);
  if (
    installed &&
    run(dir, 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
      // As `npm run zip` pins it: another NODE_ENV (vitest's "test") makes
      // Preact's JSX dev build. Only here: npm ci would skip devDependencies.
      NODE_ENV: 'production',
    })
  ) {
    const diff = firstDifference(
      await readZip(values.package),
      await readDirFiles(join(dir, '.output/firefox-mv3')),
    );
    if (diff) console.log(`✖ the rebuild differs from ${values.package}\n  ${diff}`);
    else console.log(`✔ the rebuild is identical to ${values.package}, file for file`);
    code = diff ? 1 : 0;
  }
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
console.log(`rebuild-sources took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
