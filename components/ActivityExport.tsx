import { useState } from 'preact/hooks';
import { ledgerDb } from '@/utils/ledger';
import {
  activityCsv,
  activityFileName,
  activityJson,
  activityRow,
} from '@/utils/ledger/activity-export';
import { loadCatalogue } from '@/utils/partners/stored';
import { entryText } from './entry-text';
import { t, uiLocale } from './i18n';

type Format = 'csv' | 'json';

/** Every entry, newest first, as the file's text (words in the UI's language). */
async function activityFile(format: Format, now: Date): Promise<Blob> {
  const [entries, { index }] = await Promise.all([
    ledgerDb().entries.orderBy('createdAt').reverse().toArray(),
    loadCatalogue(),
  ]);
  const ctx = { partnerName: (id: string) => index.byId(id)?.name ?? id, words: entryText };
  const rows = entries.map((e) => activityRow(e, ctx));
  return format === 'csv'
    ? new Blob([activityCsv(rows)], { type: 'text/csv;charset=utf-8' })
    : new Blob([activityJson(rows, uiLocale(), now)], { type: 'application/json' });
}

/** Hands the file to the browser as a download (a blob URL on an <a download>). */
async function download(format: Format): Promise<string> {
  const now = new Date();
  const url = URL.createObjectURL(await activityFile(format, now));
  const a = document.createElement('a');
  a.href = url;
  a.download = activityFileName(format, now);
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; the URL only needs to live that long.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return a.download;
}

/** Options page: "Export activity (CSV)" and "(JSON)", one row per ledger entry. */
export function ActivityExport() {
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const onExport = async (format: Format) => {
    setStatus(undefined);
    try {
      setStatus({ ok: true, text: t('settingsExportDone', await download(format)) });
    } catch {
      setStatus({ ok: false, text: t('errorGeneric') });
    }
  };
  return (
    <section
      class="card stack"
      aria-labelledby="activity-export-title"
      data-testid="activity-export"
    >
      <h2 id="activity-export-title">{t('activityExportTitle')}</h2>
      <p>{t('activityExportText')}</p>
      <div class="row-buttons">
        <button
          type="button"
          class="secondary"
          data-testid="activity-export-csv"
          onClick={() => void onExport('csv')}
        >
          {t('activityExportCsv')}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="activity-export-json"
          onClick={() => void onExport('json')}
        >
          {t('activityExportJson')}
        </button>
      </div>
      <p
        role="status"
        class={status?.ok === false ? 'error' : 'muted'}
        data-testid="activity-export-status"
      >
        {status?.text ?? ''}
      </p>
    </section>
  );
}
