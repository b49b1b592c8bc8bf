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

  it('with settleMs 0, runs at once and claims immediately when the page already says so', async () => {
    const snap: PageSnapshot = {
      url: 'https://s.example/',
      document: doc(''),
      dataLayer: [purchase],
    };
    const onClaim = vi.fn();
    const obs = observePurchase({
      getSnapshot: () => snap,
      partner,
      onClaim,
      observeDom: false,
      settleMs: 0,
    });
    expect(onClaim).toHaveBeenCalledTimes(1);
    expect((await obs.done).reason).toBe('claim');
    expect(obs.active).toBe(false);
  });

  it('re-runs debounced on notify and stops at the first settled claim', async () => {
    const { snap, onClaim, onResult, obs } = setup({ settleMs: 0 });
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
    expect(onClaim).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onClaim).toHaveBeenCalled();
    await obs.done;
    expect(disconnect).toHaveBeenCalled();
  });

  const order = (total: string) =>
    doc(
      `<script type="application/ld+json">{"@type":"Order","orderNumber":"T1","price":"${total}","priceCurrency":"EUR"}</script>`,
    );

  it('a higher-ranked signal arriving while the claim settles wins: one claim, the merged verdict', async () => {
    const { snap, onClaim, obs } = setup();
    snap.dataLayer.push(purchase);
    obs.notify('datalayer');
    vi.advanceTimersByTime(250 + 600);
    expect(onClaim).not.toHaveBeenCalled();
    // The shop's JSON-LD renders late and states another total: it outranks GA4.
    snap.document = order('12.50');
    obs.notify();
    vi.advanceTimersByTime(250 + 999);
    expect(onClaim).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onClaim).toHaveBeenCalledTimes(1);
    const { claim } = onClaim.mock.calls[0]![0];
    expect(claim.total).toEqual({ minor: 1250, currency: 'EUR' });
    expect(claim.signals).toEqual(['jsonld']);
    expect(claim.conflicts.join()).toContain('datalayer total 10.00 EUR differs');
    expect((await obs.done).reason).toBe('claim');
  });

  it('the same verdict again does not delay it; a late veto withdraws it', () => {
    const { snap, onClaim, obs } = setup();
    snap.dataLayer.push(purchase);
    obs.notify('datalayer');
    vi.advanceTimersByTime(250 + 500);
    obs.notify();
    vi.advanceTimersByTime(250 + 250);
    expect(onClaim).toHaveBeenCalledTimes(1);

    const vetoed = setup();
    vetoed.snap.dataLayer.push(purchase);
    vetoed.obs.notify('datalayer');
    vi.advanceTimersByTime(250 + 300);
    vetoed.snap.document = doc(
      '<script type="application/ld+json">{"@type":"Order","orderNumber":"T1","orderStatus":"https://schema.org/OrderPaymentDue"}</script>',
    );
    vetoed.obs.notify();
    vi.advanceTimersByTime(5000);
    expect(vetoed.onClaim).not.toHaveBeenCalled();
    vetoed.obs.stop();
  });

  it('flush() reports a settling claim at once (the page is being left); the window end does too', async () => {
    const { snap, onClaim, obs } = setup();
    snap.dataLayer.push(purchase);
    obs.notify('datalayer');
    vi.advanceTimersByTime(250);
    obs.flush();
    expect(onClaim).toHaveBeenCalledTimes(1);
    obs.flush();
    expect(onClaim).toHaveBeenCalledTimes(1);

    const late = setup({ windowMs: 1000, settleMs: 5000 });
    late.snap.dataLayer.push(purchase);
    late.obs.notify('datalayer');
    vi.advanceTimersByTime(1000);
    expect(late.onClaim).toHaveBeenCalledTimes(1);
    expect((await late.obs.done).reason).toBe('claim');
    expect(vi.getTimerCount()).toBe(0);
  });
});
