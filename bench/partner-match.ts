/**
 * URL → partner matching with a 50,000-partner catalogue.
 *
 * Measured: `PartnerIndex.byUrl` (registrable-domain key via tldts, so
 * subdomains, ports and multi-level public suffixes match correctly).
 * Baseline: a plain `Map` on the exact hostname (`new URL(u).hostname`), the
 * cheapest thing that could possibly work, and wrong for every subdomain.
 *
 * Lookups are timed in batches of 1,000 (timer resolution is too coarse for a
 * single sub-microsecond call); the median and p95 are over those batches.
 */
import { performance } from 'node:perf_hooks';
import { Partner } from '../utils/contract';
import { PartnerIndex } from '../utils/partners';
import type { Row } from './run';

export const PARTNERS = 50_000;
export const LOOKUPS = 200_000;
const BATCH = 1_000;

/** Small deterministic PRNG (mulberry32) so every run measures the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  'ka,me,lo,ri,sa,to,ne,mi,ku,ba,de,fi,go,ha,ju,le,ma,no,pe,ra,si,te,vo,wa,zu,bra,stein,haus,werk,markt,kauf,feld,berg,hof,land,tech,mode,sport,bio,gar,ten,wein,buch,spiel,licht,kaffee,tee,kind,tier,rad,auto,reise,sonne,nord,sued,ost,west,blau,gruen,rot,gold'.split(
    ',',
  );
const WORDS = ['', '', '', '', 'shop', 'store', 'online', '24', 'direkt', 'welt', 'express'];
/** Public suffixes with rough weights; includes multi-level and private ones. */
const SUFFIXES: [string, number][] = [
  ['de', 34],
  ['com', 18],
  ['co.uk', 8],
  ['com.au', 5],
  ['at', 4],
  ['ch', 4],
  ['fr', 4],
  ['nl', 3],
  ['it', 3],
  ['es', 3],
  ['eu', 2],
  ['shop', 2],
  ['store', 1],
  ['co.jp', 2],
  ['com.br', 2],
  ['org.uk', 1],
  ['myshopify.com', 2], // private suffix: "brand.myshopify.com" is its own site
  ['com.mx', 1],
  ['co.nz', 1],
];
const SUBDOMAINS = ['www.', 'www.', 'shop.', 'checkout.', 'm.', 'secure.checkout.', 'de.'];
const PATHS = [
  '/',
  '/checkout/onepage/success/',
  '/order/PP-100123/confirmation',
  '/p/8812345?utm_source=newsletter&utm_medium=email',
  '/de-de/kasse/danke?orderId=4711#top',
  '/checkout/order-received/1234/?key=wc_order_abc',
  '/products/kaffeemuehle-keramik?variant=4242',
];

export interface Workload {
  partners: Partner[];
  urls: string[];
  /** Expected partner id per URL (undefined for a non-partner URL). */
  expected: (string | undefined)[];
}

export function makeWorkload(partnerCount = PARTNERS, lookupCount = LOOKUPS): Workload {
  const rand = rng(0x5eed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const totalWeight = SUFFIXES.reduce((s, [, w]) => s + w, 0);
  const suffix = (): string => {
    let r = rand() * totalWeight;
    for (const [s, w] of SUFFIXES) {
      r -= w;
      if (r < 0) return s;
    }
    return 'de';
  };
  const label = (): string => {
    const n = 2 + Math.floor(rand() * 2);
    let s = '';
    for (let i = 0; i < n; i++) s += pick(SYLLABLES);
    const w = pick(WORDS);
    return w ? `${s}${rand() < 0.3 ? '-' : ''}${w}` : s;
  };

  const taken = new Set<string>();
  const fresh = (): string => {
    for (;;) {
      const d = `${label()}.${suffix()}`;
      if (!taken.has(d)) {
        taken.add(d);
        return d;
      }
    }
  };

  const partners: Partner[] = [];
  const sites: { domain: string; id: string }[] = [];
  for (let i = 0; i < partnerCount; i++) {
    const id = `p-${i.toString(36).padStart(5, '0')}`;
    const domains = [fresh()];
    if (rand() < 0.2) domains.push(fresh()); // a second country shop
    // Some catalogues list a shop's subdomain; it still claims the whole site.
    if (rand() < 0.05) domains[0] = `shop.${domains[0]}`;
    partners.push({
      id,
      name: `Partner ${i}`,
      domains,
      earn: { pointsPerUnit: 1 + (i % 5), currency: 'EUR' },
      requiresActivation: rand() < 0.1,
      activationHours: 24,
      confirmationDays: 30,
      rules: [],
    });
    for (const d of domains) sites.push({ domain: d.replace(/^shop\./, ''), id });
  }

  const urls: string[] = [];
  const expected: (string | undefined)[] = [];
  for (let i = 0; i < lookupCount; i++) {
    const r = rand();
    const path = pick(PATHS);
    if (r < 0.55) {
      // Partner site, with a subdomain half the time, sometimes a port.
      const s = pick(sites);
      const sub = rand() < 0.5 ? pick(SUBDOMAINS) : '';
      const port = rand() < 0.05 ? ':8443' : '';
      const scheme = rand() < 0.1 ? 'http' : 'https';
      const host = rand() < 0.05 ? `${sub}${s.domain}`.toUpperCase() : `${sub}${s.domain}`;
      urls.push(`${scheme}://${host}${port}${path}`);
      expected.push(s.id);
    } else if (r < 0.85) {
      // Some other shop or news site.
      const d = fresh();
      urls.push(`https://${rand() < 0.5 ? 'www.' : ''}${d}${path}`);
      expected.push(undefined);
    } else if (r < 0.95) {
      // Look-alikes of partner domains.
      const s = pick(sites);
      const evil = [
        `https://${s.domain}.evil-${i % 97}.example${path}`,
        `https://not${s.domain}${path}`,
        `https://${s.domain}@phish.example${path}`,
        `https://${s.domain.replace(/\./g, '-')}.net${path}`,
      ];
      urls.push(pick(evil));
      expected.push(undefined);
    } else {
      urls.push(
        pick([
          'chrome://extensions/',
          'about:blank',
          `http://192.168.${i % 250}.10:8080/admin`,
          'http://localhost:5173/',
          'https://[2001:db8::1]/',
          'file:///home/user/order.html',
        ]),
      );
      expected.push(undefined);
    }
  }
  return { partners, urls, expected };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

interface LookupStats {
  medianUs: number;
  p95Us: number;
  perSecond: number;
  correct: number;
  /** Partner URLs that found their partner. */
  found: number;
  /** URLs that got a partner they do not belong to. */
  wrong: number;
}

function timeLookups(
  urls: string[],
  expected: (string | undefined)[],
  lookup: (url: string) => Partner | undefined,
): LookupStats {
  // Warm-up pass (JIT, tldts caches), also checks correctness.
  let correct = 0;
  let found = 0;
  let wrong = 0;
  for (let i = 0; i < urls.length; i++) {
    const got = lookup(urls[i]!)?.id;
    if (got === expected[i]) {
      correct++;
      if (got !== undefined) found++;
    } else if (got !== undefined) wrong++;
  }
  const perLookup: number[] = [];
  let sink = 0;
  const t0 = performance.now();
  for (let b = 0; b < urls.length; b += BATCH) {
    const end = Math.min(urls.length, b + BATCH);
    const s = performance.now();
    for (let i = b; i < end; i++) if (lookup(urls[i]!) !== undefined) sink++;
    perLookup.push(((performance.now() - s) * 1000) / (end - b));
  }
  const total = performance.now() - t0;
  if (sink < 0) console.log(sink); // keep the loop observable
  return {
    medianUs: median(perLookup),
    p95Us: quantile(perLookup, 0.95),
    perSecond: (urls.length / total) * 1000,
    correct,
    found,
    wrong,
  };
}

function timeBuild<T>(build: () => T, runs = 5): { ms: number; value: T } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    value = build();
    times.push(performance.now() - s);
  }
  return { ms: median(times), value };
}

const us = (x: number) => `${x.toFixed(3)} µs`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const pct = (n: number, of: number) =>
  `${((100 * n) / of).toFixed(1)} % (${n.toLocaleString('en-US')})`;
const rate = (x: number) => `${(x / 1e6).toFixed(2)} M/s`;

export async function benchPartnerMatch(): Promise<Row[]> {
  const genStart = performance.now();
  const { partners: raw, urls, expected } = makeWorkload();
  const genMs = performance.now() - genStart;

  // The extension parses the catalogue with zod before indexing it.
  const parsed = timeBuild(() => raw.map((p) => Partner.parse(p)), 1);
  const partners = parsed.value;
  const domainCount = partners.reduce((s, p) => s + p.domains.length, 0);

  const index = timeBuild(() => new PartnerIndex(partners));
  const baselineMap = timeBuild(() => {
    const m = new Map<string, Partner>();
    for (const p of partners) for (const d of p.domains) if (!m.has(d)) m.set(d, p);
    return m;
  });

  const idx = index.value;
  const map = baselineMap.value;
  const measured = timeLookups(urls, expected, (u) => idx.byUrl(u));
  const baseline = timeLookups(urls, expected, (u) => {
    try {
      return map.get(new URL(u).hostname);
    } catch {
      return undefined;
    }
  });

  const partnerUrls = expected.filter((e) => e !== undefined).length;
  const M = 'PartnerIndex.byUrl';
  const B = 'baseline: Map on exact hostname';
  return [
    { metric: 'lookup, median per call', [M]: us(measured.medianUs), [B]: us(baseline.medianUs) },
    {
      metric: 'lookup, p95 per call (1k batches)',
      [M]: us(measured.p95Us),
      [B]: us(baseline.p95Us),
    },
    { metric: 'throughput', [M]: rate(measured.perSecond), [B]: rate(baseline.perSecond) },
    {
      metric: `partner URLs recognised (of ${partnerUrls.toLocaleString('en-US')}; 50 % on a subdomain)`,
      [M]: pct(measured.found, partnerUrls),
      [B]: pct(baseline.found, partnerUrls),
    },
    {
      metric: 'URLs given a wrong partner (look-alikes etc.)',
      [M]: String(measured.wrong),
      [B]: String(baseline.wrong),
    },
    {
      metric: `correct answer, all ${urls.length.toLocaleString('en-US')} mixed URLs`,
      [M]: pct(measured.correct, urls.length),
      [B]: pct(baseline.correct, urls.length),
    },
    {
      metric: `build from ${partners.length.toLocaleString('en-US')} partners / ${domainCount.toLocaleString('en-US')} domains (median of 5)`,
      [M]: ms(index.ms),
      [B]: ms(baselineMap.ms),
    },
    { metric: 'catalogue zod parse (Partner.parse × 50k)', [M]: ms(parsed.ms), [B]: '–' },
    { metric: 'synthetic data generation', [M]: ms(genMs), [B]: '–' },
  ];
}
