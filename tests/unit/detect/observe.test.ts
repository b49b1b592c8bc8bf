import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observePurchase, type PageSnapshot } from '../../../utils/detect';
import { doc, NOW, partner } from './helpers';

const purchase = {
  event: 'purchase',
  ecommerce: { transaction_id: 'T1', value: 10, currency: 'EUR' },
};

describe('observePurchase', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (extra: Partial<Parameters<typeof observePurchase>[0]> = {}) => {
    const snap: PageSnapshot = {
      url: 'https://shop.example/thanks',
      document: doc('<p>Danke</p>'),
      dataLayer: [],
    };
    const onClaim = vi.fn();
    const onResult = vi.fn();
    const obs = observePurchase({
      getSnapshot: () => snap,
      partner,
      onClaim,
      onResult,
      observeDom: false,
      now: () => NOW,
      ...extra,
    });
    return { snap, onClaim, onResult, obs };
  };

  it('runs at once and claims immediately when the page already says so', async () => {
    const snap: PageSnapshot = {
      url: 'https://s.example/',
      document: doc(''),
      dataLayer: [purchase],
    };
    const onClaim = vi.fn();
    const obs = observePurchase({ getSnapshot: () => snap, partner, onClaim, observeDom: false });
    expect(onClaim).toHaveBeenCalledTimes(1);
    expect((await obs.done).reason).toBe('claim');
    expect(obs.active).toBe(false);
  });

  it('re-runs debounced on notify and stops at the first claim', async () => {
    const { snap, onClaim, onResult, obs } = setup();
    expect(onResult).toHaveBeenCalledTimes(1);
    obs.notify('datalayer');
    obs.notify('datalayer');
    vi.advanceTimersByTime(249);
    expect(onResult).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(onResult).toHaveBeenCalledTimes(2);
    snap.dataLayer.push(purchase);
    obs.notify('datalayer');
    vi.advanceTimersByTime(250);
    expect(onClaim).toHaveBeenCalledTimes(1);
    expect(onClaim.mock.calls[0]![0].claim.orderRef).toBe('T1');
    obs.notify('datalayer');
    vi.advanceTimersByTime(1000);
    expect(onClaim).toHaveBeenCalledTimes(1);
    expect(await obs.done).toMatchObject({ reason: 'claim', runs: 3 });
  });

  it('gives up after the window, and navigation restarts the window', async () => {
    const { obs } = setup({ windowMs: 1000 });
    vi.advanceTimersByTime(900);
    obs.notify('navigation');
    vi.advanceTimersByTime(900);
    expect(obs.active).toBe(true);
    vi.advanceTimersByTime(200);
    expect(obs.active).toBe(false);
    const end = await obs.done;
    expect(end.reason).toBe('timeout');
    expect(end.last?.claim).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops on abort (extension context invalidated) and leaves no timers', async () => {
    const ac = new AbortController();
    const { obs } = setup({ signal: ac.signal });
    obs.notify();
    ac.abort();
    expect((await obs.done).reason).toBe('aborted');
    expect(vi.getTimerCount()).toBe(0);
    const pre = setup({ signal: AbortSignal.abort() });
    expect(pre.onResult).not.toHaveBeenCalled();
  });

  it('uses the given timer functions (WXT ctx.setTimeout)', () => {
    const setTimeoutFn = vi.fn((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms));
    const { obs } = setup({ setTimeout: setTimeoutFn });
    obs.notify();
    expect(setTimeoutFn).toHaveBeenCalledTimes(2);
    obs.stop();
  });

  it('watches DOM mutations with a MutationObserver and disconnects at the end', async () => {
    let callback: (() => void) | undefined;
    const disconnect = vi.fn();
    class FakeMO {
      constructor(cb: () => void) {
        callback = cb;
      }
      observe() {}
      disconnect = disconnect;
    }
    const { snap, onClaim, obs } = setup({
      observeDom: true,
      MutationObserver: FakeMO as unknown as typeof MutationObserver,
    });
    snap.document = doc(
      '<script type="application/ld+json">{"@type":"Order","orderNumber":"5","price":"3.00","priceCurrency":"EUR"}</script>',
    );
    callback?.();
    vi.advanceTimersByTime(250);
    expect(onClaim).toHaveBeenCalled();
    await obs.done;
    expect(disconnect).toHaveBeenCalled();
  });
});
