import { browser } from 'wxt/browser';
import { t } from '@/components/i18n';
import { MemberCard } from '@/components/MemberCard';
import type { Account } from '@/utils/account/storage';

/**
 * The member card, from the account stored on this device: it shows without
 * a connection, and an expired session does not hide it (the number stays
 * the member's). Signed out, it says how to get one.
 */
export function CardView({ account }: { account: Account | undefined }) {
  const number = account?.token ? account.member?.memberNumber : undefined;
  return (
    <section class="card" aria-labelledby="card-title" data-testid="card">
      <h2 id="card-title">{t('cardTitle')}</h2>
      {!account ? null : number ? (
        <>
          <p class="muted">{t('cardExplained')}</p>
          <MemberCard number={number} />
          <p class="muted">{t('cardBrightness')}</p>
        </>
      ) : (
        <>
          <p data-testid="card-signed-out">{t('cardSignedOut')}</p>
          <button type="button" onClick={() => browser.runtime.openOptionsPage()}>
            {t('cardSignIn')}
          </button>
        </>
      )}
    </section>
  );
}
