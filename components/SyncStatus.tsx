import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Account } from '@/utils/account/storage';
import { EMPTY_SYNC, ledgerDb, type SyncMeta, unsentClaimCount } from '@/utils/ledger';
import { sendMessage } from '@/utils/messaging';
import { type MessageKey, syncedAgoText, t, unsentText } from './i18n';
import { useAccount } from './use-account';
import { useLiveQuery } from './use-live-query';

/**
 * The connection states a shopper can be in, each with its own colour, icon
 * and action. `offline` is "no answer from the server" (kept as the name
 * other views and tests know); its text says whose side the problem is on.
 */
export type SyncKind =
  | 'ok'
  | 'never'
  | 'syncing'
  | 'offline'
  | 'error'
  | 'signed-out'
  | 'needs-sign-in';

type Action = 'sync' | 'retry' | 'sign-in';

export interface SyncState {
  kind: SyncKind;
  text: string;
  action: Action;
}

/** Decides the state from the account, the sync meta and what waits; pure apart from `t`. */
export function syncState(
  account: Pick<Account, 'token' | 'needsSignIn'>,
  meta: SyncMeta,
  opts: { unsent: number; busy: boolean; deviceOnline: boolean },
): SyncState {
  const s = (kind: SyncKind, key: MessageKey, action: Action): SyncState => ({
    kind,
    text: t(key),
    action,
  });
  if (!account.token) return s('signed-out', 'syncSignedOut', 'sign-in');
  if (account.needsSignIn) return s('needs-sign-in', 'syncNeedsSignIn', 'sign-in');
  if (opts.busy) return s('syncing', 'stateSyncing', 'sync');
  if (meta.lastError?.kind === 'offline')
    // A failed fetch: the device's connection only when the browser says so.
    return opts.deviceOnline
      ? s('offline', 'stateUnreachable', 'retry')
      : s('offline', 'stateOffline', 'retry');
  if (meta.lastError) return s('error', 'syncServerError', 'retry');
  if (opts.unsent > 0) return s('syncing', 'stateSyncing', 'sync');
  return meta.lastSyncAt
    ? { kind: 'ok', text: syncedAgoText(meta.lastSyncAt), action: 'sync' }
    : s('never', 'syncNever', 'sync');
}

const openSettings = () => browser.runtime.openOptionsPage();

/** The strokes of each state's symbol (16×16), so a state never rests on colour alone. */
function iconPaths(kind: SyncKind) {
  switch (kind) {
    case 'ok':
      return (
        <>
          <circle cx="8" cy="8" r="6.5" />
          <path d="M5 8.3l2 2 4-4.3" />
        </>
      );
    case 'never':
      return <circle cx="8" cy="8" r="6.5" stroke-dasharray="2.5 2" />;
    case 'syncing':
      return (
        <>
          <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" />
          <path d="M12.2 1.8v2.6H9.6" />
        </>
      );
    case 'offline':
      return (
        <>
          <path d="M4.5 12.5h7a3 3 0 0 0 .4-6 4 4 0 0 0-7.6 1A2.5 2.5 0 0 0 4.5 12.5z" />
          <path d="M2 2l12 12" />
        </>
      );
    case 'error':
      return (
        <>
          <path d="M8 1.8l6.5 11.7h-13z" />
          <path d="M8 6.2v3.3" />
          <path d="M8 11.6v.1" />
        </>
      );
    case 'signed-out':
      return (
        <>
          <circle cx="8" cy="5.3" r="2.8" />
          <path d="M2.8 14a5.2 5.2 0 0 1 10.4 0" />
        </>
      );
    case 'needs-sign-in':
      return (
        <>
          <rect x="3" y="7" width="10" height="7" rx="1.5" />
          <path d="M5.3 7V5a2.7 2.7 0 0 1 5.4 0v2" />
        </>
      );
  }
}

function StateIcon({ kind }: { kind: SyncKind }) {
  return (
    <svg
      class="state-icon"
      data-icon={kind}
      width="18"
      height="18"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {iconPaths(kind)}
    </svg>
  );
}

/** Signed in? Synced when? Server unreachable or failing? How many claims wait? */
export function SyncStatus() {
  const db = ledgerDb();
  const account = useAccount();
  const meta = useLiveQuery(async () => (await db.meta.get('sync')) ?? EMPTY_SYNC);
  // Every waiting op keeps the state "syncing"; the count names purchases only.
  const waiting = useLiveQuery(() => db.outbox.count());
  const unsent = useLiveQuery(() => unsentClaimCount(db));
  const [busy, setBusy] = useState(false);
  if (!account || !meta) return null;

  const state = syncState(account, meta, {
    unsent: waiting ?? 0,
    busy,
    deviceOnline: navigator.onLine,
  });
  const sync = async () => {
    setBusy(true);
    await sendMessage('syncNow', undefined).finally(() => setBusy(false));
  };

  return (
    <section
      class={`card sync state-${state.kind}`}
      aria-live="polite"
      data-testid="sync-status"
      data-kind={state.kind}
    >
      <StateIcon kind={state.kind} />
      <div class="sync-body">
        <p data-testid="sync-text">
          {state.text}
          {unsent ? (
            <>
              {' '}
              <strong data-testid="unsent">{unsentText(unsent)}</strong>
            </>
          ) : null}
        </p>
        {state.action === 'sign-in' && (
          <button type="button" onClick={openSettings}>
            {t('syncSignInCta')}
          </button>
        )}
        {state.action === 'retry' && (
          <button type="button" disabled={busy} onClick={sync}>
            {t('stateRetry')}
          </button>
        )}
        {state.action === 'sync' && (
          <button type="button" class="secondary" disabled={busy} onClick={sync}>
            {t('syncNow')}
          </button>
        )}
      </div>
    </section>
  );
}
