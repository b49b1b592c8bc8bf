import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EMPTY_SYNC, ledgerDb } from '@/utils/ledger';
import { sendMessage } from '@/utils/messaging';
import { t, uiLocale } from './i18n';
import { useAccount } from './use-account';
import { useLiveQuery } from './use-live-query';

function relativeTime(at: number): string {
  const seconds = Math.round((at - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return rtf.format(seconds, 'second');
  if (Math.abs(seconds) < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(at);
}

const openSignIn = () => browser.tabs.create({ url: browser.runtime.getURL('/options.html') });

/** Signed in? Synced when? Offline or failing? How many claims wait? */
export function SyncStatus() {
  const db = ledgerDb();
  const account = useAccount();
  const meta = useLiveQuery(async () => (await db.meta.get('sync')) ?? EMPTY_SYNC);
  const unsent = useLiveQuery(() => db.outbox.count());
  const [busy, setBusy] = useState(false);
  if (!account || !meta) return null;

  const signedIn = Boolean(account.token) && !account.needsSignIn;
  let text: string;
  let kind: string;
  if (!account.token) {
    text = t('syncSignedOut');
    kind = 'signed-out';
  } else if (account.needsSignIn) {
    text = t('syncNeedsSignIn');
    kind = 'needs-sign-in';
  } else if (meta.lastError?.kind === 'offline') {
    text = t('syncOffline');
    kind = 'offline';
  } else if (meta.lastError) {
    text = t('syncServerError');
    kind = 'error';
  } else {
    text = meta.lastSyncAt ? t('syncLast', relativeTime(meta.lastSyncAt)) : t('syncNever');
    kind = meta.lastSyncAt ? 'ok' : 'never';
  }

  return (
    <section
      class={`card sync sync-${kind}`}
      aria-live="polite"
      data-testid="sync-status"
      data-kind={kind}
    >
      <p>
        {text}
        {unsent ? (
          <>
            {' '}
            <strong data-testid="unsent">{t('syncUnsent', unsent)}</strong>
          </>
        ) : null}
      </p>
      {signedIn ? (
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await sendMessage('syncNow', undefined).finally(() => setBusy(false));
          }}
        >
          {t('syncNow')}
        </button>
      ) : (
        <button type="button" onClick={openSignIn}>
          {t('syncSignInCta')}
        </button>
      )}
    </section>
  );
}
