import { describe, expect, it, vi } from 'vitest';
import { reloadWhenIdle } from '../../entrypoints/background/update';

describe('reloadWhenIdle (runtime.onUpdateAvailable)', () => {
  it('waits for the running sync to finish, then reloads', async () => {
    let finish!: () => void;
    const idle = new Promise<void>((r) => {
      finish = r;
    });
    const reload = vi.fn();
    const never = () => new Promise<void>(() => undefined);
    const done = reloadWhenIdle({ idle: () => idle, reload, sleep: never });
    await Promise.resolve();
    expect(reload).not.toHaveBeenCalled();
    finish();
    expect(await done).toBe('idle');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads anyway when the sync does not finish within the bound', async () => {
    const reload = vi.fn();
    const waits: number[] = [];
    const out = await reloadWhenIdle({
      idle: () => new Promise<void>(() => undefined), // a server holding the request
      reload,
      maxWaitMs: 30_000,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(out).toBe('timeout');
    expect(waits).toEqual([30_000]);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('a failed sync counts as finished', async () => {
    const reload = vi.fn();
    const out = await reloadWhenIdle({
      idle: () => Promise.reject(new Error('offline')),
      reload,
      sleep: () => new Promise<void>(() => undefined),
    });
    expect(out).toBe('idle');
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
