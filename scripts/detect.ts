/**
 * npm run detect -- <page.html> [--url <url>] [--partner <id> | --partner-file <json>] [--static] [--window <ms>]
 *
 * Runs the extension's purchase detectors on a saved page and prints JSON:
 * every finding, the merged claim or the reason there is none.
 *
 *  - Default (browser): headless Chromium opens <url>, served from the file by
 *    request interception (every other request is answered empty; nothing
 *    reaches the network). The same detector code as the extension's, bundled
 *    with esbuild, is injected at document_start together with the same
 *    dataLayer probe, and the same bounded observation window runs.
 *  - --static: linkedom parses the file; no script runs.
 *
 * Without --url, a file listed in its folder's index.json (tests/fixtures/shops)
 * takes the URL and partner from there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from '@playwright/test';
import { build } from 'esbuild';
import { parseHTML } from 'linkedom';
import { Partner, type PartnerInput } from '../utils/contract';
import { type DetectionResult, detectPurchase, type Finding } from '../utils/detect';
import type { PageRun } from '../utils/detect/page-runner';
import { bundledPartners, siteKey } from '../utils/partners';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const DETECT_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Belt and braces: no host name resolves, so nothing could leave even if a request slipped past routing.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: DETECT_CHROMIUM_ARGS,
  });
}

let bundle: Promise<string> | null = null;
/** The page-side detector (utils/detect/page-runner.ts) as a minified IIFE. */
export function detectorBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [join(root, 'utils/detect/page-runner.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    minify: true,
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bundle;
}

export interface DetectOutput {
  file: string;
  url: string;
  mode: 'browser' | 'static';
  partner: { id: string; rules: number };
  claim: DetectionResult['claim'];
  reason?: string;
  found: Finding[];
  observation?: {
    end: string;
    runs: number;
    windowMs: number;
    elapsedMs: number;
    finalUrl: string;
  };
  dataLayer?: unknown[];
  pageErrors?: string[];
  notSeen: string[];
}

type PartnerLike = Pick<Partner, 'id' | 'rules'>;

function output(
  base: Omit<DetectOutput, 'claim' | 'reason' | 'found'>,
  r: DetectionResult | null,
): DetectOutput {
  const { file, url, mode, partner, ...rest } = base;
  const head = { file, url, mode, partner };
  if (!r) return { ...head, claim: null, reason: 'detection did not run', found: [], ...rest };
  return r.claim
    ? { ...head, claim: r.claim, found: r.found, ...rest }
    : { ...head, claim: null, reason: r.reason, found: r.found, ...rest };
}

export function detectStatic(opts: {
  html: string;
  url: string;
  partner: PartnerLike;
  file?: string;
  now?: Date;
}): DetectOutput {
  const { document } = parseHTML(opts.html);
  const r = detectPurchase(
    { url: opts.url, document: document as unknown as Document, dataLayer: [] },
    opts.partner,
    opts.now,
  );
  return output(
    {
      file: opts.file ?? '',
      url: opts.url,
      mode: 'static',
      partner: { id: opts.partner.id, rules: opts.partner.rules.length },
      notSeen: ['scripts not run: dataLayer/gtag and late DOM not observed'],
    },
    r,
  );
}

export async function detectInBrowser(opts: {
  html: string;
  url: string;
  partner: PartnerLike;
  windowMs?: number;
  file?: string;
  browser?: Browser;
}): Promise<DetectOutput> {
  const windowMs = opts.windowMs ?? 15_000;
  const target = new URL(opts.url);
  target.hash = '';
  const browser = opts.browser ?? (await launchChromium());
  const context = await browser.newContext({ serviceWorkers: 'block', javaScriptEnabled: true });
  try {
    const blocked = new Set<string>();
    await context.route('**/*', async (route) => {
      const req = route.request();
      const u = new URL(req.url());
      u.hash = '';
      if (req.isNavigationRequest() && u.href === target.href) {
        await route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: opts.html,
        });
      } else {
        blocked.add(`${req.resourceType()} ${u.origin}${u.pathname}`.slice(0, 200));
        const type = req.resourceType();
        const contentType =
          type === 'script' ? 'text/javascript' : type === 'stylesheet' ? 'text/css' : 'text/plain';
        await route.fulfill({ status: type === 'document' ? 204 : 200, contentType, body: '' });
      }
    });
    await context.addInitScript({ content: await detectorBundle() });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message.slice(0, 300)));
    await page.goto(target.href, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    const run = (await page.evaluate(
      ([partner, ms]) => window.__pointpilotDetect!.run(partner, ms),
      [{ id: opts.partner.id, rules: opts.partner.rules }, windowMs] as const,
    )) as PageRun;
    return output(
      {
        file: opts.file ?? '',
        url: opts.url,
        mode: 'browser',
        partner: { id: opts.partner.id, rules: opts.partner.rules.length },
        observation: {
          end: run.end.reason,
          runs: run.end.runs,
          windowMs,
          elapsedMs: run.elapsedMs,
          finalUrl: run.url,
        },
        dataLayer: run.dataLayer,
        pageErrors,
        notSeen: blocked.size
          ? [
              `${blocked.size} other requests answered empty (external tag libraries such as gtm.js did not run): ${[...blocked].slice(0, 5).join(', ')}`,
            ]
          : [],
      },
      run.result,
    );
  } finally {
    await context.close();
    if (!opts.browser) await browser.close();
  }
}

/** A partner for the URL's site when none is given: no rules, id from the site. */
export function syntheticPartner(url: string): Partner {
  const site = siteKey(url) ?? 'local';
  const id = `site-${site.replace(/[^a-z0-9]+/g, '-')}`.slice(0, 60).replace(/-+$/, '');
  return Partner.parse({
    id,
    name: site,
    domains: [site],
    earn: { pointsPerUnit: 1, currency: 'EUR' },
  });
}

function partnerFromJson(raw: unknown, url: string): Partner {
  const p = raw as Partial<PartnerInput>;
  const site = siteKey(url) ?? '127.0.0.1';
  return Partner.parse({
    name: p.id,
    domains: [site],
    earn: { pointsPerUnit: 1, currency: 'EUR' },
    ...p,
  });
}

interface Args {
  file: string;
  url?: string;
  partner?: string;
  partnerFile?: string;
  static: boolean;
  windowMs?: number;
}

function parseArgs(argv: string[]): Args {
  const a: Partial<Args> & { static: boolean } = { static: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]!;
    const next = () => {
      const n = argv[++i];
      if (n === undefined) throw new Error(`${v} needs a value`);
      return n;
    };
    if (v === '--url') a.url = next();
    else if (v === '--partner') a.partner = next();
    else if (v === '--partner-file') a.partnerFile = next();
    else if (v === '--static') a.static = true;
    else if (v === '--window') a.windowMs = Number(next());
    else if (v === '--help' || v === '-h') throw new Error('help');
    else if (v.startsWith('--')) throw new Error(`unknown option ${v}`);
    else a.file = v;
  }
  if (!a.file) throw new Error('a page file is required');
  return a as Args;
}

const USAGE = `usage: npm run detect -- <page.html> [--url <url>] [--partner <id> | --partner-file <partner.json>] [--static] [--window <ms>]
  --url           the URL the page is served at (default: from the folder's index.json manifest)
  --partner       a partner id from the bundled catalogue (utils/partners)
  --partner-file  a partner JSON ({id, rules, …}); missing fields get defaults
  --static        parse with linkedom, run no scripts
  --window        observation window in ms (default 15000, as in the extension)`;

export async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error((e as Error).message === 'help' ? USAGE : `${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const file = resolve(args.file);
  if (!existsSync(file)) {
    console.error(`no such file: ${args.file}`);
    return 2;
  }
  const html = readFileSync(file, 'utf8');
  // A fixture manifest next to the file supplies URL and partner.
  let entry: { url: string; partner: { id: string; rules?: unknown[] } } | undefined;
  const manifest = join(dirname(file), 'index.json');
  if (existsSync(manifest)) {
    try {
      const list = JSON.parse(readFileSync(manifest, 'utf8')) as {
        file: string;
        url: string;
        partner: { id: string };
      }[];
      entry = list.find((x) => x.file === basename(file));
    } catch {
      entry = undefined;
    }
  }
  const url = args.url ?? entry?.url;
  if (!url || !/^https?:\/\//.test(url)) {
    console.error('--url <http(s) URL> is required for pages not listed in an index.json');
    return 2;
  }
  let partner: Partner;
  try {
    if (args.partnerFile)
      partner = partnerFromJson(JSON.parse(readFileSync(args.partnerFile, 'utf8')), url);
    else if (args.partner) {
      const p = bundledPartners.find((x) => x.id === args.partner);
      if (!p) {
        console.error(
          `unknown partner ${args.partner}; bundled: ${bundledPartners.map((x) => x.id).join(', ')}`,
        );
        return 2;
      }
      partner = p;
    } else if (entry && !args.url) partner = partnerFromJson(entry.partner, url);
    else partner = syntheticPartner(url);
  } catch (e) {
    console.error(`bad partner: ${(e as Error).message}`);
    return 2;
  }
  const rel = file.startsWith(root) ? file.slice(root.length + 1) : file;
  const out = args.static
    ? detectStatic({ html, url, partner, file: rel })
    : await detectInBrowser({ html, url, partner, file: rel, windowMs: args.windowMs });
  console.log(JSON.stringify(out, null, 2));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
