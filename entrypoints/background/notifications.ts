import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { setUiLanguage } from '@/components/i18n';
import {
  entriesOfKind,
  type LedgerDb,
  ledgerDb,
  pendingEntries,
  readBalance,
  readProgram,
} from '@/utils/ledger';
import { checkLedger } from '@/utils/ledger/health';
import { countShown } from '@/utils/notify/daily-cap';
import { type NotifyHistory, shouldNotify } from '@/utils/notify/decide';
import { type LedgerNotice, ledgerNotices, pruneShown } from '@/utils/notify/ledger-events';
import { readNotifyPrefs } from '@/utils/notify/prefs';
import { loadCatalogue } from '@/utils/partners/stored';
import { fetchMessages } from '@/utils/settings/messages';
import { loadUiPrefs, resolveLanguage } from '@/utils/settings/prefs';
import { STORAGE_KEYS } from '@/utils/storage-keys';
import { userTimeZone } from '@/utils/time/zone';
import { noticeText } from './notice-text';

/**
 * Browser notifications about the user's own ledger, and nothing else: a
 * purchase recorded here, points confirmed by a sync, an activated coupon or
 * a voucher about to run out, points about to expire. They come only from the background, from what
 * it has already written to the ledger, so no web page can cause one.
 *
 * After every committed ledger write (Dexie's storagemutated, which also
 * hears the popup's writes) and at each start, the pending claims are
 * compared with those seen last time (in storage.local: a stopped worker
 * picks up where it was). The comparison moves on whatever the prefs say: a
 * notice held back by quiet hours, the cap or a switch is not shown later
 * (the popup has it). Only an expiry warning waits for the next allowed
 * moment, as it is still worth knowing then.
 */

export interface NotifyState {
  /** Pending claim ids at the last look. */
  seen: string[];
  history: NotifyHistory;
}

export interface NotifierDeps {
  db?: LedgerDb;
  now?: () => number;
  timeZone?: () => string;
  /** Whether the ledger opened (without IndexedDB there is nothing to look at, and no retries). */
  ready?: () => Promise<boolean>;
}

const ICON = '/icon/128.png';
const STATE_KEY = STORAGE_KEYS.notifyState;
const PREFS_KEY = STORAGE_KEYS.notifyPrefs;

async function readState(): Promise<NotifyState> {
  const raw = (await browser.storage.local.get(STATE_KEY))[STATE_KEY] as
    | Partial<NotifyState>
    | undefined;
  const seen = Array.isArray(raw?.seen) ? raw.seen.filter((s) => typeof s === 'string') : [];
  const shown =
    raw?.history?.shown && typeof raw.history.shown === 'object' ? raw.history.shown : {};
  const daily = raw?.history?.daily;
  const okDaily = daily && typeof daily.day === 'string' && Number.isFinite(daily.count);
  return { seen, history: { shown, ...(okDaily ? { daily } : {}) } };
}

/** One look at the ledger: decide, remember, then show (a lost notice beats a doubled one). */
export async function checkNotifications(deps: NotifierDeps = {}): Promise<string[]> {
  const db = deps.db ?? ledgerDb();
  const now = (deps.now ?? Date.now)();
  const zone = (deps.timeZone ?? userTimeZone)();
  const [state, stored] = await Promise.all([
    readState(),
    browser.storage.local.get(PREFS_KEY).then((r) => r[PREFS_KEY]),
  ]);
  const prefs = readNotifyPrefs(stored);
  // An empty ledger (fresh, or all data deleted): nothing to compare, and nothing
  // left behind in storage.local by a look that raced the deletion.
  if ((await db.entries.count()) + (await db.program.count()) === 0) {
    await browser.storage.local.remove(STATE_KEY);
    return [];
  }
  const pending = await pendingEntries(db);
  const current = new Set(pending.map((e) => e.id));
  const gone = state.seen.filter((id) => !current.has(id));
  const [formerlyPending, program, spends, balance] = await Promise.all([
    db.entries.bulkGet(gone),
    readProgram(db),
    entriesOfKind(db, 'spend'),
    readBalance(db),
  ]);
  const { notices, seen } = ledgerNotices(
    state.seen,
    {
      pending,
      formerlyPending,
      coupons: program.coupons?.coupons ?? [],
      spends,
      expiringPoints: program.program?.expiring ?? [],
      available: balance.available,
    },
    now,
  );
  let history: NotifyHistory = { ...state.history, shown: pruneShown(state.history.shown, now) };
  const show: LedgerNotice[] = [];
  for (const notice of notices) {
    if (!shouldNotify(notice, prefs, history, now, zone).show) continue;
    show.push(notice);
    history = {
      daily: countShown(history.daily, now, zone),
      // Only expiry warnings can come up again; the others are passed once by `seen`.
      shown: notice.type === 'expiring' ? { ...history.shown, [notice.key]: now } : history.shown,
    };
  }
  await browser.storage.local.set({ [STATE_KEY]: { seen, history } satisfies NotifyState });
  if (show.length === 0) return [];
  await followLanguageChoice();
  const { index } = await loadCatalogue();
  const ids: string[] = [];
  for (const notice of show) {
    const { title, message } = noticeText(notice, index, zone);
    ids.push(
      await browser.notifications.create(`pointpilot:${notice.key}`, {
        type: 'basic',
        iconUrl: ICON,
        title,
        message,
      }),
    );
  }
  return ids;
}

/** The settings' language, when chosen; the browser's otherwise (or if it cannot be read). */
async function followLanguageChoice(): Promise<void> {
  try {
    const lang = resolveLanguage((await loadUiPrefs()).language, browser.i18n.getUILanguage());
    const messages = lang.messages ? await fetchMessages(lang.messages) : undefined;
    setUiLanguage({ locale: lang.locale, messages });
  } catch {
    setUiLanguage(undefined);
  }
}

/**
 * Wires the notifier: a look after each committed ledger write (coalesced:
 * one look at a time, one more if writes came meanwhile), one at start, and
 * a click on a notification just closes it.
 */
export function setupNotifications(deps: NotifierDeps = {}): { idle(): Promise<void> } {
  let running: Promise<void> | undefined;
  let again = false;
  const ready = deps.ready ?? (() => checkLedger().then((h) => h.ok));
  const look = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        if (!(await ready())) break;
        await checkNotifications(deps).catch((err) =>
          console.error('[pointpilot] notifications check failed', err),
        );
      } while (again);
      running = undefined;
    })();
    return running;
  };
  const dbName = (deps.db ?? ledgerDb()).name;
  Dexie.on('storagemutated', (parts) => {
    const prefix = `idb://${dbName}/`;
    if (
      Object.keys(parts).some(
        (k) => k.startsWith(`${prefix}entries/`) || k.startsWith(`${prefix}program/`),
      )
    )
      void look();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith('pointpilot:')) void browser.notifications.clear(id);
  });
  void look();
  return { idle: async () => void (await running) };
}
