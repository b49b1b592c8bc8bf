import type { Claim, Partner } from '../contract';
import { detectPurchase } from './detect';
import type { DetectionResult, PageSnapshot } from './types';

/**
 * Bounded observation of a confirmation page for the content script (and
 * the CLI): detect at once, then again — debounced — on DOM mutations, on
 * new dataLayer entries and on SPA navigations (the caller reports those two
 * through `notify`). A claim is reported once the verdict has held for
 * `settleMs` — a signal that arrives a moment later (a late JSON-LD block, a
 * consent-gated push) can still outrank the first one, so the extension
 * reaches the verdict `npm run detect` reaches — or at once on `flush()`
 * (the page is being left). Ends after `windowMs`, on `signal` abort (pass
 * WXT's `ctx.signal`) or on `stop()`. Never polls.
 */
export interface ObserveOptions {
  getSnapshot: () => PageSnapshot;
  partner: Pick<Partner, 'id' | 'rules'>;
  /** Called once, with the first claim. */
  onClaim: (result: DetectionResult & { claim: Claim }) => void;
  /** Called after every detection run (e.g. for the CLI or a debug log). */
  onResult?: (result: DetectionResult) => void;
  /** How long to keep watching after the start or the last navigation (default 15 s). */
  windowMs?: number;
  /** Quiet time before re-running after a change (default 250 ms). */
  debounceMs?: number;
  /** How long a claim must stay the verdict before it is reported (default 1000 ms; 0: at once). */
  settleMs?: number;
  /** Abort to stop at once (e.g. `ctx.signal` in a WXT content script). */
  signal?: AbortSignal;
  /** Timer functions (default the global ones); pass `ctx.setTimeout` so timers die with the context. */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: never) => void;
  /** Watch the DOM with a MutationObserver (default true when one exists). */
  observeDom?: boolean;
  MutationObserver?: typeof MutationObserver;
  now?: () => Date;
}

export interface ObserveEnd {
  reason: 'claim' | 'timeout' | 'aborted' | 'stopped';
  /** The last detection result (with the reason there is no claim). */
  last: DetectionResult | null;
  runs: number;
}

export interface Observation {
  /**
   * Something changed: 'datalayer' (new probe entries), 'navigation' (SPA URL
   * change: also restarts the window), anything else just re-runs.
   */
  notify(cause?: string): void;
  stop(): void;
  /** Reports a claim waiting to settle now (call on pagehide). */
  flush(): void;
  readonly done: Promise<ObserveEnd>;
  readonly active: boolean;
}

export function observePurchase(opts: ObserveOptions): Observation {
  const windowMs = Math.max(0, opts.windowMs ?? 15_000);
  const debounceMs = Math.max(0, opts.debounceMs ?? 250);
  const settleMs = Math.max(0, opts.settleMs ?? 1000);
  const setT = opts.setTimeout ?? ((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms));
  const clearT = opts.clearTimeout ?? ((id: never) => globalThis.clearTimeout(id));
  const now = opts.now ?? (() => new Date());
  let active = true;
  let runs = 0;
  let last: DetectionResult | null = null;
  let deadline: unknown;
  let debounce: unknown;
  let settle: unknown;
  let pending: (DetectionResult & { claim: Claim }) | null = null;
  let observer: MutationObserver | null = null;
  let resolveDone!: (e: ObserveEnd) => void;
  const done = new Promise<ObserveEnd>((r) => {
    resolveDone = r;
  });

  const end = (reason: ObserveEnd['reason']) => {
    if (!active) return;
    active = false;
    if (deadline !== undefined) clearT(deadline as never);
    if (debounce !== undefined) clearT(debounce as never);
    if (settle !== undefined) clearT(settle as never);
    observer?.disconnect();
    observer = null;
    opts.signal?.removeEventListener('abort', onAbort);
    resolveDone({ reason, last, runs });
  };
  const onAbort = () => end('aborted');
  const emit = () => {
    const result = pending;
    if (!active || !result) return;
    end('claim');
    opts.onClaim(result);
  };
  const sameVerdict = (a: Claim, b: Claim) =>
    a.orderRef === b.orderRef &&
    a.total.minor === b.total.minor &&
    a.total.currency === b.total.currency &&
    a.signals.join() === b.signals.join();

  const run = () => {
    debounce = undefined;
    if (!active) return;
    let snap: PageSnapshot;
    try {
      snap = opts.getSnapshot();
    } catch {
      return; // e.g. the page is unloading; the next change tries again
    }
    runs++;
    last = detectPurchase(snap, opts.partner, now());
    try {
      opts.onResult?.(last);
    } catch {
      // a caller's logging must not stop the observation
    }
    const next = last.claim ? (last as DetectionResult & { claim: Claim }) : null;
    // The latest verdict counts (a late veto withdraws a claim); a changed one settles anew.
    const changed = !next || !pending || !sameVerdict(next.claim, pending.claim);
    pending = next;
    if (!changed) return;
    if (settle !== undefined) clearT(settle as never);
    settle = undefined;
    if (!pending) return;
    if (settleMs === 0) emit();
    else settle = setT(emit, settleMs);
  };
  const schedule = () => {
    if (!active) return;
    if (debounce !== undefined) clearT(debounce as never);
    debounce = setT(run, debounceMs);
  };
  const armDeadline = () => {
    if (deadline !== undefined) clearT(deadline as never);
    deadline = setT(() => (pending ? emit() : end('timeout')), windowMs);
  };

  if (opts.signal?.aborted) {
    end('aborted');
  } else {
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    armDeadline();
    run();
    const MO =
      opts.MutationObserver ??
      (globalThis as { MutationObserver?: typeof MutationObserver }).MutationObserver;
    if (active && opts.observeDom !== false && MO) {
      try {
        const doc = opts.getSnapshot().document;
        observer = new MO(schedule);
        observer.observe(doc.documentElement ?? doc, {
          childList: true,
          subtree: true,
          characterData: true,
        });
      } catch {
        observer = null;
      }
    }
  }

  return {
    notify(cause?: string) {
      if (!active) return;
      if (cause === 'navigation') armDeadline();
      schedule();
    },
    stop: () => end('stopped'),
    flush: emit,
    done,
    get active() {
      return active;
    },
  };
}
