import './forms.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReferralOutcome } from '@/utils/contract';
import { type PageReply, sendMessage } from '@/utils/messaging';
import { replyError, t, uiLocale } from './i18n';
import { formatWait, RESEND_PAUSE_SECONDS, secondsLeft } from './wait-time';

type Failure = Extract<PageReply, { ok: false }>;

/**
 * Email → one-time code → signed in. Every step goes through the background.
 *
 * Once the code is sent: "Resend code" (the server sends the same code again
 * while it is valid) after a short pause, or when the server answered 429, after
 * its Retry-After, with a countdown; "Change email" goes back to the email step
 * with the address as typed. Both steps keep the field at the same width.
 */
export function SignInForm({
  onSignedIn,
  referralCode = '',
}: {
  /** `referral`: what became of the referral code sent (absent: none sent). */
  onSignedIn?: (referral?: ReferralOutcome) => void;
  /** A friend's code (the onboarding's ?ref=): prefilled, sent with the code, counts for new members. */
  referralCode?: string;
}) {
  const [email, setEmail] = useState('');
  const [referral, setReferral] = useState(referralCode);
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** Until when (ms) sending a code is refused: our pause, or the server's Retry-After. */
  const [sendUntil, setSendUntil] = useState<number>();
  /** Until when signing in is paused by the server (too many wrong codes). */
  const [verifyUntil, setVerifyUntil] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const focusNext = useRef<'email' | 'code' | undefined>(undefined);

  const sendWait = secondsLeft(sendUntil, now);
  const verifyWait = secondsLeft(verifyUntil, now);
  const waiting = sendWait > 0 || verifyWait > 0;

  // The countdown: one tick a second while something waits.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting]);

  useEffect(() => {
    const target = focusNext.current === 'email' ? emailRef : codeRef;
    if (focusNext.current && target.current) {
      target.current.focus();
      focusNext.current = undefined;
    }
  });

  // One clock reading for both: two would put the end a few ms beyond the whole
  // seconds, and the countdown (rounded up) would start at 31 instead of 30.
  const pauseFor = (seconds: number) => {
    const at = Date.now();
    setNow(at);
    return at + seconds * 1000;
  };

  /** Shows a failure; a 429 with Retry-After locks the matching button for that long. */
  const failed = (reply: Failure, verifying: boolean) => {
    setNow(Date.now());
    if (reply.error === 'errorTooMany' && reply.retryAfter !== undefined) {
      const end = pauseFor(reply.retryAfter);
      setSendUntil(end);
      if (verifying) setVerifyUntil(end);
      setError(verifying ? t('signInLocked') : t('signInTooMany'));
    } else {
      setError(replyError(reply));
    }
  };

  const send = async (again: boolean) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    const reply = await sendMessage('startSignIn', { email: email.trim() });
    setBusy(false);
    if (!reply.ok) return failed(reply, false);
    setSendUntil(pauseFor(RESEND_PAUSE_SECONDS));
    if (again) setNotice(t('signInResent', email.trim()));
    else {
      focusNext.current = 'code';
      setStep('code');
    }
  };

  const verify = async () => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    const ref = referral.trim();
    const reply = await sendMessage('verifySignIn', {
      email: email.trim(),
      code: code.trim(),
      ...(ref ? { referralCode: ref } : {}),
    });
    setBusy(false);
    if (!reply.ok) return failed(reply, true);
    onSignedIn?.(reply.referral);
  };

  const changeEmail = () => {
    setError(undefined);
    setNotice(undefined);
    setCode('');
    // The pauses were for that address; the server still refuses what it must.
    setSendUntil(undefined);
    setVerifyUntil(undefined);
    focusNext.current = 'email';
    setStep('email');
  };

  const submit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (step === 'email') {
      if (sendWait === 0) void send(false);
    } else if (verifyWait === 0) void verify();
  };

  const locale = uiLocale();
  return (
    <form class="stack signin-form" onSubmit={submit} aria-labelledby="signin-title">
      <h2 id="signin-title">{t('signInTitle')}</h2>
      {step === 'email' ? (
        <label>
          {t('emailLabel')}
          <input
            ref={emailRef}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
      ) : null}
      {step === 'email' ? (
        <label>
          {t('referralCodeLabel')}
          <input
            name="referralCode"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={32}
            value={referral}
            data-testid="referral-code-input"
            onInput={(e) => setReferral(e.currentTarget.value)}
          />
        </label>
      ) : (
        <>
          <div class="signin-sent">
            <p data-testid="code-sent">{t('codeSent', email.trim())}</p>
            <button type="button" class="link-button" onClick={changeEmail}>
              {t('signInChangeEmail')}
            </button>
          </div>
          <label>
            {t('codeLabel')}
            <input
              ref={codeRef}
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
      {notice && (
        <p role="status" data-testid="signin-notice">
          {notice}
        </p>
      )}
      <div class="row-buttons">
        <button
          type="submit"
          disabled={busy || (step === 'email' ? sendWait > 0 : verifyWait > 0)}
          aria-describedby={waiting ? 'signin-wait' : undefined}
        >
          {step === 'email' ? t('sendCode') : t('verifyCode')}
        </button>
        {step === 'code' && (
          <button
            type="button"
            class="secondary"
            disabled={busy || sendWait > 0}
            aria-describedby={sendWait > 0 ? 'signin-wait' : undefined}
            onClick={() => void send(true)}
          >
            {t('signInResend')}
          </button>
        )}
      </div>
      {/* Not a live region: a countdown read out every second would drown everything else. */}
      {waiting && (
        <p id="signin-wait" class="muted" data-testid="signin-countdown">
          {verifyWait > 0
            ? t('signInWaitVerify', formatWait(verifyWait, locale))
            : step === 'email'
              ? t('signInWaitSend', formatWait(sendWait, locale))
              : t('signInWaitResend', formatWait(sendWait, locale))}
        </p>
      )}
    </form>
  );
}
