import type { ServerEntry } from '../contract';
import type { LedgerDb } from '../ledger';
import { fromServer } from './from-server';

/**
 * Applies a 'survey' or 'badge' change (inside applySyncResponse's
 * transaction); false for other kinds. Both are settled facts on the server:
 * confirmed at once. The balances follow the server's own figures in the
 * same answer, so a repeated change never credits a reward twice.
 */
export async function applySurveyChange(db: LedgerDb, e: ServerEntry): Promise<boolean> {
  if (e.kind !== 'survey' && e.kind !== 'badge') return false;
  const mine = await db.entries.get(e.id);
  if (e.kind === 'badge') {
    if (!mine)
      await db.entries.add({ ...fromServer(e), status: 'confirmed', reason: 'badge-earned' });
    return true;
  }
  if (mine) {
    // The reward for a survey sent from here: the server's points replace the listed ones.
    const { createdAt: _keepLocalTime, ...server } = fromServer(e);
    await db.entries.update(e.id, {
      ...server,
      partnerId: e.partnerId ?? mine.partnerId,
      surveyId: e.surveyId ?? mine.surveyId,
      status: 'confirmed',
      reason: 'survey-rewarded',
      // A refusal's code and words no longer apply: the server credited it.
      code: e.code,
      detail: undefined,
    });
    return true;
  }
  // Answered on another device, or this one's history pulled again after signing in.
  await db.entries.add({ ...fromServer(e), status: 'confirmed', reason: 'survey-rewarded' });
  return true;
}
