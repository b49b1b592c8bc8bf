import './first-steps.css';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ledgerDb } from '@/utils/ledger';
import { CATALOGUE_KEY, forgetCachedCatalogue, loadCatalogue } from '@/utils/partners/stored';
import {
  FIRST_STEPS,
  type FirstStep,
  firstSteps,
  readFirstStepFacts,
} from '@/utils/program/first-steps';
import { type MessageKey, t } from './i18n';
import { enabledPartnerIds, PARTNER_ACCESS_KEY } from './partner-access';
import { useLiveQuery } from './use-live-query';

const STEP_TEXT: Record<FirstStep, MessageKey> = {
  partner: 'firstStepPartner',
  purchase: 'firstStepPurchase',
  survey: 'firstStepSurvey',
  redemption: 'firstStepRedemption',
};

/** Whether a partner is on, kept current when it is turned on or off anywhere. */
function usePartnerEnabled(): boolean | undefined {
  const [enabled, setEnabled] = useState<boolean>();
  useEffect(() => {
    const reload = () =>
      void loadCatalogue()
        .then(({ partners }) => enabledPartnerIds(partners))
        .then(
          (ids) => setEnabled(ids.size > 0),
          () => setEnabled(false),
        );
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local') return;
      if (CATALOGUE_KEY in changes) forgetCachedCatalogue();
      if (CATALOGUE_KEY in changes || PARTNER_ACCESS_KEY in changes) reload();
    };
    reload();
    browser.storage.onChanged.addListener(onChanged);
    browser.permissions.onAdded.addListener(reload);
    browser.permissions.onRemoved.addListener(reload);
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      browser.permissions.onAdded.removeListener(reload);
      browser.permissions.onRemoved.removeListener(reload);
    };
  }, []);
  return enabled;
}

/**
 * The welcome journey's checklist: each step ticks itself off from what
 * really happened (a partner on, entries in the ledger, live), and the whole
 * list goes away once every step is done.
 */
export function FirstSteps() {
  const facts = useLiveQuery(() => readFirstStepFacts(ledgerDb()));
  const partnerEnabled = usePartnerEnabled();
  if (!facts || partnerEnabled === undefined) return null;
  const view = firstSteps({ ...facts, partnerEnabled });
  if (view.complete) return null;
  return (
    <section class="card first-steps" aria-labelledby="first-steps-title" data-testid="first-steps">
      <h2 id="first-steps-title">{t('firstStepsTitle')}</h2>
      <p class="muted" data-testid="first-steps-progress">
        {t('firstStepsProgress', view.doneCount, FIRST_STEPS.length)}
      </p>
      <ul class="first-steps-list">
        {view.steps.map((s) => (
          <li
            key={s.id}
            class={s.done ? 'done' : undefined}
            data-testid="first-step"
            data-step={s.id}
            data-done={String(s.done)}
          >
            <span class="first-step-mark" aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <span>
              {t(STEP_TEXT[s.id])}
              <span class="sr-only">: {s.done ? t('firstStepDone') : t('firstStepOpen')}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
