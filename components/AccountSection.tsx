import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReferralOutcome } from '@/utils/contract';
import { sendMessage, type UnsentPurchaseInfo } from '@/utils/messaging';
import { formatPoints, pointsText, replyError, t, tPlural } from './i18n';
import { ReferralOutcomeNote } from './ReferralOutcomeNote';
import { SignInForm } from './SignInForm';
import { useAccount } from './use-account';

/**
 * Sign-out, step by step: the button; the confirmation; while the background
 * sends what waits, a status line; then either signed out, or a warning that
 * names the purchases not yet sent, with "keep them here and sign out" or "wait".
 */
type SignOutStep =
  | { step: 'idle' }
  | { step: 'confirm'; busy?: boolean }
  | { step: 'unsent'; unsent: UnsentPurchaseInfo[]; busy?: boolean };

function unsentLine(u: UnsentPurchaseInfo): string {
  const ref = u.orderRef ?? '–';
  return u.partnerName
    ? t('signOutUnsentItem', ref, u.partnerName, pointsText(u.points))
    : t('signOutUnsentItemNoPartner', ref, pointsText(u.points));
}

export function AccountSection() {
  const account = useAccount();
  const [state, setState] = useState<SignOutStep>({ step: 'idle' });
  const [error, setError] = useState<string>();
  const [everywhere, setEverywhere] = useState(false);
  // What became of a referral code sent with the sign-in on this page.
  const [referral, setReferral] = useState<ReferralOutcome>();
  // Keyboard focus follows the steps: the safe choice of each step, and back to "Sign out".
  const signOutRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const waitRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'signOut' | 'cancel' | 'wait' | undefined>(undefined);
  useEffect(() => {
    if (!focusNext.current) return;
    const target = { signOut: signOutRef, cancel: cancelRef, wait: waitRef }[focusNext.current];
    if (target.current && !target.current.disabled) {
      target.current.focus();
      focusNext.current = undefined;
    }
  });

  if (!account) return null;
  const signedIn = account.token && account.member && !account.needsSignIn;

  const go = (next: SignOutStep, focus?: typeof focusNext.current) => {
    focusNext.current = focus;
    setState(next);
  };

  /** `shown`: the purchases the warning lists, when the user chose to keep them. */
  const signOut = async (shown?: UnsentPurchaseInfo[]) => {
    setError(undefined);
    go(shown ? { step: 'unsent', unsent: shown, busy: true } : { step: 'confirm', busy: true });
    const request = {
      ...(shown ? { unsent: 'keep' as const } : {}),
      ...(everywhere ? { everywhere: true } : {}),
    };
    const reply = await sendMessage('signOut', request).catch(() => null);
    if (reply?.ok) return go({ step: 'idle' });
    if (reply && 'unsent' in reply) return go({ step: 'unsent', unsent: reply.unsent }, 'wait');
    setError(reply ? replyError(reply) : t('errorGeneric'));
    go(shown ? { step: 'unsent', unsent: shown } : { step: 'confirm' }, shown ? 'wait' : 'cancel');
  };

  const busy = state.step !== 'idle' && state.busy === true;

  return (
    <section class="card" aria-labelledby="account-title" data-testid="account">
      <h2 id="account-title">{t('accountTitle')}</h2>
      {signedIn && account.member ? (
        <>
          <p data-testid="signed-in">{t('signedInAs', account.member.email)}</p>
          <ReferralOutcomeNote outcome={referral} />
          <p class="muted">{t('memberNumber', account.member.memberNumber)}</p>
          {state.step === 'idle' && (
            <button
              ref={signOutRef}
              type="button"
              class="secondary"
              onClick={() => {
                setError(undefined);
                go({ step: 'confirm' }, 'cancel');
              }}
            >
              {t('signOut')}
            </button>
          )}
          {state.step === 'confirm' && (
            <fieldset class="stack">
              <legend class="sr-only">{t('signOut')}</legend>
              <p>{t('signOutConfirm')}</p>
              <label>
                <input
                  type="checkbox"
                  name="everywhere"
                  checked={everywhere}
                  disabled={busy}
                  onChange={(e) => setEverywhere(e.currentTarget.checked)}
                />
                {t('signOutEverywhere')}
              </label>
              <div class="row-buttons">
                <button type="button" class="danger" disabled={busy} onClick={() => void signOut()}>
                  {t('signOutYes')}
                </button>
                <button
                  ref={cancelRef}
                  type="button"
                  class="secondary"
                  disabled={busy}
                  onClick={() => go({ step: 'idle' }, 'signOut')}
                >
                  {t('cancel')}
                </button>
              </div>
            </fieldset>
          )}
          {state.step === 'unsent' && (
            <fieldset class="stack" data-testid="sign-out-unsent">
              <legend class="sr-only">{t('signOut')}</legend>
              {/* Announced as it appears; focus moves to the safe choice, "Wait". */}
              <div role="alert">
                <p>
                  <strong>
                    {tPlural(
                      'signOutUnsent',
                      state.unsent.length,
                      formatPoints(state.unsent.length),
                    )}
                  </strong>
                </p>
                <ul class="unsent-list">
                  {state.unsent.map((u) => (
                    <li key={u.id} data-testid="unsent-purchase">
                      {unsentLine(u)}
                    </li>
                  ))}
                </ul>
                <p>{tPlural('signOutUnsentExplain', state.unsent.length)}</p>
              </div>
              <div class="row-buttons">
                <button
                  type="button"
                  class="danger"
                  disabled={busy}
                  onClick={() => void signOut(state.unsent)}
                >
                  {t('signOutKeep')}
                </button>
                <button
                  ref={waitRef}
                  type="button"
                  class="secondary"
                  disabled={busy}
                  onClick={() => go({ step: 'idle' }, 'signOut')}
                >
                  {t('signOutWait')}
                </button>
              </div>
            </fieldset>
          )}
          <p role="status" class="muted" data-testid="sign-out-busy">
            {busy ? t('signOutSending') : ''}
          </p>
          {error && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
        </>
      ) : (
        <SignInForm onSignedIn={setReferral} />
      )}
    </section>
  );
}
