import { useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging';
import { replyError, t } from './i18n';

/** Email → one-time code → signed in. Every step goes through the background. */
export function SignInForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const reply =
      step === 'email'
        ? await sendMessage('startSignIn', { email })
        : await sendMessage('verifySignIn', { email, code: code.trim() });
    setBusy(false);
    if (!reply.ok) return setError(replyError(reply));
    if (step === 'email') setStep('code');
    else onSignedIn?.();
  };

  return (
    <form class="stack" onSubmit={submit} aria-labelledby="signin-title">
      <h2 id="signin-title">{t('signInTitle')}</h2>
      <label>
        {t('emailLabel')}
        <input
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          disabled={step === 'code'}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      {step === 'code' && (
        <>
          <p>{t('codeSent', email)}</p>
          <label>
            {t('codeLabel')}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              required
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </label>
        </>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {step === 'email' ? t('sendCode') : t('verifyCode')}
      </button>
    </form>
  );
}
