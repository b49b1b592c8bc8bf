import { useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging';
import { t } from './i18n';
import { SignInForm } from './SignInForm';
import { useAccount } from './use-account';

export function AccountSection() {
  const account = useAccount();
  const [confirming, setConfirming] = useState(false);
  if (!account) return null;
  const signedIn = account.token && account.member && !account.needsSignIn;

  return (
    <section class="card" aria-labelledby="account-title" data-testid="account">
      <h2 id="account-title">{t('accountTitle')}</h2>
      {signedIn && account.member ? (
        <>
          <p data-testid="signed-in">{t('signedInAs', account.member.email)}</p>
          <p class="muted">{t('memberNumber', account.member.memberNumber)}</p>
          {confirming ? (
            <fieldset class="stack">
              <legend class="sr-only">{t('signOut')}</legend>
              <p>{t('signOutConfirm')}</p>
              <div class="row-buttons">
                <button
                  type="button"
                  class="danger"
                  onClick={async () => {
                    await sendMessage('signOut', undefined);
                    setConfirming(false);
                  }}
                >
                  {t('signOutYes')}
                </button>
                <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
              </div>
            </fieldset>
          ) : (
            <button type="button" class="secondary" onClick={() => setConfirming(true)}>
              {t('signOut')}
            </button>
          )}
        </>
      ) : (
        <SignInForm />
      )}
    </section>
  );
}
