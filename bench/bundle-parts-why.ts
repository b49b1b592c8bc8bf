/**
 * Why each part of a bundle is there (bench/bundle-parts.ts). A part missing
 * here shows as "not justified yet" in the table: add its line when a new
 * package or folder starts shipping.
 */
export const WHY: Record<string, string> = {
  tldts:
    'public suffix list (ICANN + private, e.g. myshopify.com): a URL’s registrable domain, so www./sub. of a partner match it and a look-alike does not (utils/partners: match, origins, hint rules); popup: current site and host permissions for Enable',
  'tldts-core': 'tldts’s hostname extraction and trie lookup',
  dexie:
    'IndexedDB ledger: entries, balances and outbox in one transaction (background, the only writer); the popup reads it live (liveQuery, paged Activity queries)',
  zod: 'the shared contract (utils/contract, also the server’s and the OpenAPI document’s): every server answer, message and stored value is parsed before use; classic zod also carries its JSON-schema code',
  'zod (locales)':
    'zod classic installs its English error messages at import; never shown to users',
  preact: 'UI of the popup and the other extension pages (~4 KB gzip, React API)',
  uqr: 'QR code of the member number (member card), drawn as one SVG path',
  jsbarcode:
    'Code 128 barcode of the member number; only the CODE128 encoder, not the DOM renderer',
  'webextension-polyfill':
    'promise-based browser.* on Chrome, through wxt/browser (WXT’s polyfill module); a no-op on Firefox',
  'webextension-polyfill (2nd copy, in @webext-core/messaging)':
    'avoidable: @webext-core/messaging 2.3 pins ^0.10.0 beside our 0.12.0; one copy would do (see the note)',
  '@webext-core/messaging': 'typed runtime messages between pages, content script and background',
  'serialize-error':
    'dependency of @webext-core/messaging: errors thrown in the background reach the caller',
  wxt: 'content-script context (stops listeners when the extension reloads), defineContentScript',
  'entrypoints/background':
    'background worker: claim sender checks, sync scheduling, program/survey/donation ops, notifications, partner hint',
  'entrypoints/popup':
    'popup views: home, activity, coupons, rewards, donate, wallet, member card, missing purchase',
  'entrypoints/partner.content':
    'partner page: purchase observer wiring, in-page notice, on-site banner',
  'entrypoints/*.ts':
    'probe.content.ts: main-world hook on dataLayer/gtag, messages the isolated script',
  components:
    'shared Preact components and their texts (activity list, survey card, sync status, tier, plan …)',
  'utils/contract':
    'zod schemas of the contract that the code paths here parse (imported via the barrel, so all of them)',
  'utils/ledger':
    'Dexie schema, ledger writes (entry + balance + outbox), paged queries, health checks',
  'utils/sync': 'sync engine: batches of 100, apply answers atomically, backoff',
  'utils/survey':
    'survey visibility/validation evaluator (3 KB gzip instead of survey-core’s 314 KB)',
  'utils/detect':
    'purchase detection: JSON-LD, microdata, dataLayer, order-page rules, and the zod-free Claim check',
  'utils/money': 'amount parsing in every locale format, currencies and minor units',
  'utils/partners': 'URL → partner index, host permission patterns, catalogue cache',
  'utils/program': 'tiers, coupons, rewards, donations, wallet and member-card encoding',
  'utils/loyalty': 'earn math shared with the server, points preview, expiry lines',
  'utils/notify': 'notification decisions: quiet hours, daily cap, preferences',
  'utils/api': 'HTTP client for the backend (fetch, problem+json, ETag)',
  'utils/account': 'session storage, backend URL check, email normalisation',
  'utils/settings': 'language/theme preferences and their messages',
  'utils/banner': 'on-site banner: activation state (checked without zod), preferences',
  'utils/time': 'activation windows, time zones',
  'utils/*.ts': 'messaging.ts (message types) and storage-keys.ts',
  '(stylesheets)': 'the popup’s CSS (shared styles + popup’s own), loaded before first paint',
  '(HTML page)': 'popup.html',
  '(bundler glue, unmapped)':
    'Vite/Rollup helpers (preload, CommonJS interop) and bytes no source map claims',
};

type Share = (bundle: 'background' | 'popup' | 'content scripts', ...parts: string[]) => number;

/**
 * Savings not taken yet, each a behaviour change or a larger refactor, with
 * the gzip KB of this run's table that it would remove (an estimate).
 */
export function ideas(kb: Share): { idea: string; 'saves (gzip KB, est.)': string }[] {
  const f = (x: number) => x.toFixed(0);
  return [
    {
      idea:
        'Popup without tldts: the background (which has it) answers “which partner is this tab” and the stored catalogue ' +
        'carries each partner’s host-permission patterns, so the popup never parses the public suffix list',
      'saves (gzip KB, est.)': `popup ${f(kb('popup', 'tldts', 'tldts-core'))}`,
    },
    {
      idea:
        'Match partners without the public suffix list: walk the host’s parent domains against the catalogue’s domains ' +
        '(needs partner domains to be registrable domains, checked by the server with tldts on upload)',
      'saves (gzip KB, est.)': `background ${f(kb('background', 'tldts', 'tldts-core'))}, popup the same`,
    },
    {
      idea:
        'zod/mini for the extension side of the contract (the server keeps classic zod for @hono/zod-openapi): same ' +
        'checks, no JSON-schema code, no locale. A sample with the same schema kinds: mini 12.9 KB gzip',
      'saves (gzip KB, est.)': `about half of zod: background ${f(kb('background', 'zod', 'zod (locales)') / 2)}, popup ${f(kb('popup', 'zod', 'zod (locales)') / 2)}`,
    },
    {
      idea:
        'Popup reads only what it has been given: storage values are written by the background after a zod parse, so ' +
        'zod-free checks (as the content script has) would let the popup drop zod altogether',
      'saves (gzip KB, est.)': `popup ${f(kb('popup', 'zod', 'zod (locales)'))}`,
    },
    {
      idea:
        'Popup without Dexie: its few reads (balance, one Activity page, counts) as plain IndexedDB requests on the ' +
        'same indexes, with a change signal from the background instead of liveQuery',
      'saves (gzip KB, est.)': `popup ${f(kb('popup', 'dexie') - 3)} (keeping ~3 KB of own code)`,
    },
    {
      idea: 'Member card on demand: import() uqr and jsbarcode when the card view opens, not before first paint',
      'saves (gzip KB, est.)': `popup ${f(kb('popup', 'uqr', 'jsbarcode'))} up front`,
    },
    {
      idea:
        'Import contract schemas from their own files, not the utils/contract barrel (zod schemas are module-level ' +
        'calls, so Rollup keeps every schema the barrel re-exports: the popup ships webhook and operator schemas)',
      'saves (gzip KB, est.)': 'popup 1–2',
    },
  ];
}
