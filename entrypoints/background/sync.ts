import { browser } from 'wxt/browser';
import { backendUrlOf, loadAccount, saveAccount } from '@/utils/account/storage';
import { EMPTY_SYNC, ledgerDb } from '@/utils/ledger';
import { checkLedger } from '@/utils/ledger/health';
import { httpTransport, runSync, type SyncOutcome } from '@/utils/sync';
import { refreshProgram } from './program-refresh';

export const POLL_ALARM = 'sync-poll';
export const RETRY_ALARM = 'sync-retry';
/** Periodic pull; the e2e build polls fast so tests see partner confirmations quickly. */
export const POLL_MINUTES = Number(import.meta.env.WXT_SYNC_POLL_MINUTES || 1);
const DEBOUNCE_MS = 800;

let running: Promise<SyncOutcome | null> | null = null;
let again = false;
let debounce: ReturnType<typeof setTimeout> | undefined;

/**
 * Runs one sync at a time; a request that arrives meanwhile runs once more
 * afterwards. All state that matters is in the database, so a worker killed
 * mid-run simply starts over on its next wake.
 */
export function requestSync(opts: { force?: boolean } = {}): Promise<SyncOutcome | null> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      let out: SyncOutcome | null;
      do {
        again = false;
        out = await syncOnce(opts.force ?? false);
      } while (again && out?.status === 'synced');
      return out;
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Resolves once no sync runs (a follow-up run requested meanwhile included). */
export async function whenSyncIdle(): Promise<void> {
  while (running) await running.catch(() => undefined);
}

/** A new op was written: sync soon, coalescing bursts (e.g. several tabs). */
export function syncSoon(): void {
  clearTimeout(debounce);
  debounce = setTimeout(() => void requestSync(), DEBOUNCE_MS);
}

async function syncOnce(force: boolean): Promise<SyncOutcome | null> {
  const account = await loadAccount();
  if (!account.token || account.needsSignIn) return null; // signed out: claims wait locally
  // No IndexedDB on this profile: checked a few times at start, then no more tries.
  if (!(await checkLedger()).ok) return null;
  const db = ledgerDb();
  const meta = (await db.meta.get('sync')) ?? EMPTY_SYNC;
  if (!force && meta.nextAttemptAt && meta.nextAttemptAt > Date.now()) {
    scheduleRetry(meta.nextAttemptAt);
    return null;
  }
  const transport = httpTransport({ baseUrl: backendUrlOf(account), token: account.token });
  const out = await runSync({ db, transport });
  // An activation, redemption, confirmation … may change tier, coupons and rewards.
  if (out.programChanged) void refreshProgram({ force: true });
  if (out.status === 'failed') {
    if (out.error.kind === 'auth') await saveAccount({ needsSignIn: true });
    else scheduleRetry(out.retryAt);
  }
  return out;
}

function scheduleRetry(at: number): void {
  // The alarm survives the worker's death; the timer is quicker while it lives.
  void browser.alarms.create(RETRY_ALARM, { when: at });
  const delay = at - Date.now();
  if (delay < 30_000) setTimeout(() => void requestSync(), Math.max(0, delay));
}

export function ensurePollAlarm(): void {
  void browser.alarms.get(POLL_ALARM).then((a) => {
    if (!a || a.periodInMinutes !== POLL_MINUTES) {
      void browser.alarms.create(POLL_ALARM, {
        periodInMinutes: POLL_MINUTES,
        delayInMinutes: POLL_MINUTES,
      });
    }
  });
}
