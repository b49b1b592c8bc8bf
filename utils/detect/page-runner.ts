/**
 * Page-side entry of `npm run detect` and bench/detect.ts, bundled to an IIFE
 * and injected with Playwright's addInitScript (document_start). It wires the
 * same pieces the extension wires: the dataLayer probe from document_start,
 * the bounded observation from DOM ready, SPA navigations as notifications.
 * (In the extension the probe runs in the main world and observation in the
 * isolated content script; here both run in the page's world.)
 */
import type { Partner } from '../contract';
import { detectPurchase } from './detect';
import { type ObserveEnd, observePurchase } from './observe';
import { installDataLayerProbe } from './probe';
import type { DetectionResult } from './types';

export interface PageRun {
  result: DetectionResult | null;
  end: Omit<ObserveEnd, 'last'>;
  elapsedMs: number;
  dataLayer: unknown[];
  url: string;
}

declare global {
  interface Window {
    __pointpilotDetect?: {
      run(partner: Pick<Partner, 'id' | 'rules'>, windowMs: number): Promise<PageRun>;
      detectOnce(partner: Pick<Partner, 'id' | 'rules'>): DetectionResult;
    };
  }
}

const entries: unknown[] = [];
let notify: ((cause?: string) => void) | null = null;
installDataLayerProbe((e) => {
  entries.push(...e);
  notify?.('datalayer');
});

// SPA navigations (what WXT's `wxt:locationchange` reports to the content script).
for (const m of ['pushState', 'replaceState'] as const) {
  const orig = history[m];
  history[m] = function (this: History, ...args: Parameters<History['pushState']>) {
    const r = orig.apply(this, args);
    notify?.('navigation');
    return r;
  };
}
addEventListener('popstate', () => notify?.('navigation'));

const snapshot = () => ({ url: location.href, document, dataLayer: entries.slice() });

window.__pointpilotDetect = {
  run(partner, windowMs) {
    const t0 = performance.now();
    return new Promise<PageRun>((resolve) => {
      const obs = observePurchase({ getSnapshot: snapshot, partner, windowMs, onClaim: () => {} });
      notify = obs.notify;
      void obs.done.then(({ last, ...end }) => {
        notify = null;
        resolve({
          result: last,
          end,
          elapsedMs: Math.round(performance.now() - t0),
          dataLayer: entries.slice(),
          url: location.href,
        });
      });
    });
  },
  detectOnce: (partner) => detectPurchase(snapshot(), partner),
};
