import type { LedgerDb, SurveyDraft } from './db';
import { surveyAnswerEntry } from './queries';

/**
 * Keeps a survey's answers so far, unless the survey was sent from here or
 * credited already: a save arriving after the submit (a slow popup, a
 * second window) must not bring back a draft of an answered survey.
 */
export async function putSurveyDraft(
  db: LedgerDb,
  draft: SurveyDraft,
): Promise<'saved' | 'answered'> {
  return db.transaction('rw', db.entries, db.surveyDrafts, async () => {
    if (await surveyAnswerEntry(db, draft.surveyId)) return 'answered';
    await db.surveyDrafts.put(draft);
    return 'saved';
  });
}
