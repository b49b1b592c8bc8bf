import { useEffect, useState } from 'preact/hooks';
import { ActivityList } from '@/components/ActivityList';
import { BalanceCard } from '@/components/BalanceCard';
import { CurrentSite } from '@/components/CurrentSite';
import { currentTabUrl } from '@/components/current-tab';
import { SyncStatus } from '@/components/SyncStatus';
import { useLiveQuery } from '@/components/use-live-query';
import { ledgerDb, readBalance, recentEntries } from '@/utils/ledger';
import type { PartnerIndex } from '@/utils/partners';
import { loadCatalogue } from '@/utils/partners/stored';

export function App() {
  const db = ledgerDb();
  const balance = useLiveQuery(() => readBalance(db));
  const entries = useLiveQuery(() => recentEntries(db, 10));
  const [index, setIndex] = useState<PartnerIndex>();
  const [url, setUrl] = useState<string>();

  useEffect(() => {
    loadCatalogue().then((c) => setIndex(c.index));
    currentTabUrl().then(setUrl, () => setUrl(undefined));
  }, []);

  return (
    <main class="popup">
      <BalanceCard balance={balance} />
      <SyncStatus />
      {index && <CurrentSite partner={index.byUrl(url)} url={url} />}
      <ActivityList entries={entries} partnerName={(id) => index?.byId(id)?.name ?? id} />
    </main>
  );
}
