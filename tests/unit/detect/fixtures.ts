import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Partner, type PartnerRule, type Signal } from '../../../utils/contract';
import { installDataLayerProbe } from '../../../utils/detect';
import { siteKey } from '../../../utils/partners';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/shops');

export interface FixtureEntry {
  file: string;
  shop: string;
  describe: string;
  url: string;
  partner: { id: string; rules?: PartnerRule[] };
  expected: { orderRef: string; total: { minor: number; currency: string } } | null;
  reason?: string;
  signals?: Signal[];
  conflicts?: boolean;
  browserOnly?: boolean;
}

export const fixtures: FixtureEntry[] = JSON.parse(
  readFileSync(join(FIXTURE_DIR, 'index.json'), 'utf8'),
);

export const readFixture = (f: FixtureEntry) => readFileSync(join(FIXTURE_DIR, f.file), 'utf8');

export function fixturePartner(f: FixtureEntry): Partner {
  return Partner.parse({
    id: f.partner.id,
    name: f.partner.id,
    domains: [siteKey(f.url) ?? '127.0.0.1'],
    earn: { pointsPerUnit: 1, currency: 'EUR' },
    rules: f.partner.rules ?? [],
  });
}

/**
 * The dataLayer entries a page's inline scripts push, without a browser: the
 * scripts run against a stub window that has the real probe installed
 * (timers fire at once; DOM calls fail and end that script). Enough for
 * fixtures whose tags push literals; pages that render through scripts are
 * `browserOnly` and covered by the browser test.
 */
export function inlineDataLayer(doc: Document): unknown[] {
  const entries: unknown[] = [];
  const win: Record<string, unknown> = {};
  installDataLayerProbe((e) => entries.push(...e), { target: win });
  const noop = () => {};
  const el = () => ({ parentNode: { insertBefore: noop }, setAttribute: noop, appendChild: noop });
  Object.assign(win, {
    window: win,
    document: {
      getElementsByTagName: () => [el()],
      createElement: el,
      addEventListener: (_t: string, fn: () => void) => fn(),
      getElementById: () => null,
      head: el(),
    },
    setTimeout: (fn: () => void) => {
      fn();
      return 0;
    },
    history: { pushState: noop },
  });
  const code = Array.from(doc.querySelectorAll('script'))
    .filter(
      (s) => !s.getAttribute('src') && /^(|text\/javascript)$/i.test(s.getAttribute('type') ?? ''),
    )
    .map((s) => `try {\n${s.textContent}\n} catch (e) {}`)
    .join('\n');
  // Sloppy-mode `with` makes bare `dataLayer`/`gtag` resolve on the stub window, as on a page.
  new Function('window', `with (window) {\n${code}\n}`)(win);
  return entries;
}
