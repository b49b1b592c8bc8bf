import { useEffect, useRef, useState } from 'preact/hooks';
import { ledgerDb } from '@/utils/ledger';
import { exportData, exportFileName } from '@/utils/ledger/export';
import { unsentPurchases } from '@/utils/ledger/sign-out';
import { sendMessage } from '@/utils/messaging';
import { t, unsentText } from './i18n';

/** Hands the export to the browser as a download (a blob URL on an <a download>). */
async function downloadExport(): Promise<string> {
  const now = new Date();
  const data = await exportData(ledgerDb(), now);
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(now);
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; the URL only needs to live that long.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return a.download;
}

type Status = { ok: boolean; text: string } | undefined;

/** What is stored and what is sent; export everything; delete everything (after a confirmation). */
export function PrivacySection() {
  const [status, setStatus] = useState<Status>();
  const [unsent, setUnsent] = useState(0);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Back to the button that opened it, however the dialog closed (Escape included).
    const d = dialog.current;
    const back = () => opener.current?.focus();
    d?.addEventListener('close', back);
    return () => d?.removeEventListener('close', back);
  }, []);

  const onExport = async () => {
    setStatus(undefined);
    try {
      setStatus({ ok: true, text: t('settingsExportDone', await downloadExport()) });
    } catch {
      setStatus({ ok: false, text: t('errorGeneric') });
    }
  };
  const askDelete = async () => {
    setStatus(undefined);
    // The dialog names what would be lost for good; an unreadable ledger loses nothing.
    setUnsent((await unsentPurchases(ledgerDb()).catch(() => [])).length);
    dialog.current?.showModal();
  };
  const onDelete = async () => {
    setBusy(true);
    const reply = await sendMessage('deleteAllData', undefined).catch(() => null);
    setBusy(false);
    dialog.current?.close();
    setStatus(
      reply?.ok
        ? { ok: true, text: t('settingsDeleteDone') }
        : { ok: false, text: t('settingsDeleteFailed') },
    );
  };

  return (
    <section class="card stack" aria-labelledby="privacy-title" data-testid="privacy">
      <h2 id="privacy-title">{t('settingsPrivacyTitle')}</h2>
      <p>{t('settingsPrivacyStored')}</p>
      <p>{t('settingsPrivacySent')}</p>
      <p>
        <a href="/privacy.html" target="_blank" rel="noopener">
          {t('privacyPolicyLink')}
        </a>
      </p>
      <div class="row-buttons">
        <button type="button" class="secondary" onClick={() => void onExport()}>
          {t('settingsExport')}
        </button>
        <button ref={opener} type="button" class="danger" onClick={() => void askDelete()}>
          {t('settingsDelete')}
        </button>
      </div>
      {status && (
        <p
          role={status.ok ? 'status' : 'alert'}
          class={status.ok ? 'muted' : 'error'}
          data-testid="privacy-status"
        >
          {status.text}
        </p>
      )}
      <dialog ref={dialog} class="card confirm-dialog" aria-labelledby="delete-title">
        <div class="stack">
          <h2 id="delete-title">{t('settingsDeleteTitle')}</h2>
          <p>{t('settingsDeleteExplain')}</p>
          {unsent > 0 && (
            <p>
              <strong>{unsentText(unsent)}</strong>
            </p>
          )}
          <div class="row-buttons">
            <button type="button" class="danger" disabled={busy} onClick={() => void onDelete()}>
              {t('settingsDeleteYes')}
            </button>
            {/* First in focus when the dialog opens: the safe choice. */}
            <button
              type="button"
              class="secondary"
              disabled={busy}
              autofocus
              onClick={() => dialog.current?.close()}
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      </dialog>
    </section>
  );
}
