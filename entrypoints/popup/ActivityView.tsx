import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ActivityFilters } from '@/components/ActivityFilters';
import { DayGroups, type PartnerLookup } from '@/components/ActivityList';
import { formatPoints, t, tPlural } from '@/components/i18n';
import { useLiveQuery } from '@/components/use-live-query';
import { ledgerDb } from '@/utils/ledger';
import { ACTIVITY_PAGE_SIZE, groupByDay, hasMore, nextShown } from '@/utils/ledger/activity';
import type { ActivityFilter } from '@/utils/ledger/activity-filter';
import { activityWindow, ledgerPartnerIds } from '@/utils/ledger/queries';
import { MissingPurchaseForm } from './MissingPurchaseForm';

/**
 * Every entry, newest first, under a heading per day. Loads a page at a
 * time through the createdAt index; "Show more" adds the next page. The
 * query is live, so entries synced meanwhile appear in their place.
 * After "Show more", focus moves to the first entry it added, so keyboard
 * users continue reading there (and focus is not lost when the button goes).
 * Filters by kind and partner read one index range each (queries.ts); a
 * change of filter starts again at the first page.
 */
export function ActivityView({ partners }: { partners: PartnerLookup }) {
  const db = ledgerDb();
  const [shown, setShown] = useState(ACTIVITY_PAGE_SIZE);
  const [filter, setFilter] = useState<ActivityFilter>({});
  const filtered = Boolean(filter.category || filter.partnerId);
  const page = useLiveQuery(
    () => activityWindow(db, shown, filter),
    [shown, filter.category, filter.partnerId],
  );
  const partnerIds = useLiveQuery(() => ledgerPartnerIds(db)) ?? [];
  const onFilter = (next: ActivityFilter) => {
    focusFrom.current = undefined;
    setShown(ACTIVITY_PAGE_SIZE);
    setFilter(next);
  };
  const groups = useMemo(() => (page ? groupByDay(page.entries, (e) => e.createdAt) : []), [page]);
  const more = page ? hasMore(page.entries.length, page.total) : false;
  const list = useRef<HTMLElement>(null);
  const focusFrom = useRef<number>();
  // "A purchase is missing": the form, and what it announced when done.
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState<string>();
  const reportButton = useRef<HTMLButtonElement>(null);
  const closeReport = (message?: string) => {
    setReporting(false);
    setReported(message);
    // Focus must not be lost when the form goes.
    setTimeout(() => reportButton.current?.focus(), 0);
  };
  useEffect(() => {
    const from = focusFrom.current;
    if (from === undefined || !page || page.entries.length <= from) return;
    focusFrom.current = undefined;
    const first = list.current?.querySelectorAll<HTMLElement>('[data-testid=entry]')[from];
    if (!first) return;
    first.tabIndex = -1;
    first.focus();
  }, [page]);

  return (
    <section ref={list} class="card" aria-labelledby="all-activity-title" data-testid="activity">
      <h2 id="all-activity-title">{t('popupActivity')}</h2>
      {!reporting && (
        <button
          ref={reportButton}
          type="button"
          class="secondary"
          data-testid="missing-open"
          onClick={() => {
            setReported(undefined);
            setReporting(true);
          }}
        >
          {t('missingOpen')}
        </button>
      )}
      {reporting && <MissingPurchaseForm onDone={closeReport} onCancel={() => closeReport()} />}
      <p role="status" class="muted" data-testid="missing-done">
        {reported ?? ''}
      </p>
      <ActivityFilters
        value={filter}
        onChange={onFilter}
        partnerIds={partnerIds}
        partnerName={partners.name}
      />
      <p role="status" class="muted" data-testid="activity-count">
        {filtered && page && page.total > 0
          ? tPlural('activityFilteredCount', page.total, formatPoints(page.total))
          : ''}
      </p>
      {page && page.total === 0 && (
        <p class="muted" data-testid="activity-empty">
          {t(filtered ? 'activityNoMatch' : 'noActivity')}
        </p>
      )}
      <DayGroups groups={groups} partners={partners} />
      {page && more && (
        <div class="show-more">
          <p class="muted" data-testid="activity-showing">
            {t('activityShowing', formatPoints(page.entries.length), formatPoints(page.total))}
          </p>
          <button
            type="button"
            class="secondary"
            data-testid="show-more"
            onClick={() => {
              focusFrom.current = page.entries.length;
              setShown(nextShown(page.entries.length, page.total));
            }}
          >
            {t('activityShowMore')}
          </button>
        </div>
      )}
    </section>
  );
}
