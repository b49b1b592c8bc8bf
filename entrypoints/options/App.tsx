import { useEffect } from 'preact/hooks';
import { AccountSection } from '@/components/AccountSection';
import { BackendUrlForm } from '@/components/BackendUrlForm';
import { t } from '@/components/i18n';
import { PartnerList } from '@/components/PartnerList';

export function App() {
  useEffect(() => {
    document.title = t('optionsTitle');
  }, []);
  return (
    <main class="page">
      <h1>{t('optionsTitle')}</h1>
      <AccountSection />
      <PartnerList />
      <BackendUrlForm />
    </main>
  );
}
