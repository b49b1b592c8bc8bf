import { useEffect, useState } from 'preact/hooks';
import { pageLedgerHealth } from '@/utils/ledger/health';
import type { LedgerHealth } from '@/utils/ledger/open';
import { t } from './i18n';

/** Whether this page can open the ledger (undefined while it tries once). */
export function useLedgerHealth(): LedgerHealth | undefined {
  const [health, setHealth] = useState<LedgerHealth>();
  useEffect(() => {
    void pageLedgerHealth().then(setHealth);
  }, []);
  return health;
}

/**
 * Said instead of a balance when the profile keeps no IndexedDB for us
 * (Firefox's permanent private browsing, storage turned off): a zero or a
 * spinner would pretend points could be collected.
 */
export function StorageUnavailable() {
  return (
    <section
      class="card sync state-error"
      role="alert"
      aria-labelledby="storage-unavailable-title"
      data-testid="storage-unavailable"
    >
      <div class="sync-body">
        <h2 id="storage-unavailable-title">{t('storageUnavailableTitle')}</h2>
        <p>{t('storageUnavailable')}</p>
      </div>
    </section>
  );
}
