import { AccessRemoved } from '@/components/AccessRemoved';
import { ActivityList, formatDate, type PartnerLookup } from '@/components/ActivityList';
import { CurrentSite } from '@/components/CurrentSite';
import { ExpiryWarning } from '@/components/ExpiryWarning';
import { FirstSteps } from '@/components/FirstSteps';
import { pointsText, t } from '@/components/i18n';
import { PlanCard } from '@/components/PlanCard';
import { ReferralCard } from '@/components/ReferralCard';
import { SurveyCard } from '@/components/survey/SurveyCard';
import { TierCard } from '@/components/TierCard';
import { useLiveQuery } from '@/components/use-live-query';
import type { Program, SurveyList } from '@/utils/contract';
import type { BalanceRow } from '@/utils/ledger';
import { ledgerDb, pendingEntries, recentEntries } from '@/utils/ledger';
import { dayKey, HOME_RECENT } from '@/utils/ledger/activity';
import { nextArrival, type PartnerIndex } from '@/utils/partners';

/**
 * How many points, what is on the way and when it arrives, the tier, a
 * survey to answer, what to do now, the latest entries.
 */
export function HomeView({
  balance,
  index,
  url,
  partners,
  program,
  surveys,
  onAllActivity,
}: {
  balance: BalanceRow | undefined;
  index: PartnerIndex | undefined;
  url: string | undefined;
  partners: PartnerLookup;
  /** The member's tier standing (signed in, once fetched). */
  program: Program | undefined;
  /** The surveys open to the member (signed in, once fetched). */
  surveys: SurveyList | undefined;
  onAllActivity: () => void;
}) {
  const db = ledgerDb();
  const entries = useLiveQuery(() => recentEntries(db, HOME_RECENT));
  const pending = balance?.pending ?? 0;
  const waiting = useLiveQuery(() => pendingEntries(db));
  const claims = waiting?.filter((e) => e.kind === 'claim' && e.points > 0) ?? [];
  const next = nextArrival(claims, partners.confirmationDays, dayKey, Date.now());
  return (
    <>
      <section class="card on-the-way" aria-labelledby="on-the-way-title" data-testid="on-the-way">
        <h2 id="on-the-way-title">{t('popupOnTheWay')}</h2>
        <p>
          {pending > 0 ? (
            <strong>{t('popupOnTheWayPoints', pointsText(pending))}</strong>
          ) : (
            t('popupNothingOnTheWay')
          )}
        </p>
        {next && (
          <p data-testid="next-arrival">
            {t('popupNextArrival', pointsText(next.points), formatDate(next.at))}
          </p>
        )}
        <p class="muted" data-testid="pending-explained">
          {t('popupPendingExplained')}
        </p>
      </section>
      <ExpiryWarning expiring={program?.expiring} available={balance?.available ?? 0} />
      <FirstSteps />
      {program && <TierCard program={program} />}
      {program?.plan && <PlanCard plan={program.plan} />}
      {surveys && <SurveyCard surveys={surveys} partners={partners} />}
      {index && <AccessRemoved except={url ? index.byUrl(url)?.id : undefined} />}
      {index && <CurrentSite partner={index.byUrl(url)} url={url} />}
      {program?.referral && <ReferralCard referral={program.referral} />}
      <section class="card" aria-labelledby="activity-title">
        <h2 id="activity-title">{t('recentActivity')}</h2>
        <ActivityList entries={entries} partners={partners} />
        {entries && entries.length > 0 && (
          <button type="button" class="link" data-testid="all-activity" onClick={onAllActivity}>
            {t('popupAllActivity')}
          </button>
        )}
      </section>
    </>
  );
}
