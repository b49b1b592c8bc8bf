import { describe, expect, it, vi } from 'vitest';
import { detectDataLayer, installDataLayerProbe, toPlain } from '../../../utils/detect';

type Win = { dataLayer?: unknown[] } & Record<string, unknown>;
const purchase = {
  event: 'purchase',
  ecommerce: { transaction_id: 'T', value: 1, currency: 'EUR' },
};

describe('installDataLayerProbe', () => {
  it('sees pushes to a dataLayer created later, and entries already in it', () => {
    const w: Win = {};
    const seen: unknown[] = [];
    installDataLayerProbe((e) => seen.push(...e), { target: w });
    w.dataLayer = w.dataLayer || [{ ecommerce: null }];
    w.dataLayer.push({ event: 'gtm.js' }, purchase);
    expect(seen).toEqual([{ ecommerce: null }, purchase]);
    expect(w.dataLayer).toHaveLength(3); // the page's data is untouched
  });

  it('converts gtag arguments to arrays', () => {
    const w: Win = { dataLayer: [] };
    const seen: unknown[] = [];
    installDataLayerProbe((e) => seen.push(...e), { target: w });
    function gtag(..._a: unknown[]) {
      // biome-ignore lint/complexity/noArguments: gtag.js pushes its arguments object, which is what is tested
      w.dataLayer!.push(arguments);
    }
    gtag('event', 'purchase', { transaction_id: 'G1', value: 5, currency: 'EUR' });
    gtag('config', 'G-1');
    expect(seen).toEqual([
      ['event', 'purchase', { transaction_id: 'G1', value: 5, currency: 'EUR' }],
    ]);
    expect(detectDataLayer(seen)[0]).toMatchObject({ kind: 'gtag', orderRef: 'G1' });
  });

  it('survives GTM replacing push with a function that calls the old one (no loop, no duplicates)', () => {
    const w: Win = {};
    const emit = vi.fn();
    installDataLayerProbe(emit, { target: w });
    w.dataLayer = [];
    const dl = w.dataLayer;
    const processed: unknown[] = [];
    const old = dl.push;
    dl.push = function (this: unknown[], ...args: unknown[]) {
      const r = old.apply(this, args);
      processed.push(...args);
      return r;
    };
    dl.push(purchase);
    expect(processed).toEqual([purchase]);
    expect(dl).toEqual([purchase]);
    expect(emit).toHaveBeenCalledTimes(1);
    // A second replacement that does not chain still reports.
    dl.push = function (this: unknown[], ...args: unknown[]) {
      return Array.prototype.push.apply(this, args);
    };
    dl.push({ ecommerce: null });
    expect(emit).toHaveBeenCalledTimes(2);
  });

  it('never lets its own trouble reach the page', () => {
    const w: Win = { dataLayer: [] };
    installDataLayerProbe(
      () => {
        throw new Error('emit broke');
      },
      { target: w },
    );
    expect(() => w.dataLayer!.push(purchase)).not.toThrow();
    expect(w.dataLayer).toHaveLength(1);
  });
});

describe('toPlain', () => {
  it('drops functions, nodes, cycles and caps depth', () => {
    const cyc: Record<string, unknown> = {
      a: 1,
      f: () => 1,
      node: { nodeType: 1, nodeName: 'DIV' },
    };
    cyc.self = cyc;
    expect(toPlain(cyc)).toEqual({ a: 1 });
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(toPlain(deep)).length).toBeLessThan(100);
    expect(toPlain([1, undefined, Number.NaN, 'x'])).toEqual([1, null, null, 'x']);
    expect(toPlain(new Date('2025-01-01T00:00:00Z'))).toBe('2025-01-01T00:00:00.000Z');
    expect(toPlain(new Map())).toBeUndefined();
    const throwing = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(toPlain(throwing)).toEqual({});
  });
});
