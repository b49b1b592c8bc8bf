import '@/components/forms.css';
import { useEffect } from 'preact/hooks';
import { type MessageKey, t } from '@/components/i18n';

/**
 * The privacy policy, bundled with the extension (privacy.html): readable
 * offline, in the UI language. Linked from onboarding and the settings.
 */
const SECTIONS: [title: MessageKey, text: MessageKey][] = [
  ['privacyPolicySitesTitle', 'privacyPolicySites'],
  ['privacyPolicySentTitle', 'privacyPolicySent'],
  ['privacyPolicyAccountTitle', 'privacyPolicyAccount'],
  ['privacyPolicyPartnersTitle', 'privacyPolicyPartners'],
  ['privacyPolicyLocalTitle', 'privacyPolicyLocal'],
  ['privacyPolicyDeleteTitle', 'privacyPolicyDelete'],
  ['privacyPolicyNoTrackingTitle', 'privacyPolicyNoTracking'],
];

export function App() {
  useEffect(() => {
    document.title = t('privacyPolicyTitle');
  }, []);
  return (
    <main class="page privacy-policy">
      <h1>{t('privacyPolicyTitle')}</h1>
      <p>{t('privacyPolicyIntro')}</p>
      {SECTIONS.map(([title, text]) => (
        <section class="card" key={title} aria-labelledby={title}>
          <h2 id={title}>{t(title)}</h2>
          <p>{t(text)}</p>
        </section>
      ))}
    </main>
  );
}
