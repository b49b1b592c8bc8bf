import '@/components/forms.css';
import { useEffect } from 'preact/hooks';
import { AccountSection } from '@/components/AccountSection';
import { ActivityExport } from '@/components/ActivityExport';
import { BackendUrlForm } from '@/components/BackendUrlForm';
import { BannerSettings } from '@/components/BannerSettings';
import { t } from '@/components/i18n';
import { LanguageSetting } from '@/components/LanguageSetting';
import { NotificationSettings } from '@/components/NotificationSettings';
import { PartnerList } from '@/components/PartnerList';
import { PrivacySection } from '@/components/PrivacySection';
import { StorageUnavailable, useLedgerHealth } from '@/components/StorageUnavailable';
import { ThemeSetting } from '@/components/ThemeSetting';

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
      <BannerSettings />
      <NotificationSettings />
      <LanguageSetting />
      <ThemeSetting />
      <ActivityExport />
      <PrivacySection />
      {/* The server address is for operators and testers: out of a shopper's way. */}
      <details class="card advanced" data-testid="advanced">
        <summary>{t('settingsAdvanced')}</summary>
        <BackendUrlForm />
      </details>
    </main>
  );
}
