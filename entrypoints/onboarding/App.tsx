import '@/components/forms.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { FirstSteps } from '@/components/FirstSteps';
import { t } from '@/components/i18n';
import { enabledIds, PartnerList } from '@/components/PartnerList';
import { partnerSites } from '@/components/partner-sites';
import { ReferralOutcomeNote } from '@/components/ReferralOutcomeNote';
import { SignInForm } from '@/components/SignInForm';
import type { ReferralOutcome } from '@/utils/contract';
import { loadCatalogue } from '@/utils/partners/stored';

const STEPS = ['privacy', 'signin', 'partners', 'done'] as const;
type Step = (typeof STEPS)[number];
const STEP_NAMES = {
  privacy: 'onboardingStepPrivacy',
  signin: 'onboardingStepSignIn',
  partners: 'onboardingStepPartners',
  done: 'onboardingStepDone',
} as const;

/** The enabled partners and their sites, read when the last screen opens. */
function EnabledPartnerSites() {
  const [sites, setSites] = useState<ReturnType<typeof partnerSites>>();
  useEffect(() => {
    void (async () => {
      const { partners } = await loadCatalogue();
      setSites(partnerSites(partners, await enabledIds(partners)));
    })();
  }, []);
  if (!sites) return null;
  if (sites.length === 0)
    return (
      <p data-testid="no-partners">
        {t('onboardingNextNoPartners')} <a href="/options.html">{t('onboardingOpenSettings')}</a>
      </p>
    );
  return (
    <>
      <p>{t('onboardingNextVisit')}</p>
      <ul data-testid="partner-sites">
        {sites.map((p) => (
          <li key={p.id}>
            {p.name}:{' '}
            {p.sites.map((s, i) => (
              <span key={s.domain}>
                {i > 0 && ', '}
                {s.url ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer">
                    {s.domain}
                  </a>
                ) : (
                  s.domain
                )}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A friend's code from the share link's page (?ref=CODE), to prefill the sign-in. */
const referralFromUrl = () => (new URLSearchParams(location.search).get('ref') ?? '').slice(0, 32);

/** Opened on install: privacy consent, sign-in (or later), partners to enable, next steps. */
export function App() {
  const [step, setStep] = useState<Step>('privacy');
  const [consent, setConsent] = useState(false);
  const [signedIn, setSignedIn] = useState(false);
  const [referral, setReferral] = useState<ReferralOutcome>();
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    document.title = t('onboardingTitle');
  }, []);
  // Each new step: keyboard and screen-reader users start at its heading.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step]);

  const index = STEPS.indexOf(step);
  const stepHeading = (id: string, key: Parameters<typeof t>[0]) => (
    <h2 id={id} ref={heading} tabIndex={-1}>
      {t(key)}
    </h2>
  );

  return (
    <main class="page" data-step={step}>
      <h1>{t('onboardingTitle')}</h1>
      <p>{t('onboardingIntro')}</p>
      <div class="stack">
        <p class="step-count" data-testid="step-count">
          {t('onboardingStepOf', index + 1, STEPS.length)}
        </p>
        <ol class="steps" aria-label={t('onboardingStepsLabel')}>
          {STEPS.map((s) => (
            <li key={s} aria-current={s === step ? 'step' : undefined}>
              {t(STEP_NAMES[s])}
            </li>
          ))}
        </ol>
      </div>
      {step === 'privacy' && (
        <section class="card stack" aria-labelledby="privacy-title">
          {stepHeading('privacy-title', 'privacyTitle')}
          <ul>
            <li>{t('privacyPoint1')}</li>
            <li>{t('privacyPoint2')}</li>
            <li>{t('onboardingPrivacyDelete')}</li>
          </ul>
          <p>
            <a href="/privacy.html" target="_blank" rel="noopener">
              {t('privacyPolicyLink')}
            </a>
          </p>
          <label>
            <input
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.currentTarget.checked)}
            />{' '}
            {t('privacyConsent')}
          </label>
          <button type="button" disabled={!consent} onClick={() => setStep('signin')}>
            {t('continue')}
          </button>
        </section>
      )}
      {step === 'signin' && (
        <section class="card stack" aria-labelledby="signin-step-title">
          <h2 id="signin-step-title" class="sr-only" ref={heading} tabIndex={-1}>
            {t('onboardingStepSignIn')}
          </h2>
          <SignInForm
            referralCode={referralFromUrl()}
            onSignedIn={(outcome) => {
              setSignedIn(true);
              setReferral(outcome);
              setStep('partners');
            }}
          />
          <button type="button" class="secondary" onClick={() => setStep('partners')}>
            {t('skipSignIn')}
          </button>
        </section>
      )}
      {step === 'partners' && (
        <>
          <h2 class="sr-only" ref={heading} tabIndex={-1}>
            {t('onboardingStepPartners')}
          </h2>
          <PartnerList />
          <button type="button" onClick={() => setStep('done')}>
            {t('continue')}
          </button>
        </>
      )}
      {step === 'done' && (
        <>
          <section class="card" role="status">
            <p>{t('onboardingDone')}</p>
            {signedIn && <p>{t('welcomeBonus')}</p>}
            <ReferralOutcomeNote outcome={referral} />
          </section>
          <FirstSteps />
          <section
            class="card stack next-steps"
            aria-labelledby="next-title"
            data-testid="next-steps"
          >
            {stepHeading('next-title', 'onboardingNextTitle')}
            <ol>
              <li>{t('onboardingNextPin')}</li>
              <li>{t('onboardingNextPopup')}</li>
              <li>
                <EnabledPartnerSites />
              </li>
            </ol>
            <p>
              {t('onboardingNextSettings')}{' '}
              <a href="/options.html">{t('onboardingOpenSettings')}</a> ·{' '}
              <a href="/privacy.html" target="_blank" rel="noopener">
                {t('privacyPolicyLink')}
              </a>
            </p>
          </section>
        </>
      )}
    </main>
  );
}
