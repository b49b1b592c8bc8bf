/**
 * Built bundle sizes of the Chrome MV3 build (.output/chrome-mv3): what the
 * browser loads for the background worker, on a partner page (content
 * scripts), and when the popup opens (popup.html plus the chunks and styles it
 * references, followed through static imports). Raw bytes and gzip level 9.
 *
 * Builds first when the output is missing or older than the sources it is
 * built from; always with PP_BENCH_BUILD=1; PP_BENCH_BUILD=0 measures any
 * existing build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Row } from './run';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = join(ROOT, '.output', 'chrome-mv3');

/** What the extension build reads: a build older than any of these is stale. */
const INPUTS = [
  'entrypoints',
  'components',
  'utils',
  'public',
  'wxt.config.ts',
  'package-lock.json',
];

function newestInput(): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const i of INPUTS) if (existsSync(join(ROOT, i))) walk(join(ROOT, i));
  return newest;
}

function ensureBuild(): string | null {
  const manifest = join(OUT_DIR, 'manifest.json');
  const flag = process.env.PP_BENCH_BUILD;
  if (existsSync(manifest)) {
    if (flag === '0') return null;
    if (flag !== '1' && statSync(manifest).mtimeMs >= newestInput()) return null;
  }
  const started = Date.now();
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
  return `built with \`wxt build\` in ${((Date.now() - started) / 1000).toFixed(1)} s (the build was missing or older than its sources)`;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Output-relative POSIX path ("chunks/popup-abc.js"). */
const rel = (abs: string) => relative(OUT_DIR, abs).split('\\').join('/');

/** Resolve a reference from an HTML or JS file inside the output dir. */
function resolveRef(fromRel: string, ref: string, outDir: string): string | null {
  const clean = ref.split(/[?#]/)[0]!;
  if (/^[a-z]+:/i.test(clean) || clean.startsWith('//')) return null;
  const r = clean.startsWith('/')
    ? posix.normalize(clean.slice(1))
    : posix.normalize(posix.join(posix.dirname(fromRel), clean));
  return existsSync(join(outDir, r)) ? r : null;
}

/**
 * Files an HTML page loads up front: scripts, module preloads, styles, and
 * their static imports. `outDir` defaults to the store build; bench/bundle-parts.ts
 * passes its analysis build.
 */
export function pageFiles(htmlRel: string, outDir = OUT_DIR): string[] {
  const seen = new Set<string>([htmlRel]);
  const queue = [htmlRel];
  while (queue.length > 0) {
    const f = queue.shift()!;
    const text = readFileSync(join(outDir, f), 'utf8');
    const refs: string[] = [];
    if (f.endsWith('.html')) {
      for (const m of text.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"[^>]*>/g)) {
        const tag = m[0];
        if (tag.startsWith('<link') && !/rel="(?:stylesheet|modulepreload)"/.test(tag)) continue;
        refs.push(m[1]!);
      }
    } else if (f.endsWith('.js')) {
      // Static imports only; dynamic import() chunks load later, on demand.
      for (const m of text.matchAll(
        /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+\.js)["']/g,
      )) {
        refs.push(m[1]!);
      }
    } else if (f.endsWith('.css')) {
      for (const m of text.matchAll(/@import\s+(?:url\()?["']?([^"')]+\.css)/g)) refs.push(m[1]!);
    }
    for (const ref of refs) {
      const r = resolveRef(f, ref, outDir);
      if (r && !seen.has(r)) {
        seen.add(r);
        queue.push(r);
      }
    }
  }
  return [...seen];
}

interface Size {
  bytes: number;
  gzip: number;
}
function sizeOf(r: string): Size {
  const buf = readFileSync(join(OUT_DIR, r));
  return { bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}
const sum = (xs: Size[]): Size =>
  xs.reduce((a, b) => ({ bytes: a.bytes + b.bytes, gzip: a.gzip + b.gzip }), { bytes: 0, gzip: 0 });

const n = (x: number) => x.toLocaleString('en-US');
const row = (part: string, file: string, s: Size): Row => ({
  part,
  file,
  'bytes (raw)': n(s.bytes),
  'gzip -9': n(s.gzip),
  ratio: s.bytes ? `${((100 * s.gzip) / s.bytes).toFixed(0)} %` : '–',
});

export async function benchSizes(): Promise<Row[]> {
  const note = ensureBuild();
  const rows: Row[] = [];
  const all = listFiles(OUT_DIR).map(rel).sort();

  const background = all.filter((f) => f === 'background.js');
  const content = all.filter((f) => /^content-scripts\/[^/]+\.(?:js|css)$/.test(f));
  const pages = all.filter((f) => /^[^/]+\.html$/.test(f));

  for (const f of background) rows.push(row('background', f, sizeOf(f)));
  if (background.length === 0) rows.push({ part: 'background', file: '(none built)' });

  for (const f of content) rows.push(row('content script', f, sizeOf(f)));
  if (content.length > 1) {
    rows.push(row('content script', '**all content scripts**', sum(content.map(sizeOf))));
  }
  if (content.length === 0) rows.push({ part: 'content script', file: '(none built)' });

  if (!pages.includes('popup.html')) rows.push({ part: 'popup', file: '(no popup.html built)' });
  for (const page of pages) {
    const part = page.replace(/\.html$/, '');
    const files = pageFiles(page);
    for (const f of files) rows.push(row(part, f, sizeOf(f)));
    rows.push(row(part, `**${page} total (${files.length} files)**`, sum(files.map(sizeOf))));
  }

  rows.push(row('manifest', 'manifest.json', sizeOf('manifest.json')));
  rows.push(row('whole build', `**all ${all.length} files**`, sum(all.map(sizeOf))));

  const built = new Date(statSync(join(OUT_DIR, 'manifest.json')).mtimeMs).toISOString();
  rows.push({
    part: 'note',
    file:
      note ?? `existing build from ${built}, newer than its sources (PP_BENCH_BUILD=1 rebuilds)`,
  });
  return rows;
}
