import '@/components/program.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PartnerLookup } from '@/components/ActivityList';
import { BalanceCard } from '@/components/BalanceCard';
import { currentTabUrl } from '@/components/current-tab';
import { t, uiLocale } from '@/components/i18n';
import { StorageUnavailable, useLedgerHealth } from '@/components/StorageUnavailable';
import { SyncStatus } from '@/components/SyncStatus';
import { useAccount } from '@/components/use-account';
import { useLiveQuery } from '@/components/use-live-query';
import { ledgerDb, readBalance, readProgram } from '@/utils/ledger';
import type { PartnerIndex } from '@/utils/partners';
import { loadCatalogue } from '@/utils/partners/stored';
import { localized } from '@/utils/survey/localize';
import { ActivityView } from './ActivityView';
import { CardView } from './CardView';
import { CouponsView } from './CouponsView';
import { causeName as nameOfCause, readCauses } from './DonateView';
import { HomeView } from './HomeView';
import { RewardsView } from './RewardsView';
import { SECTIONS, type SectionId, sectionAfterKey } from './sections';

const tabId = (id: SectionId) => `tab-${id}`;
const panelId = (id: SectionId) => `panel-${id}`;

function SettingsIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.5"
      aria-hidden="true"
    >
      <circle cx="8" cy="8" r="2.2" />
      <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
    </svg>
  );
}

/** Opens the ledger first: without it the popup says why instead of showing a balance. */
export function App() {
  const health = useLedgerHealth();
  if (health?.ok) return <Popup />;
  return (
    <div class="popup">
      <header class="popup-header">
        <div class="title-row">
          <h1>{t('popupTitle')}</h1>
        </div>
      </header>
      <main>{health && <StorageUnavailable />}</main>
    </div>
  );
}

/**
 * The popup: a header with the balance and the way to the settings, a tab
 * list of sections (each tab is a Tab stop; arrow keys, Home and End move
 * between them too; Enter, Space or a click opens one), and the open section's view.
 */
function Popup() {
  const db = ledgerDb();
  const balance = useLiveQuery(() => readBalance(db));
  const stored = useLiveQuery(() => readProgram(db));
  const causes = useLiveQuery(() => readCauses(db));
  const account = useAccount();
  // undefined until the account is read, so no view flashes "sign in" first.
  const signedIn = account ? Boolean(account.token) : undefined;
  const [index, setIndex] = useState<PartnerIndex>();
  const [url, setUrl] = useState<string>();
  const [section, setSection] = useState<SectionId>('home');
  const tabs = useRef<Partial<Record<SectionId, HTMLButtonElement | null>>>({});

  useEffect(() => {
    loadCatalogue().then((c) => setIndex(c.index));
    currentTabUrl().then(setUrl, () => setUrl(undefined));
  }, []);

  const partners: PartnerLookup = {
    name: (id) => index?.byId(id)?.name ?? id,
    confirmationDays: (id) => index?.byId(id)?.confirmationDays,
    coupon: (id) => stored?.coupons?.coupons.find((c) => c.id === id),
    reward: (id) => stored?.rewards?.rewards.find((r) => r.id === id),
    tierName: (id) => stored?.program?.tiers.find((tier) => tier.id === id)?.name,
    causeName: (id) => {
      const cause = causes?.find((c) => c.id === id);
      return cause && nameOfCause(cause);
    },
    surveyTitle: (id) => {
      const survey = stored?.surveys?.surveys.find((s) => s.id === id);
      return survey && localized(survey.definition.title, uiLocale());
    },
  };
  const open = (id: SectionId, focusTab = false) => {
    setSection(id);
    if (focusTab) tabs.current[id]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const from = SECTIONS.find((s) => tabs.current[s.id] === e.target)?.id;
    const next = from && sectionAfterKey(from, e.key);
    if (!next) return;
    e.preventDefault();
    tabs.current[next]?.focus();
  };

  return (
    <div class="popup">
      <header class="popup-header">
        <div class="title-row">
          <h1>{t('popupTitle')}</h1>
          <button
            type="button"
            class="secondary settings"
            data-testid="open-settings"
            onClick={() => browser.runtime.openOptionsPage()}
          >
            <SettingsIcon />
            {t('popupSettings')}
          </button>
        </div>
        <BalanceCard balance={balance} />
      </header>
      <nav class="sections" aria-label={t('popupSections')}>
        <div role="tablist" aria-label={t('popupSections')} onKeyDown={onKeyDown}>
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              ref={(el) => {
                tabs.current[s.id] = el;
              }}
              type="button"
              role="tab"
              id={tabId(s.id)}
              data-testid={`tab-${s.id}`}
              aria-selected={section === s.id}
              aria-controls={section === s.id ? panelId(s.id) : undefined}
              onClick={() => open(s.id)}
            >
              {t(s.label)}
            </button>
          ))}
        </div>
      </nav>
      <main>
        <SyncStatus />
        <div
          role="tabpanel"
          id={panelId(section)}
          aria-labelledby={tabId(section)}
          class="panel"
          data-testid={`panel-${section}`}
        >
          {section === 'home' && (
            <HomeView
              balance={balance}
              index={index}
              url={url}
              partners={partners}
              program={signedIn ? stored?.program : undefined}
              surveys={signedIn ? stored?.surveys : undefined}
              onAllActivity={() => open('activity', true)}
            />
          )}
          {section === 'activity' && <ActivityView partners={partners} />}
          {section === 'card' && <CardView account={account} />}
          {section === 'coupons' && (
            <CouponsView coupons={stored?.coupons} signedIn={signedIn} partners={partners} />
          )}
          {section === 'rewards' && (
            <RewardsView
              rewards={stored?.rewards}
              available={balance?.available ?? 0}
              signedIn={signedIn}
              partners={partners}
            />
          )}
        </div>
      </main>
    </div>
  );
}
