import './survey.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MemberSurvey, SurveyList } from '@/utils/contract';
import { answeredSurveyIds, ledgerDb, type SurveyDraft, surveyDraft } from '@/utils/ledger';
import { shownCount, stepAt } from '@/utils/survey';
import { t } from '../i18n';
import type { NameLookup } from '../program-text';
import { useLiveQuery } from '../use-live-query';

import { Celebration } from './Celebration';
import { surveyToShow } from './pick-survey';
import { hasStats, SurveyStats } from './SurveyStats';
import { SurveyStepper } from './SurveyStepper';
import { contextText, continueText, rewardText, surveyText } from './survey-text';

/** Before the survey is opened: the reward up front, and where a draft stopped. */
function Teaser({
  survey,
  draft,
  onStart,
}: {
  survey: MemberSurvey;
  draft: SurveyDraft | null;
  onStart: () => void;
}) {
  const def = survey.definition;
  const answers = draft?.answers ?? {};
  const resume = draft ? stepAt(def, answers, draft.at) : undefined;
  const description = surveyText(def.description);
  return (
    <>
      {description && <p class="muted">{description}</p>}
      <p class="survey-reward" data-testid="survey-reward">
        {rewardText(survey.rewardPoints, shownCount(def, answers))}
      </p>
      {resume && (
        // Only a picture of how far it got: the button says it in words.
        <progress
          class="survey-resume-bar"
          value={resume.index + 1}
          max={resume.total}
          aria-hidden="true"
        />
      )}
      <button type="button" data-testid="survey-start" onClick={onStart}>
        {resume ? continueText(resume.index, resume.total) : t('surveyStart')}
      </button>
    </>
  );
}

/**
 * Home's survey card, for a signed-in member: the one survey open to them
 * (teaser, then one question per step, then the thanks), with their streak
 * and badges; only the streak and badges when no survey is open; nothing
 * when there is neither.
 */
export function SurveyCard({ surveys, partners }: { surveys: SurveyList; partners: NameLookup }) {
  const db = ledgerDb();
  const answered = useLiveQuery(() => answeredSurveyIds(db));
  const [started, setStarted] = useState<string>();
  const [done, setDone] = useState<MemberSurvey>();
  const card = useRef<HTMLElement>(null);
  const refocus = useRef(false);
  const survey = done ?? (answered && surveyToShow(surveys, answered, Date.now(), started));
  const id = survey?.id;
  // Tagged with its survey: right after the survey changes, the last read is the one before's.
  const read = useLiveQuery(
    async () => ({ id, draft: id ? ((await surveyDraft(db, id)) ?? null) : null }),
    [id],
  );
  const ownDraft = read && read.id === id ? read.draft : undefined;
  const loading = !answered || Boolean(survey && !done && ownDraft === undefined);
  useEffect(() => {
    if (!refocus.current || loading) return;
    refocus.current = false;
    // The card's next state, or (nothing left to show) the open section's tab: never the page.
    const target =
      card.current?.querySelector<HTMLElement>('h2') ??
      document.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    target?.focus();
  });

  const stats = surveys.stats;
  if (!survey) {
    if (loading || !hasStats(stats)) return null;
    return (
      <section
        ref={card}
        class="card survey-card"
        aria-labelledby="surveys-title"
        data-testid="survey-card"
        data-state="none"
      >
        <h2 id="surveys-title" tabIndex={-1}>
          {t('surveysTitle')}
        </h2>
        <SurveyStats stats={stats} />
      </section>
    );
  }
  if (loading) return null;
  const state = done ? 'done' : started === survey.id ? 'started' : 'teaser';
  const context = contextText(survey, partners);
  return (
    <section
      ref={card}
      class="card survey-card"
      aria-labelledby="survey-title"
      data-testid="survey-card"
      data-survey-id={survey.id}
      data-state={state}
    >
      <h2 id="survey-title" tabIndex={-1}>
        {surveyText(survey.definition.title)}
      </h2>
      {context && (
        <p class="survey-context" data-testid="survey-context">
          {context}
        </p>
      )}
      {state === 'done' ? (
        <Celebration
          points={survey.rewardPoints}
          onDone={() => {
            refocus.current = true;
            setDone(undefined);
            setStarted(undefined);
          }}
        />
      ) : state === 'started' ? (
        <SurveyStepper
          survey={survey}
          draft={ownDraft ?? null}
          onSubmitted={() => setDone(survey)}
        />
      ) : (
        <Teaser survey={survey} draft={ownDraft ?? null} onStart={() => setStarted(survey.id)} />
      )}
      <SurveyStats stats={stats} />
    </section>
  );
}
