import { useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { type MessageKey, pointsText, replyError, t, uiLocale } from '@/components/i18n';
import { refusalText } from '@/components/program-text';
import type { EntryCode, RejectCode } from '@/utils/contract';
import type { Cause } from '@/utils/contract/donation';
import type { LedgerDb, LedgerEntry } from '@/utils/ledger';
import { sendMessage } from '@/utils/messaging';
import { donationsView, parseDonationPoints } from '@/utils/program/donations';
import { localized } from '@/utils/survey/localize';

/** The causes last fetched (the program part 'causes'); undefined until fetched. */
export async function readCauses(db: LedgerDb): Promise<Cause[] | undefined> {
  const row = await db.program.get('causes');
  return row?.id === 'causes' ? row.data.causes : undefined;
}

export const causeName = (c: Cause) => localized(c.name, uiLocale());

const INPUT_ERROR: Record<string, MessageKey> = {
  empty: 'errorDonationPoints',
  invalid: 'errorDonationPoints',
};

/** A server refusal in words; "not enough points" said for a donation, not a reward. */
const refusalWords = (code: EntryCode | RejectCode) =>
  code === 'insufficient-points' ? t('refusedDonationTooMany') : refusalText(code);

/**
 * Donating points to a cause, inside the Rewards section: choose a cause,
 * enter the points (the cause's minimum up to what is available, checked by
 * the rule the server applies), confirm, then "Donating…" until the server
 * answers; the receipt is in the activity, the total here.
 */
export function DonateView({
  causes,
  spends,
  available,
}: {
  causes: Cause[] | undefined;
  spends: LedgerEntry[] | undefined;
  available: number;
}) {
  const [causeId, setCauseId] = useState<string>();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [asking, setAsking] = useState<{ cause: Cause; points: number }>();
  const [lastOp, setLastOp] = useState<string>();
  const submitButton = useRef<HTMLButtonElement>(null);
  const section = useRef<HTMLElement>(null);

  if (!causes || causes.length === 0) return null;
  const cause = causes.find((c) => c.id === causeId) ?? causes[0]!;
  const view = donationsView(spends ?? [], Date.now());
  const done = lastOp && spends?.find((e) => e.id === lastOp && e.status === 'confirmed');
  const tooFew = available < cause.minPoints;

  const submit = (e: Event) => {
    e.preventDefault();
    const input = parseDonationPoints(text, cause, available);
    if (!input.ok) {
      setProblem(
        input.code === 'donation-below-minimum'
          ? t('donateErrorBelow', pointsText(cause.minPoints))
          : input.code === 'insufficient-points'
            ? t('donateErrorAbove', pointsText(available))
            : t(INPUT_ERROR[input.code]!),
      );
      return;
    }
    setProblem(undefined);
    setAsking({ cause, points: input.points });
  };
  const confirm = async () => {
    const ask = asking;
    if (!ask) return;
    const reply = await sendMessage('donatePoints', { causeId: ask.cause.id, points: ask.points });
    if (reply.ok) {
      setLastOp(reply.opId);
      setText('');
    } else setProblem(replyError(reply));
  };
  const onClosed = (confirmed: boolean) => {
    setAsking(undefined);
    // Confirmed: the form gives way to "Donating…", so focus the section instead.
    if (confirmed) section.current?.focus();
    else submitButton.current?.focus();
  };
  const showsError = Boolean(problem || view.refusal);

  return (
    <section
      ref={section}
      tabIndex={-1}
      class="card"
      aria-labelledby="donate-title"
      data-testid="donate"
    >
      <h2 id="donate-title">{t('donateTitle')}</h2>
      <p class="muted">{t('donateIntro')}</p>
      {view.total > 0 && (
        <p data-testid="donated-total">{t('donateTotal', pointsText(view.total))}</p>
      )}
      {view.pending ? (
        <p class="progress-note" role="status" data-testid="donating">
          {t('statusDonating')}
        </p>
      ) : (
        <form class="stack" noValidate onSubmit={submit} data-testid="donate-form">
          <label>
            {t('donateCause')}
            <select
              name="causeId"
              value={cause.id}
              aria-describedby="donate-cause-about"
              onChange={(e) => {
                setCauseId(e.currentTarget.value);
                setProblem(undefined);
              }}
            >
              {causes.map((c) => (
                <option key={c.id} value={c.id}>
                  {causeName(c)}
                </option>
              ))}
            </select>
          </label>
          <p class="muted" id="donate-cause-about">
            {cause.description ? localized(cause.description, uiLocale()) : ''}
          </p>
          <label>
            {t('donatePoints')}
            <input
              name="points"
              type="number"
              inputMode="numeric"
              min={cause.minPoints}
              max={available}
              step={1}
              value={text}
              disabled={tooFew}
              aria-invalid={problem ? true : undefined}
              aria-describedby={showsError ? 'donate-range donate-error' : 'donate-range'}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <p class="muted" id="donate-range" data-testid="donate-range">
            {tooFew
              ? t('donateTooFew', pointsText(cause.minPoints))
              : t('donateRange', pointsText(cause.minPoints), pointsText(available))}
          </p>
          {showsError && (
            <p class="error" role="alert" id="donate-error" data-testid="donate-error">
              {problem ?? refusalWords(view.refusal!)}
            </p>
          )}
          <button ref={submitButton} type="submit" disabled={tooFew}>
            {t('donateSubmit')}
          </button>
        </form>
      )}
      <p class="status-line" role="status" data-testid="donated">
        {done ? t('donateThanks') : ''}
      </p>
      <ConfirmDialog
        open={Boolean(asking)}
        labelId="donate-confirm-text"
        testId="donate-confirm"
        yesLabel={asking ? t('donateConfirmYes', pointsText(asking.points)) : ''}
        onYes={confirm}
        onClosed={onClosed}
      >
        {asking && (
          <>
            <p id="donate-confirm-text">
              {t('donateConfirmText', pointsText(asking.points), causeName(asking.cause))}
            </p>
            <p class="muted">{t('donateConfirmNote')}</p>
          </>
        )}
      </ConfirmDialog>
    </section>
  );
}
