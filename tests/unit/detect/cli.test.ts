import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DetectOutput, detectInBrowser, launchChromium } from '../../../scripts/detect';
import { Claim } from '../../../utils/contract';
import { FIXTURE_DIR, fixturePartner, fixtures, readFixture } from './fixtures';

const run = promisify(execFile);
const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

async function cli(...args: string[]): Promise<DetectOutput> {
  const { stdout } = await run('npx', ['tsx', 'scripts/detect.ts', ...args], { timeout: 60_000 });
  return JSON.parse(stdout) as DetectOutput;
}
const fx = (name: string) => join(FIXTURE_DIR, name);

describe('npm run detect (CLI)', () => {
  it('--static reads structured data and says what it cannot see', async () => {
    const out = await cli(fx('woo-jsonld.html'), '--static');
    expect(out.mode).toBe('static');
    expect(out.claim).toMatchObject({
      partnerId: 'kaffee-roesterei',
      orderRef: '4711',
      signals: ['jsonld', 'template'],
    });
    expect(out.notSeen).toEqual(['scripts not run: dataLayer/gtag and late DOM not observed']);
    // Without scripts the GA4 push is not seen; WooCommerce's own template still names the order.
    const dl = await cli(fx('woo-gtm4wp-ga4.html'), '--static');
    expect(dl.claim).toMatchObject({ orderRef: '10233', signals: ['template'] });
    const none = await cli(fx('neg-tpl-woo-view-order-de.html'), '--static');
    expect(none.claim).toBeNull();
    expect(none.reason).toContain('no purchase signal');
  }, 60_000);

  it('--static with --url, --partner-file and a synthetic partner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-detect-'));
    const partnerFile = join(dir, 'partner.json');
    writeFileSync(
      partnerFile,
      JSON.stringify(fixtures.find((f) => f.file === 'woo-rule-only.html')!.partner),
    );
    const url = 'https://www.naturkosmetik.example/kasse/order-received/30017/';
    const withRule = await cli(
      fx('woo-rule-only.html'),
      '--static',
      '--url',
      url,
      '--partner-file',
      partnerFile,
    );
    expect(withRule.claim?.orderRef).toBe('30017');
    const synthetic = await cli(fx('woo-rule-only.html'), '--static', '--url', url);
    expect(synthetic.partner).toEqual({ id: 'site-naturkosmetik-example', rules: 0 });
    expect(synthetic.claim).toBeNull();
  }, 60_000);

  it('rejects bad arguments with usage', async () => {
    await expect(cli(fx('woo-jsonld.html'), '--partner', 'nope', '--static')).rejects.toThrow(
      /unknown partner/,
    );
    await expect(cli('missing.html')).rejects.toThrow(/no such file/);
  }, 60_000);

  it.runIf(hasChromium)(
    'browser mode follows an SPA confirmation (pushState, then render + push)',
    async () => {
      const out = await cli(fx('spa-pushstate-jsonld.html'), '--window', '8000');
      expect(out.mode).toBe('browser');
      expect(out.claim).toMatchObject({ orderRef: 'SD-77812', signals: ['jsonld', 'datalayer'] });
      expect(out.observation).toMatchObject({
        end: 'claim',
        finalUrl: 'https://app.sneaker-drop.example/order/confirmation/SD-77812',
      });
      expect(out.pageErrors).toEqual([]);
    },
    60_000,
  );

  it.runIf(hasChromium)(
    'browser mode sees a late dataLayer push that static mode cannot',
    async () => {
      const out = await cli(fx('woo-late-push.html'), '--window', '8000');
      expect(out.claim).toMatchObject({ orderRef: '77001', signals: ['datalayer'] });
      expect(out.observation!.elapsedMs).toBeGreaterThanOrEqual(1000);
      const stat = await cli(fx('woo-late-push.html'), '--static');
      expect(stat.claim).toBeNull();
    },
    60_000,
  );
});

describe.runIf(hasChromium)('every shop fixture in Chromium (same bundle as the CLI)', () => {
  let browser: Browser;
  const results = new Map<string, DetectOutput>();
  beforeAll(async () => {
    browser = await launchChromium();
    // Two pages at a time (two cores); negatives wait out a short window.
    const queue = [...fixtures];
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        results.set(
          f.file,
          await detectInBrowser({
            html: readFixture(f),
            url: f.url,
            partner: fixturePartner(f),
            windowMs: 2500,
            browser,
          }),
        );
      }
    };
    await Promise.all([worker(), worker()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const f of fixtures) {
    it(f.file, () => {
      const out = results.get(f.file)!;
      if (f.expected) {
        expect(out.claim, out.reason).not.toBeNull();
        expect(out.claim?.orderRef).toBe(f.expected.orderRef);
        expect(out.claim?.total).toEqual(f.expected.total);
        if (f.signals) expect(out.claim?.signals).toEqual(f.signals);
        expect(Claim.safeParse(out.claim).success).toBe(true);
      } else {
        expect(out.claim).toBeNull();
        if (f.reason) expect(out.reason).toContain(f.reason);
      }
    });
  }
});
