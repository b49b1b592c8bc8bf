import Dexie from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { checkLedger, LEDGER_HEALTH_KEY, resetLedgerCheck } from '../../utils/ledger/health';
import { openWithRetries } from '../../utils/ledger/open';

/** An IndexedDB that refuses every open, as Firefox's permanent private browsing does. */
function refusingIndexedDB() {
  const opens = { count: 0 };
  const factory = {
    open() {
      opens.count++;
      const req: Record<string, unknown> = {};
      setTimeout(() => {
        req.error = new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
        (req.onerror as ((e: unknown) => void) | undefined)?.({
          target: req,
          preventDefault() {},
          stopPropagation() {},
        });
      });
      return req;
    },
    deleteDatabase() {
      return {};
    },
    cmp: (a: unknown, b: unknown) => (a === b ? 0 : String(a) < String(b) ? -1 : 1),
  };
  return { factory, opens };
}

const noSleep = async () => undefined;

beforeEach(() => resetLedgerCheck());

describe('openWithRetries', () => {
  it('gives up after a bounded number of attempts, with the last error', async () => {
    const open = vi.fn(async () => {
      throw new DOMException('no', 'InvalidStateError');
    });
    const sleeps: number[] = [];
    const out = await openWithRetries(open, {
      attempts: 3,
      delayMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(out).toEqual({ ok: false, error: 'InvalidStateError: no' });
    expect(open).toHaveBeenCalledTimes(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('a slow first start gets its second chance', async () => {
    let n = 0;
    const out = await openWithRetries(
      async () => {
        if (n++ === 0) throw new Error('busy');
      },
      { sleep: noSleep },
    );
    expect(out).toEqual({ ok: true });
  });
});

describe('checkLedger with a Dexie that cannot open', () => {
  it('stores "unavailable" after a few tries and never opens again in this life', async () => {
    const { factory, opens } = refusingIndexedDB();
    const db = new Dexie('pointpilot-ledger-test', {
      indexedDB: factory as unknown as IDBFactory,
      IDBKeyRange,
    });
    db.version(1).stores({ entries: 'id' });
    const health = await checkLedger(() => db.open());
    expect(health.ok).toBe(false);
    expect(health.ok === false && health.error).toContain('InvalidStateError');
    expect(opens.count).toBe(3);
    expect((await fakeBrowser.storage.local.get(LEDGER_HEALTH_KEY))[LEDGER_HEALTH_KEY]).toEqual(
      health,
    );
    // Every later sync, alarm or claim asks again: the answer is kept, no new attempt.
    for (let i = 0; i < 5; i++) await checkLedger(() => db.open());
    expect(opens.count).toBe(3);
  });

  it('a working database is stored as fine', async () => {
    const db = new Dexie('pointpilot-ledger-ok');
    db.version(1).stores({ entries: 'id' });
    expect(await checkLedger(() => db.open())).toEqual({ ok: true });
    expect((await fakeBrowser.storage.local.get(LEDGER_HEALTH_KEY))[LEDGER_HEALTH_KEY]).toEqual({
      ok: true,
    });
  });
});
