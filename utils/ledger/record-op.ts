import type { LocalizedText, Op, SurveyAnswers } from '../contract';
import type { LedgerDb, LedgerEntry } from './db';
import { surveyAnswerEntry } from './queries';

export type ProgramOpResult = { status: 'recorded' | 'waiting'; entry: LedgerEntry };

type Target = { type: 'activate-coupon'; couponId: string } | { type: 'redeem'; rewardId: string };

/**
 * Writes a coupon activation or a redemption as a pending local entry (id =
 * op id) and its outbox op, in one transaction. The entry is worth 0 points
 * until the server answers: a redemption's price is only deducted by the
 * server's own 'spend' entry, so the balances never move on a guess.
 * While an earlier request for the same coupon or reward still waits, that
 * one is returned instead (a double click makes one op).
 */
export async function recordProgramOp(
  db: LedgerDb,
  target: Target,
  opts: { id?: string; now?: number; partnerId?: string | null } = {},
): Promise<ProgramOpResult> {
  const id = opts.id ?? crypto.randomUUID();
  const now = opts.now ?? Date.now();
  const createdAt = new Date(now).toISOString();
  const activate = target.type === 'activate-coupon';
  const entry: LedgerEntry = {
    id,
    kind: activate ? 'activate' : 'spend',
    partnerId: opts.partnerId ?? null,
    orderRef: null,
    amount: null,
    points: 0,
    status: 'pending',
    reason: activate ? 'activating' : 'redeeming',
    signals: [],
    createdAt: now,
    ...(activate ? { couponId: target.couponId } : { rewardId: target.rewardId }),
  };
  const op: Op = activate
    ? { id, type: 'activate-coupon', createdAt, couponId: target.couponId }
    : { id, type: 'redeem', createdAt, rewardId: target.rewardId };
  return db.transaction('rw', db.entries, db.outbox, async () => {
    const pending = await db.entries.where('status').equals('pending').toArray();
    const waiting = pending.find((e) =>
      activate
        ? e.kind === 'activate' && e.couponId === target.couponId
        : e.kind === 'spend' && e.rewardId === target.rewardId,
    );
    if (waiting) return { status: 'waiting', entry: waiting } as const;
    await db.entries.add(entry);
    await db.outbox.add({ id, op, createdAt: now, attempts: 0 });
    return { status: 'recorded', entry } as const;
  });
}

export type SurveyOpResult = {
  /** recorded: a new op; waiting: one for this survey is not answered yet; answered: credited. */
  status: 'recorded' | 'waiting' | 'answered';
  entry: LedgerEntry;
};

export interface SurveyTarget {
  surveyId: string;
  /** Already pruned and checked against the survey's definition. */
  answers: SurveyAnswers;
  /** The reward the survey lists (the server's own 'survey' entry decides). */
  points: number;
  partnerId: string | null;
  /** The survey's title, kept on the entry for the history. */
  title?: LocalizedText;
}

/**
 * Writes a completed survey as a pending 'survey' entry (id = op id) and its
 * outbox op, and deletes its draft, in one transaction. The entry shows the
 * reward but moves no balance: the points count only with the server's own
 * 'survey' entry, which it may refuse (closed, answered on another device …).
 * While one for the same survey waits or was credited, that one is returned
 * instead (a double click makes one op). The server refuses a second one
 * whatever a client sends; this guard only spares the member a refusal.
 */
export async function recordSurveyOp(
  db: LedgerDb,
  target: SurveyTarget,
  opts: { id?: string; now?: number } = {},
): Promise<SurveyOpResult> {
  const id = opts.id ?? crypto.randomUUID();
  const now = opts.now ?? Date.now();
  const entry: LedgerEntry = {
    id,
    kind: 'survey',
    partnerId: target.partnerId,
    orderRef: null,
    amount: null,
    points: target.points,
    status: 'pending',
    reason: 'survey-sending',
    signals: [],
    createdAt: now,
    surveyId: target.surveyId,
    ...(target.title ? { surveyTitle: target.title } : {}),
  };
  const op: Op = {
    id,
    type: 'survey-answer',
    createdAt: new Date(now).toISOString(),
    surveyId: target.surveyId,
    answers: target.answers,
  };
  return db.transaction('rw', db.entries, db.outbox, db.surveyDrafts, async () => {
    const before = await surveyAnswerEntry(db, target.surveyId);
    if (before)
      return {
        status: before.status === 'pending' ? 'waiting' : 'answered',
        entry: before,
      } as const;
    await db.entries.add(entry);
    await db.outbox.add({ id, op, createdAt: now, attempts: 0 });
    await db.surveyDrafts.delete(target.surveyId);
    return { status: 'recorded', entry } as const;
  });
}
