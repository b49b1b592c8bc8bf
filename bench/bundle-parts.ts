/**
 * What each package and project folder adds to the background worker, the
 * popup (its whole row set, as bench/sizes.ts counts it) and the content
 * scripts, each with the reason it is there (bench/bundle-parts-why.ts).
 *
 * Builds the Chrome MV3 extension once more with hidden source maps
 * (PP_ANALYZE=1, wxt.config.ts) into .output/chrome-mv3-analyze: the same
 * code as the store build, byte for byte, plus .map files. source-map-explorer
 * attributes every byte of each minified file to its source module.
 * PP_BENCH_BUILD=0 reuses an existing analysis build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { explore } from 'source-map-explorer';
import { ideas, WHY } from './bundle-parts-why';
import type { Row, Table } from './run';
import { pageFiles, OUT_DIR as STORE_DIR } from './sizes';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, '.output', 'chrome-mv3-analyze');

function build(): string {
  if (process.env.PP_BENCH_BUILD === '0' && existsSync(join(OUT, 'manifest.json'))) {
    return 'existing analysis build (PP_BENCH_BUILD=0)';
  }
  const t0 = Date.now();
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    stdio: 'pipe',
    timeout: 180_000,
    env: { ...process.env, PP_ANALYZE: '1' },
  });
  return `analysis build in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;

/** Source path in a map → the part it is counted under: a package or a project folder. */
export function partOf(source: string): string {
  const s = source.replace(/\\/g, '/').replace(/^(\.\.\/)+/, '');
  if (s.startsWith('[')) return '(bundler glue, unmapped)';
  if (s.includes('vite/') || s.startsWith('\0') || s.includes('commonjsHelpers')) {
    return '(bundler glue, unmapped)';
  }
  const nm = s.split('node_modules/');
  if (nm.length > 1) {
    const pkgPath = nm[nm.length - 1]!.split('/');
    const pkg = pkgPath[0]!.startsWith('@') ? `${pkgPath[0]}/${pkgPath[1]}` : pkgPath[0]!;
    if (nm.length > 2) {
      const outer = nm[nm.length - 2]!.split('/');
      const host = outer[0]!.startsWith('@') ? `${outer[0]}/${outer[1]}` : outer[0]!;
      return `${pkg} (2nd copy, in ${host})`;
    }
    // One row per library; zod's locales are counted apart (they are avoidable).
    if (pkg === 'zod' && pkgPath[2] === 'locales') return 'zod (locales)';
    return pkg;
  }
  const parts = s.split('/');
  if (parts[0] === 'utils' || parts[0] === 'entrypoints') {
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : `${parts[0]}/*.ts`;
  }
  return parts.length > 1 ? parts[0]! : s;
}

interface Part {
  raw: number;
  gzip: number;
}

/**
 * Bytes per part over some output files. A JS file's real gzip -9 size is
 * split among its parts in proportion to their raw bytes in that file;
 * CSS and HTML files count whole, under their own part.
 */
async function attribute(files: string[]): Promise<{ parts: Map<string, Part>; total: Part }> {
  const parts = new Map<string, Part>();
  const add = (key: string, raw: number, gzip: number) => {
    const p = parts.get(key) ?? { raw: 0, gzip: 0 };
    parts.set(key, { raw: p.raw + raw, gzip: p.gzip + gzip });
  };
  const total = { raw: 0, gzip: 0 };
  for (const f of files) {
    const code = readFileSync(join(OUT, f));
    const fileGzip = gz(code);
    total.raw += code.length;
    total.gzip += fileGzip;
    if (!f.endsWith('.js')) {
      add(f.endsWith('.css') ? '(stylesheets)' : '(HTML page)', code.length, fileGzip);
      continue;
    }
    const res = await explore(
      { code, map: readFileSync(join(OUT, `${f}.map`)) },
      { noRoot: true, noBorderChecks: true, excludeSourceMapComment: true },
    );
    const bundle = res.bundles[0];
    if (!bundle) throw new Error(`source-map-explorer: ${res.errors[0]?.message ?? f}`);
    const sum = Object.values(bundle.files).reduce((a, b) => a + b.size, 0);
    for (const [source, { size }] of Object.entries(bundle.files)) {
      add(partOf(source), size, (fileGzip * size) / sum);
    }
  }
  return { parts, total };
}

const kb = (b: number) => (b / 1000).toFixed(1);

function table(title: string, { parts, total }: Awaited<ReturnType<typeof attribute>>): Table {
  const rows: Row[] = [...parts.entries()]
    .sort((a, b) => b[1].gzip - a[1].gzip)
    .map(([part, p]) => ({
      part,
      'raw KB': kb(p.raw),
      'gzip KB (share)': kb(p.gzip),
      '% of gzip': `${((100 * p.gzip) / total.gzip).toFixed(1)} %`,
      why: WHY[part] ?? '**not justified yet**: add a line to bench/bundle-parts-why.ts',
    }));
  rows.push({
    part: '**total**',
    'raw KB': kb(total.raw),
    'gzip KB (share)': kb(total.gzip),
    '% of gzip': '100 %',
    why: 'gzip -9 of each file as shipped, summed over the files',
  });
  return { title, rows };
}

const listJs = (dir: string) =>
  existsSync(join(OUT, dir))
    ? readdirSync(join(OUT, dir))
        .filter((f) => f.endsWith('.js'))
        .sort()
        .map((f) => `${dir}/${f}`)
    : [];

/** Whether the store build in .output/chrome-mv3 has the same JS files (content-hashed names, sizes). */
function storeMatches(files: string[]): string {
  if (!existsSync(join(STORE_DIR, 'manifest.json'))) return 'no store build to compare';
  const same = files.every((f) => {
    const p = join(STORE_DIR, f);
    return existsSync(p) && readFileSync(p).equals(readFileSync(join(OUT, f)));
  });
  return same
    ? 'the store build .output/chrome-mv3 has the same files, byte for byte'
    : 'the store build .output/chrome-mv3 differs: it was built from other sources (bench/sizes.ts rebuilds it when older than its sources)';
}

export async function benchBundleParts(): Promise<Table[]> {
  const note = build();
  const bundles: [string, string[]][] = [
    ['background (background.js)', ['background.js']],
    ['popup (popup.html and everything it loads up front)', pageFiles('popup.html', OUT)],
    ['content scripts (on every enabled partner page)', listJs('content-scripts')],
  ];
  const tables: Table[] = [];
  const summary: Row[] = [];
  const byBundle = new Map<string, Map<string, Part>>();
  for (const [name, files] of bundles) {
    const a = await attribute(files);
    byBundle.set(name.split(' (')[0]!, a.parts);
    tables.push(table(name, a));
    const top = [...a.parts.entries()].sort((x, y) => y[1].gzip - x[1].gzip).slice(0, 4);
    summary.push({
      bundle: name.split(' (')[0],
      'gzip KB': kb(a.total.gzip),
      'largest parts (gzip KB)': top.map(([k, p]) => `${k} ${kb(p.gzip)}`).join(', '),
    });
  }
  const all = [...new Set(bundles.flatMap(([, f]) => f))];
  tables.unshift({ title: 'Summary', rows: summary });
  const share = (bundle: string, ...parts: string[]) =>
    parts.reduce((s, p) => s + (byBundle.get(bundle)?.get(p)?.gzip ?? 0), 0) / 1000;
  tables.push({
    title: 'Not done yet: larger savings (estimates from the shares above)',
    rows: ideas(share),
  });
  tables.push({
    title: 'How the shares are computed',
    rows: [
      { note: note },
      { note: storeMatches(all.filter((f) => f.endsWith('.js'))) },
      {
        note:
          'raw KB: minified bytes that the source maps attribute to each source (source-map-explorer), grouped by ' +
          'package or folder. gzip KB: each file’s real gzip -9 size split among its parts by raw bytes. gzip is ' +
          'not additive: a share estimates what removing the part would save, and overstates it for code that repeats ' +
          'code in the same file (a second copy of webextension-polyfill in background.js had a 3.1 KB share; removing ' +
          'it saved 0.2 KB, but 2.6 KB in the popup, where the copies sat in different chunks). Totals are exact.',
      },
    ],
  });
  return tables;
}
