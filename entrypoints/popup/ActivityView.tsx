import { useMemo, useState } from 'preact/hooks';
import { DayGroups, type PartnerName } from '@/components/ActivityList';
import { formatPoints, t } from '@/components/i18n';
import { useLiveQuery } from '@/components/use-live-query';
import { ledgerDb } from '@/utils/ledger';
import { ACTIVITY_PAGE_SIZE, groupByDay, hasMore, nextShown } from '@/utils/ledger/activity';
import { activityWindow } from '@/utils/ledger/queries';

/**
 * Every entry, newest first, under a heading per day. Loads a page at a
 * time through the createdAt index; "Show more" adds the next page. The
 * query is live, so entries synced meanwhile appear in their place.
 */
export function ActivityView({ partnerName }: { partnerName: PartnerName }) {
  const db = ledgerDb();
  const [shown, setShown] = useState(ACTIVITY_PAGE_SIZE);
  const page = useLiveQuery(() => activityWindow(db, shown), [shown]);
  const groups = useMemo(() => (page ? groupByDay(page.entries, (e) => e.createdAt) : []), [page]);
  const more = page ? hasMore(page.entries.length, page.total) : false;

  return (
    <section class="card" aria-labelledby="all-activity-title" data-testid="activity">
      <h2 id="all-activity-title">{t('popupActivity')}</h2>
      {page && page.total === 0 && <p class="muted">{t('noActivity')}</p>}
      <DayGroups groups={groups} partnerName={partnerName} />
      {page && more && (
        <div class="show-more">
          <p class="muted" data-testid="activity-showing">
            {t('activityShowing', formatPoints(page.entries.length), formatPoints(page.total))}
          </p>
          <button
            type="button"
            class="secondary"
            data-testid="show-more"
            onClick={() => setShown(nextShown(page.entries.length, page.total))}
          >
            {t('activityShowMore')}
          </button>
        </div>
      )}
    </section>
  );
}
