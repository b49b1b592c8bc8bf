import type { LedgerDb, LedgerEntry } from '../ledger/db';
import { filteredEntries } from '../ledger/queries';

/**
 * The welcome journey's first steps, in the order a new member meets them.
 * Each ticks itself off from what really happened: a partner turned on, and
 * entries in the local ledger (never a flag of its own that could disagree).
 */
export const FIRST_STEPS = ['partner', 'purchase', 'survey', 'redemption'] as const;
export type FirstStep = (typeof FIRST_STEPS)[number];

export type StepEntry = Pick<LedgerEntry, 'kind' | 'status' | 'reason' | 'code' | 'voucher'>;

/**
 * A purchase Pointpilot recorded. Pending counts: the shopper saw it recorded
 * on the shop's page and expects the tick now. A cancelled order counts too
 * (it was recorded); a claim refused outright or confirmed for another buyer
 * was never this member's purchase, so it does not.
 */
export function isFirstPurchase(e: StepEntry): boolean {
  return e.kind === 'claim' && e.reason !== 'rejected-by-server' && e.reason !== 'not-buyer';
}

/** A survey answered: sent from here (pending) or credited; not one the server refused. */
export function isFirstSurvey(e: StepEntry): boolean {
  return e.kind === 'survey' && e.status !== 'rejected';
}

/**
 * A reward redeemed: a spend that brought a voucher. A donation is a spend
 * too (code 'donation', no voucher) and is not a redemption.
 */
export function isFirstRedemption(e: StepEntry): boolean {
  return (
    e.kind === 'spend' &&
    e.voucher !== undefined &&
    e.status !== 'rejected' &&
    (e.code as string | undefined) !== 'donation'
  );
}

export interface FirstStepFacts {
  partnerEnabled: boolean;
  purchase: boolean;
  survey: boolean;
  redemption: boolean;
}

export interface FirstStepsView {
  steps: { id: FirstStep; done: boolean }[];
  doneCount: number;
  /** Every step done: the checklist is not shown any more. */
  complete: boolean;
}

/** Pure: the checklist from the facts, steps in their fixed order. */
export function firstSteps(facts: FirstStepFacts): FirstStepsView {
  const done: Record<FirstStep, boolean> = {
    partner: facts.partnerEnabled,
    purchase: facts.purchase,
    survey: facts.survey,
    redemption: facts.redemption,
  };
  const steps = FIRST_STEPS.map((id) => ({ id, done: done[id] }));
  const doneCount = steps.filter((s) => s.done).length;
  return { steps, doneCount, complete: doneCount === steps.length };
}

/** Pure: the ledger facts from any list of entries. */
export function factsFromEntries(
  entries: Iterable<StepEntry>,
): Omit<FirstStepFacts, 'partnerEnabled'> {
  const out = { purchase: false, survey: false, redemption: false };
  for (const e of entries) {
    out.purchase ||= isFirstPurchase(e);
    out.survey ||= isFirstSurvey(e);
    out.redemption ||= isFirstRedemption(e);
  }
  return out;
}

/**
 * The ledger facts, through indexes: each query stops at the first match, so
 * a ledger of 10,000 purchases costs one row, not 10,000. A redemption is
 * looked for among the 'reward' category only ([category+createdAt]): every
 * redemption is there, and donations (also spends, often many, none a
 * redemption) are not, so they are never walked one by one.
 */
export async function readFirstStepFacts(
  db: LedgerDb,
): Promise<Omit<FirstStepFacts, 'partnerEnabled'>> {
  const any = (kind: LedgerEntry['kind'], ok: (e: StepEntry) => boolean) =>
    db.entries
      .where('kind')
      .equals(kind)
      .filter(ok)
      .first()
      .then((e) => e !== undefined);
  const [purchase, survey, redemption] = await Promise.all([
    any('claim', isFirstPurchase),
    any('survey', isFirstSurvey),
    filteredEntries(db, { category: 'reward' })
      .filter(isFirstRedemption)
      .first()
      .then((e) => e !== undefined),
  ]);
  return { purchase, survey, redemption };
}
