import { isCommerceEntry } from './commerce';

/**
 * The main-world dataLayer probe, shared by the extension's main-world
 * content script and `npm run detect`. Installed at document_start, it sees
 * every `window.dataLayer.push(…)` (GTM, gtag.js's `arguments`, UA) and hands
 * the purchase-relevant entries, as plain JSON-safe data, to `emit`.
 *
 *  - `window.dataLayer = …` (re)assignments are followed through an accessor
 *    on window; entries already in an adopted array are emitted at once.
 *  - `push` is wrapped through an accessor on the array, so GTM/gtag.js
 *    replacing `dataLayer.push` with their own function keeps the probe in the
 *    chain instead of dropping it. Each replacement gets its own wrapper; a
 *    replacement that calls the push it captured earlier reaches the older
 *    wrapper, which only forwards — no loop, no duplicate.
 *  - The page's own push always runs first and its result and errors are
 *    untouched; the probe's own work never throws into the page.
 */
export interface ProbeOptions {
  /** Global to hook (default globalThis); for tests. */
  target?: object;
  /** Property name (default "dataLayer"; some GTM set-ups rename it). */
  name?: string;
  /** Which plain entries to emit (default: purchase-relevant ones only, see isCommerceEntry). */
  filter?: (entry: unknown) => boolean;
}

const PROBED = Symbol.for('pointpilot.dataLayerProbe');

export function installDataLayerProbe(
  emit: (entries: unknown[]) => void,
  opts: ProbeOptions = {},
): () => void {
  const w = (opts.target ?? globalThis) as Record<string | symbol, unknown>;
  const name = opts.name ?? 'dataLayer';
  const filter = opts.filter ?? isCommerceEntry;
  let active = true;
  const send = (raw: readonly unknown[]) => {
    if (!active) return;
    try {
      const plain = raw.map((e) => toPlain(e)).filter((e) => e !== undefined && filter(e));
      if (plain.length) emit(plain);
    } catch {
      // Never break the page's push.
    }
  };
  const hooked = new WeakSet<object>();
  const hook = (arr: unknown) => {
    if (!Array.isArray(arr) || hooked.has(arr)) return;
    hooked.add(arr);
    send(arr.slice());
    const fns: ((...a: unknown[]) => unknown)[] = [
      typeof arr.push === 'function' ? arr.push : Array.prototype.push,
    ];
    const wrappers: ((...a: unknown[]) => unknown)[] = [];
    const makeWrapper = (i: number) =>
      function pushProbe(this: unknown, ...args: unknown[]) {
        try {
          return fns[i]!.apply(this, args);
        } finally {
          // Only the newest wrapper is a fresh push; older ones are a replacement forwarding.
          if (i === fns.length - 1) send(args);
        }
      };
    wrappers.push(makeWrapper(0));
    try {
      Object.defineProperty(arr, 'push', {
        configurable: true,
        enumerable: false,
        get: () => wrappers[wrappers.length - 1],
        set: (fn: unknown) => {
          if (typeof fn !== 'function' || wrappers.includes(fn as never)) return;
          fns.push(fn as (...a: unknown[]) => unknown);
          wrappers.push(makeWrapper(fns.length - 1));
        },
      });
    } catch {
      // A frozen array: nothing to hook.
    }
  };
  if (w[PROBED]) return () => {};
  try {
    Object.defineProperty(w, PROBED, { value: true, configurable: true });
  } catch {
    // ignore
  }
  let current = w[name];
  hook(current);
  try {
    Object.defineProperty(w, name, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (v: unknown) => {
        current = v;
        hook(v);
      },
    });
  } catch {
    // Already non-configurable: only the array seen now is hooked.
  }
  return () => {
    active = false;
  };
}

const MAX_DEPTH = 8;
const MAX_KEYS = 100;
const MAX_STRING = 1_000;
const MAX_NODES = 5_000;

/**
 * A JSON-safe copy of a page value: `arguments` and arrays become arrays,
 * functions, symbols, DOM nodes, windows and cycles are dropped, depth,
 * keys and string length are capped. Getters that throw are skipped.
 */
export function toPlain(v: unknown): unknown {
  let budget = MAX_NODES;
  const seen = new WeakSet<object>();
  const walk = (x: unknown, depth: number): unknown => {
    if (--budget < 0) return undefined;
    if (x === null) return null;
    switch (typeof x) {
      case 'string':
        return x.slice(0, MAX_STRING);
      case 'number':
        return Number.isFinite(x) ? x : undefined;
      case 'boolean':
        return x;
      case 'object':
        break;
      default:
        return undefined;
    }
    const o = x as Record<string, unknown>;
    if (seen.has(o) || depth >= MAX_DEPTH) return undefined;
    try {
      if (typeof o.nodeType === 'number' && typeof o.nodeName === 'string') return undefined;
      if (o.window === o) return undefined;
    } catch {
      return undefined;
    }
    seen.add(o);
    const tag = Object.prototype.toString.call(o);
    if (tag === '[object Date]') {
      const t = (o as unknown as Date).getTime();
      return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
    }
    if (Array.isArray(o) || tag === '[object Arguments]') {
      const len = Math.min(Number((o as unknown as unknown[]).length) || 0, MAX_KEYS);
      const arr: unknown[] = [];
      for (let i = 0; i < len; i++) {
        let item: unknown;
        try {
          item = (o as unknown as unknown[])[i];
        } catch {
          item = undefined;
        }
        const p = walk(item, depth + 1);
        arr.push(p === undefined ? null : p);
      }
      return arr;
    }
    if (tag !== '[object Object]') return undefined; // Map, Set, RegExp, Promise …
    const out: Record<string, unknown> = {};
    let keys: string[];
    try {
      keys = Object.keys(o).slice(0, MAX_KEYS);
    } catch {
      return undefined;
    }
    for (const k of keys) {
      let val: unknown;
      try {
        val = o[k];
      } catch {
        continue;
      }
      const p = walk(val, depth + 1);
      if (p !== undefined) out[k] = p;
    }
    return out;
  };
  return walk(v, 0);
}
