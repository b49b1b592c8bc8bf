import { z } from 'zod';
import { type MemberSurvey, QuestionName, SurveyAnswers, SurveyId } from '@/utils/contract';
import {
  type LedgerDb,
  ledgerDb,
  putSurveyDraft,
  readProgram,
  recordSurveyOp,
  surveyAnswerEntry,
} from '@/utils/ledger';
import type { OpReply, PageReply } from '@/utils/messaging';
import { allQuestions, checkAnswers, pruneHidden } from '@/utils/survey';
import { signedIn } from './program-ops';
import { isOwnPage } from './sender';
import { syncSoon } from './sync';

const DraftRequest = z.strictObject({
  surveyId: SurveyId,
  answers: SurveyAnswers,
  at: QuestionName.nullable(),
});
const SubmitRequest = z.strictObject({ surveyId: SurveyId, answers: SurveyAnswers });

type Sender = { id?: string; url?: string };
type Refusal = Extract<PageReply, { ok: false }>;

const refused = (error: Refusal['error']): Refusal => ({ ok: false, error });

/**
 * The request's survey, if the member may answer it now: listed for them in
 * the surveys last fetched and not past its end. Anything else (a guessed
 * id, a survey withdrawn since) gets nothing written.
 */
async function openSurvey(
  db: LedgerDb,
  surveyId: string,
  now: number,
): Promise<MemberSurvey | undefined> {
  const { surveys } = await readProgram(db);
  const survey = surveys?.surveys.find((s) => s.id === surveyId);
  return survey && Date.parse(survey.validUntil) > now ? survey : undefined;
}

/** Checks shared by both requests: our own page, a well-formed request, signed in. */
async function admit<T>(
  schema: z.ZodType<T>,
  data: unknown,
  sender: Sender,
): Promise<{ ok: true; req: T } | Refusal> {
  if (!isOwnPage(sender)) return refused('errorNotAllowed');
  const req = schema.safeParse(data);
  if (!req.success) return refused('errorGeneric');
  if (!(await signedIn())) return refused('errorSignInForSurvey');
  return { ok: true, req: req.data };
}

/**
 * The popup keeps a survey in progress (after each step), so it resumes
 * there after the popup closed or the worker stopped. A draft is work in
 * progress: answers are checked only on submit, but answers to questions
 * the survey does not have are dropped, and an unknown `at` starts over.
 */
export async function saveSurveyDraft(
  data: unknown,
  sender: Sender,
  db: LedgerDb = ledgerDb(),
  now = Date.now(),
): Promise<PageReply> {
  const admitted = await admit(DraftRequest, data, sender);
  if (!admitted.ok) return admitted;
  const { surveyId, answers, at } = admitted.req;
  const survey = await openSurvey(db, surveyId, now);
  if (!survey) return refused('errorSurveyGone');
  const names = new Set(allQuestions(survey.definition).map((q) => q.name));
  const saved = await putSurveyDraft(db, {
    surveyId,
    answers: Object.fromEntries(Object.entries(answers).filter(([name]) => names.has(name))),
    at: at !== null && names.has(at) ? at : null,
    updatedAt: now,
  });
  return saved === 'saved' ? { ok: true } : refused('errorSurveyAnswered');
}

/**
 * The popup sends a completed survey: answers to hidden questions are
 * dropped, the rest must fit the definition; then a pending 'survey' entry
 * and its op (the draft deleted with them), and a sync soon. A survey sent
 * or credited before answers with that entry again, so a double click makes
 * one op. The server checks it all again and credits the reward once.
 */
export async function submitSurvey(
  data: unknown,
  sender: Sender,
  db: LedgerDb = ledgerDb(),
  now = Date.now(),
): Promise<OpReply> {
  const admitted = await admit(SubmitRequest, data, sender);
  if (!admitted.ok) return admitted;
  const { surveyId } = admitted.req;
  const before = await surveyAnswerEntry(db, surveyId);
  if (before) return { ok: true, opId: before.id };
  const survey = await openSurvey(db, surveyId, now);
  if (!survey) return refused('errorSurveyGone');
  const answers = pruneHidden(survey.definition, admitted.req.answers);
  if (!checkAnswers(survey.definition, answers).ok) return refused('errorSurveyAnswers');
  const out = await recordSurveyOp(
    db,
    {
      surveyId,
      answers,
      points: survey.rewardPoints,
      partnerId: survey.partnerId,
      title: survey.definition.title,
    },
    { now },
  );
  if (out.status === 'recorded') syncSoon();
  return { ok: true, opId: out.entry.id };
}
