import '@/components/forms.css';
import { useEffect } from 'preact/hooks';
import { AccountSection } from '@/components/AccountSection';
import { BackendUrlForm } from '@/components/BackendUrlForm';
import { t } from '@/components/i18n';
import { PartnerList } from '@/components/PartnerList';
import { StorageUnavailable, useLedgerHealth } from '@/components/StorageUnavailable';

export function App() {
  const health = useLedgerHealth();
  useEffect(() => {
    document.title = t('optionsTitle');
  }, []);
  return (
    <main class="page">
      <h1>{t('optionsTitle')}</h1>
      {health && !health.ok && <StorageUnavailable />}
      <AccountSection />
      <PartnerList />
      {/* The server address is for operators and testers: out of a shopper's way. */}
      <details class="card advanced" data-testid="advanced">
        <summary>{t('settingsAdvanced')}</summary>
        <BackendUrlForm />
      </details>
      <p>
        <a href="/privacy.html" target="_blank" rel="noopener">
          {t('privacyPolicyLink')}
        </a>
      </p>
    </main>
  );
}
