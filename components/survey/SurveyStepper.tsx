import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnswerValue, MemberSurvey, SurveyAnswers } from '@/utils/contract';
import type { SurveyDraft } from '@/utils/ledger';
import { sendMessage } from '@/utils/messaging';
import { checkAnswer, nextQuestion, previousQuestion, pruneHidden, stepAt } from '@/utils/survey';
import { replyError, t } from '../i18n';
import { ChoiceQuestion } from './ChoiceQuestion';
import { draftSaver } from './draft-saver';
import { RatingQuestion } from './RatingQuestion';
import { progressText } from './survey-text';
import { TextQuestion } from './TextQuestion';

/** Focus on the question's chosen option, else its first control (its legend is read with it). */
function focusQuestion(el: HTMLElement | null) {
  const target =
    el?.querySelector<HTMLElement>('input:checked') ??
    el?.querySelector<HTMLElement>('input:not(:disabled), textarea');
  target?.focus();
}

/**
 * A survey being answered, one question per step: progress, the question,
 * Back / Skip / Next, Submit on the last shown question. Every answer and
 * every step is kept as the draft (typing after a pause), so the survey
 * resumes here however the popup, the browser or the worker went away.
 */
export function SurveyStepper({
  survey,
  draft,
  onSubmitted,
}: {
  survey: MemberSurvey;
  /** The draft read when the survey was opened (null: none). */
  draft: SurveyDraft | null;
  onSubmitted: () => void;
}) {
  const def = survey.definition;
  const [answers, setAnswers] = useState<SurveyAnswers>(() => draft?.answers ?? {});
  const [at, setAt] = useState(
    () => stepAt(def, draft?.answers ?? {}, draft?.at ?? null).question.name,
  );
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [saveError, setSaveError] = useState<string>();
  const question = useRef<HTMLDivElement>(null);
  const saver = useMemo(
    () =>
      draftSaver(
        (s) => sendMessage('saveSurveyDraft', { surveyId: survey.id, ...s }),
        (reply) => setSaveError(reply.ok ? undefined : replyError(reply)),
      ),
    [survey.id],
  );

  useEffect(() => {
    // Opening a survey marks where it stands, so the card offers "Continue" next time.
    saver.save({ answers, at });
    focusQuestion(question.current);
    const flush = () => saver.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      saver.flush();
    };
  }, [saver]);

  const step = stepAt(def, answers, at);
  const q = step.question;
  const value = answers[q.name];
  const valid = value !== undefined && checkAnswer(q, value) === null;
  // Without an answer an optional question is skipped (Skip), not "answered" by Next.
  const showPrimary = !(step.canSkip && value === undefined);

  const goTo = (name: string, next: SurveyAnswers) => {
    setAt(name);
    saver.save({ answers: next, at: name });
    // After this render: the new question's control takes the focus.
    requestAnimationFrame(() => focusQuestion(question.current));
  };
  const change = (v: AnswerValue | undefined, typing?: boolean) => {
    const next = { ...answers };
    if (v === undefined) delete next[q.name];
    else next[q.name] = v;
    setAnswers(next);
    setError(undefined);
    saver.save({ answers: next, at }, typing);
  };
  const submit = async (final: SurveyAnswers) => {
    if (sending) return;
    setSending(true);
    setError(undefined);
    const reply = await sendMessage('submitSurvey', {
      surveyId: survey.id,
      answers: pruneHidden(def, final),
    }).catch(() => ({ ok: false, error: 'errorGeneric' }) as const);
    setSending(false);
    if (reply.ok) {
      saver.stop();
      onSubmitted();
    } else setError(replyError(reply));
  };
  const forward = (next: SurveyAnswers) => {
    if (step.isLast) return void submit(next);
    const name = nextQuestion(def, next, q.name);
    if (name) goTo(name, next);
  };
  const skip = () => {
    const next = { ...answers };
    delete next[q.name];
    setAnswers(next);
    forward(next);
  };
  const back = () => {
    const name = previousQuestion(def, answers, q.name);
    if (name) goTo(name, answers);
  };

  const idBase = `survey-${survey.id}-${q.name}`;
  const props = { value, onChange: change, idBase, optional: step.canSkip };
  return (
    <form
      class="survey-step"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) forward(answers);
      }}
    >
      <div class="survey-progress" data-testid="survey-progress">
        <p id="survey-progress-label">{progressText(step.index, step.total)}</p>
        <progress value={step.index + 1} max={step.total} aria-labelledby="survey-progress-label" />
      </div>
      <div ref={question} key={q.name}>
        {q.type === 'radiogroup' || q.type === 'checkbox' ? (
          <ChoiceQuestion question={q} {...props} />
        ) : q.type === 'rating' ? (
          <RatingQuestion question={q} {...props} />
        ) : (
          <TextQuestion question={q} {...props} />
        )}
      </div>
      {error && (
        <p class="error" role="alert" data-testid="survey-error">
          {error}
        </p>
      )}
      {saveError && (
        <p class="error" role="alert" data-testid="survey-save-error">
          {t('surveyDraftNotSaved', saveError)}
        </p>
      )}
      <div class="survey-nav">
        {!step.isFirst && (
          <button type="button" class="secondary" data-testid="survey-back" onClick={back}>
            {t('surveyBack')}
          </button>
        )}
        <span class="survey-nav-gap" />
        {step.canSkip && (
          <button type="button" class="secondary" data-testid="survey-skip" onClick={skip}>
            {t(step.isLast ? 'surveySkipSubmit' : 'surveySkip')}
          </button>
        )}
        {showPrimary && (
          <button
            type="submit"
            data-testid={step.isLast ? 'survey-submit' : 'survey-next'}
            disabled={!valid}
            aria-disabled={sending ? 'true' : undefined}
          >
            {step.isLast ? t(sending ? 'surveySending' : 'surveySubmit') : t('surveyNext')}
          </button>
        )}
      </div>
    </form>
  );
}
