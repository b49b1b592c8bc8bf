/**
 * Runs the benchmarks and rewrites bench/RESULTS.md.
 *
 *   npm run bench                 # all benches, rewrites RESULTS.md
 *   npx tsx bench/run.ts sizes    # only the named ones, prints, writes nothing
 *
 * A bench module exports an async function returning rows (one table), a
 * list of { title, rows } (several tables) or a markdown string. Modules are
 * registered below; other bench/*.ts files exporting a `bench…` function are
 * picked up too. Missing modules, or modules without a bench function yet,
 * are skipped with a note.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One table row: column name → cell. Column order follows the first row that has it. */
export type Row = Record<string, string | number | boolean | null | undefined>;
export interface Table {
  title?: string;
  rows: Row[];
}

interface BenchSpec {
  name: string;
  title: string;
  file: string;
  /** Export names tried in order; then any exported function named bench*. */
  exports: string[];
  /** Also written on its own, under bench/results/. */
  resultsFile?: string;
  about?: string;
}

const DIR = fileURLToPath(new URL('.', import.meta.url));

const REGISTERED: BenchSpec[] = [
  {
    name: 'activity-filter',
    title: 'Activity filters, 10,000 local entries',
    file: 'activity-filter.ts',
    exports: ['benchActivityFilter'],
    about:
      'The popup’s Activity query (first page of 50 and its count) through the Dexie compound ' +
      'indexes, in Node on fake-indexeddb (the ratios matter, not the absolute times), beside the ' +
      'unfiltered createdAt read and the same filter scanning every entry.',
  },
  {
    name: 'partner-match',
    title: 'URL → partner matching, 50,000 partners',
    file: 'partner-match.ts',
    exports: ['benchPartnerMatch'],
    resultsFile: 'results/partner-match.md',
    about:
      '200,000 mixed URLs (55 % partner sites, half on subdomains, some with ports, upper case; ' +
      '30 % other sites; 10 % look-alikes; 5 % non-web/IP/localhost) against 50,000 synthetic ' +
      'partners with realistic domains (.de, .com, .co.uk, .com.au, .co.jp, .myshopify.com …). ' +
      'Per-call time = batches of 1,000 lookups, median / p95 over the batches, after a warm-up pass.',
  },
  {
    name: 'sizes',
    title: 'Bundle sizes, chrome-mv3 build',
    file: 'sizes.ts',
    exports: ['benchSizes'],
    resultsFile: 'results/sizes.md',
    about:
      'Files of .output/chrome-mv3 as the browser loads them. The popup row set is popup.html plus ' +
      'the scripts, module preloads and styles it references, followed through static imports. gzip -9 via node:zlib.',
  },
  {
    name: 'bundle-parts',
    title: 'Bundle parts: what each package and folder adds',
    file: 'bundle-parts.ts',
    exports: ['benchBundleParts'],
    resultsFile: 'results/bundle-parts.md',
    about:
      'The background worker, the popup’s whole row set and the content scripts of a Chrome MV3 build with ' +
      'hidden source maps (the store build’s code), split by package and project folder with source-map-explorer, ' +
      'each part with why it is there.',
  },
  {
    name: 'detect',
    title: 'Purchase detection',
    file: 'detect.ts',
    exports: ['benchDetect', 'runDetectBench', 'run', 'default'],
    resultsFile: 'results/detect.md',
  },
  {
    name: 'sync-e2e',
    title: 'End-to-end sync, extension engine → server',
    file: 'sync-e2e.ts',
    exports: ['benchSyncE2e'],
    resultsFile: 'results/sync-e2e.md',
    about:
      'The extension’s ledger and sync engine in Node (fake-indexeddb) against a real server process on ' +
      'embedded PGlite (on disk), beside the server’s raw ingestion of the same number of ops in the same run.',
  },
  {
    name: 'confirm',
    title: 'Partner confirmations with tier and coupon rules',
    file: 'confirm.ts',
    exports: ['benchConfirm'],
    about:
      '300 members per group, one claim each, confirmed through the signed webhook in-process (4 at a time) on ' +
      'PGlite in memory: members at Silver (1.25×) with an activated 10× coupon beside members on the plain base ' +
      'rate, in one run, the two groups interleaved. Ratio = base time / program time (1.00× = no cost).',
  },
  {
    name: 'survey',
    title: 'Survey conditions: own evaluator vs SurveyJS',
    file: 'survey.ts',
    exports: ['benchSurvey'],
    about:
      'The visibleIf evaluator shipped in the popup (utils/survey/expression.ts) beside survey-core’s ' +
      'ConditionRunner, in one run: bytes each adds to a bundle (esbuild, minified, gzip -9) and time to ' +
      'evaluate the welcome survey’s conditions over the same 20,000 pseudo-random answer sets.',
  },
  {
    name: 'idb-write',
    title: 'Ledger write in real Chromium IndexedDB',
    file: 'idb-write.ts',
    exports: ['benchIdbWrite'],
    about:
      'Inside a page of the built e2e extension in Debian’s Chromium (its own IndexedDB, the ledger’s own ' +
      'code): recordClaim (pending entry + balance + outbox op, one transaction) beside one raw IndexedDB put ' +
      'of an entry-sized record into a plain store of another database; to show where the time goes, the ' +
      'write as before issue 16, its requests in raw IndexedDB and one put into the indexed entries store. ' +
      'Interleaved in rounds of 50, 2,000 each after 100 warm-up, each awaited until its transaction completed.',
  },
  {
    name: 'popup-entries',
    title: 'Popup open with 10,000 local entries, real Chromium',
    file: 'popup-entries.ts',
    exports: ['benchPopupEntries'],
    about:
      'The built e2e extension in Debian’s Chromium, two profiles seeded through the ledger’s code (10 and ' +
      '10,000 synced entries): navigation to popup.html until the seeded balance and Home’s first activity ' +
      'row are painted, beside a plain extension page (privacy.html), interleaved, 15 opens each after a warm-up.',
  },
  {
    name: 'popup-open',
    title: 'Popup open time with the survey card, real Chromium',
    file: 'popup-open.ts',
    exports: ['benchPopupOpen'],
    about:
      'The built e2e extension in Debian’s Chromium against a real server: navigation to popup.html until ' +
      'the survey card’s teaser is painted (signed in, welcome survey cached), beside the popup signed out ' +
      'and a plain extension page, interleaved, 15 opens each after a warm-up.',
  },
  {
    name: 'load',
    title: 'HTTP load: polls, claims, confirmations (autocannon)',
    file: 'load.ts',
    exports: ['benchLoad'],
    about:
      'The real server process on 127.0.0.1 (PGlite on disk, then a throwaway PostgreSQL), 32 autocannon ' +
      'connections over 128 members’ tokens: empty polls beside a bare Hono route returning the same JSON, ' +
      'one-claim syncs, signed confirmations of those claims. Server CPU per request from /proc (one Node ' +
      'thread = one core); raw figures in bench/results/load.json.',
  },
  {
    name: 'server-sync',
    title: 'Server sync',
    file: 'server-sync.ts',
    exports: ['benchServerSync', 'benchSync', 'runServerSyncBench', 'run', 'default'],
  },
  // Keep last: it reads bench/results/load.json and results/server.md written earlier in this run.
  {
    name: 'capacity',
    title: 'Capacity model, 31 million members',
    file: '../scripts/capacity.ts',
    exports: ['benchCapacity'],
    about:
      'docs/scale.md’s model on this run’s figures: 10 online purchases per member a month (one claim and one ' +
      'webhook confirmation each), a poll every 30 minutes, peaks at 10× the mean, cores and primaries at ≤ 60 %. ' +
      'Server CPU per request from the load bench; writes per primary from the PostgreSQL rows of Server sync ' +
      '(this 2-core machine taken as one primary).',
  },
];

/** Registered benches plus other bench/*.ts files that export a bench function. */
function discover(): BenchSpec[] {
  const specs = [...REGISTERED];
  const known = new Set([...REGISTERED.map((s) => s.file), 'run.ts']);
  for (const f of existsSync(DIR) ? readdirSync(DIR).sort() : []) {
    if (!f.endsWith('.ts') || f.endsWith('.d.ts') || f.includes('.test.') || known.has(f)) continue;
    // Only import files that declare a bench function (importing runs top-level code).
    const src = readFileSync(join(DIR, f), 'utf8');
    if (!/export\s+(?:async\s+)?function\s+bench\w*/.test(src)) continue;
    const name = f.replace(/\.ts$/, '');
    specs.push({ name, title: name, file: f, exports: [] });
  }
  return specs;
}

type BenchFn = () => unknown;

async function loadBench(spec: BenchSpec): Promise<{ fn?: BenchFn; skip?: string }> {
  const path = join(DIR, spec.file);
  if (!existsSync(path)) return { skip: `bench/${spec.file} does not exist yet` };
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    return { skip: `bench/${spec.file} failed to load: ${(e as Error).message.split('\n')[0]}` };
  }
  for (const name of spec.exports) {
    if (typeof mod[name] === 'function') return { fn: mod[name] as BenchFn };
  }
  const other = Object.entries(mod).find(([k, v]) => /^bench/.test(k) && typeof v === 'function');
  if (other) return { fn: other[1] as BenchFn };
  return { skip: `bench/${spec.file} exports no bench function yet` };
}

const isRowArray = (v: unknown): v is Row[] =>
  Array.isArray(v) && v.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r));
const isTable = (v: unknown): v is Table =>
  v !== null && typeof v === 'object' && isRowArray((v as Table).rows);

/** Normalise whatever a bench returned into tables or markdown text. */
function normalise(result: unknown): (Table | string)[] {
  if (typeof result === 'string') return [result];
  if (Array.isArray(result) && result.length > 0 && result.every(isTable)) return result;
  if (isTable(result)) return [result];
  if (isRowArray(result)) return [{ rows: result }];
  return [`\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\``];
}

const cell = (v: Row[string]): string =>
  v === undefined || v === null ? '' : String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: Row[]): string {
  if (rows.length === 0) return '_(no rows)_';
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  // Numbers and measurements right-aligned, text left-aligned.
  const numeric = cols.map((c) =>
    rows.every((r) => r[c] === undefined || r[c] === '' || /^[\d.,\s%µmsKMB/–-]+/.test(cell(r[c]))),
  );
  const lines = [
    `| ${cols.join(' | ')} |`,
    `| ${cols.map((_, i) => (i > 0 && numeric[i] ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(' | ')} |`),
  ];
  return lines.join('\n');
}

function render(parts: (Table | string)[]): string {
  return parts
    .map((p) =>
      typeof p === 'string' ? p : `${p.title ? `#### ${p.title}\n\n` : ''}${markdownTable(p.rows)}`,
    )
    .join('\n\n');
}

function machine(): Row {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${process.platform} ${process.arch}`,
  };
}

interface Outcome {
  spec: BenchSpec;
  markdown?: string;
  skip?: string;
  seconds?: number;
}

async function main(argv: string[]): Promise<void> {
  const only = argv.filter((a) => !a.startsWith('-'));
  const specs = discover().filter((s) => only.length === 0 || only.includes(s.name));
  const outcomes: Outcome[] = [];
  const loadAtStart = loadavg()[0] ?? 0;
  const started = performance.now();

  for (const spec of specs) {
    const { fn, skip } = await loadBench(spec);
    if (!fn) {
      console.log(`\n## ${spec.title}\n\n_skipped: ${skip}_`);
      outcomes.push({ spec, skip });
      continue;
    }
    const t0 = performance.now();
    try {
      const markdown = render(normalise(await fn()));
      const seconds = (performance.now() - t0) / 1000;
      console.log(`\n## ${spec.title} (${seconds.toFixed(1)} s)\n\n${markdown}`);
      outcomes.push({ spec, markdown, seconds });
    } catch (e) {
      const msg = `failed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ') ?? String(e)}`;
      console.log(`\n## ${spec.title}\n\n_${msg}_`);
      outcomes.push({ spec, skip: msg });
      process.exitCode = 1;
    }
  }
  const total = (performance.now() - started) / 1000;
  console.log(`\nAll benches: ${total.toFixed(1)} s`);

  if (only.length > 0 || argv.includes('--no-write')) return;

  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const m = machine();
  const section = (o: Outcome) =>
    [
      `## ${o.spec.title}`,
      o.spec.about ? `_${o.spec.about}_` : '',
      o.markdown ?? `_skipped: ${o.skip}_`,
      o.seconds !== undefined
        ? `<sub>bench/${o.spec.file}, ran in ${o.seconds.toFixed(1)} s</sub>`
        : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  const header = (title: string, withTotal: boolean) =>
    [
      `# ${title}`,
      '',
      'Generated by `npm run bench` (bench/run.ts); rewritten on every run. Each table shows the',
      'measured implementation next to its baseline.',
      '',
      `- Date: ${date}`,
      `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, ${m.os}`,
      `- Node: ${m.node}`,
      `- Load average (1 min) at start: ${loadAtStart.toFixed(2)}; other processes on a shared machine skew timings`,
      ...(withTotal ? [`- Total run time: ${total.toFixed(1)} s`] : []),
    ].join('\n');
  writeFileSync(
    join(DIR, 'RESULTS.md'),
    `${header('Benchmark results', true)}\n\n${outcomes.map(section).join('\n\n')}\n`,
  );
  for (const o of outcomes) {
    if (!o.spec.resultsFile || !o.markdown) continue;
    const file = join(DIR, o.spec.resultsFile);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `${header(o.spec.title, false)}\n\n${section(o)}\n`);
  }
  console.log('Wrote bench/RESULTS.md');
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
