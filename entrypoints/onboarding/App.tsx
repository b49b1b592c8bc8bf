import { useEffect, useState } from 'preact/hooks';
import { t } from '@/components/i18n';
import { PartnerList } from '@/components/PartnerList';
import { SignInForm } from '@/components/SignInForm';

type Step = 'privacy' | 'signin' | 'partners' | 'done';

/** Opened on install: privacy consent, sign-in (or later), partners to enable, done. */
export function App() {
  const [step, setStep] = useState<Step>('privacy');
  const [consent, setConsent] = useState(false);
  const [signedIn, setSignedIn] = useState(false);
  useEffect(() => {
    document.title = t('onboardingTitle');
  }, []);

  return (
    <main class="page" data-step={step}>
      <h1>{t('onboardingTitle')}</h1>
      <p>{t('onboardingIntro')}</p>
      {step === 'privacy' && (
        <section class="card stack" aria-labelledby="privacy-title">
          <h2 id="privacy-title">{t('privacyTitle')}</h2>
          <ul>
            <li>{t('privacyPoint1')}</li>
            <li>{t('privacyPoint2')}</li>
            <li>{t('privacyPoint3')}</li>
          </ul>
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
        <section class="card stack">
          <SignInForm
            onSignedIn={() => {
              setSignedIn(true);
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
          <PartnerList />
          <button type="button" onClick={() => setStep('done')}>
            {t('continue')}
          </button>
        </>
      )}
      {step === 'done' && (
        <section class="card" role="status">
          <p>{t('onboardingDone')}</p>
          {signedIn && <p>{t('welcomeBonus')}</p>}
        </section>
      )}
    </main>
  );
}
