import { describe, expect, it } from 'vitest';
import { LedgerDb, type LedgerEntry } from '../../utils/ledger/db';
import {
  factsFromEntries,
  firstSteps,
  isFirstPurchase,
  isFirstRedemption,
  isFirstSurvey,
  readFirstStepFacts,
} from '../../utils/program/first-steps';

const voucher = {
  rewardId: 'demo-shop-5',
  code: 'PP-ABCD',
  value: { minor: 500, currency: 'EUR' },
  partnerId: 'demo-shop',
  expiresAt: '2027-12-31T00:00:00.000Z',
};

function entry(patch: Partial<LedgerEntry>): LedgerEntry {
  return {
    id: crypto.randomUUID(),
    kind: 'claim',
    partnerId: 'demo-shop',
    orderRef: null,
    amount: null,
    points: 0,
    status: 'pending',
    reason: 'awaiting-sync',
    signals: [],
    createdAt: Date.now(),
    ...patch,
  };
}

describe('which entries tick a step', () => {
  it('a purchase recorded ticks "first purchase" at once, pending or confirmed, cancelled too', () => {
    expect(isFirstPurchase(entry({ status: 'pending', reason: 'awaiting-sync' }))).toBe(true);
    expect(isFirstPurchase(entry({ status: 'pending', reason: 'awaiting-partner' }))).toBe(true);
    expect(isFirstPurchase(entry({ status: 'confirmed', reason: 'confirmed-by-partner' }))).toBe(
      true,
    );
    expect(isFirstPurchase(entry({ status: 'rejected', reason: 'cancelled-by-partner' }))).toBe(
      true,
    );
  });

  it('a claim refused by the server or confirmed for another buyer was never the member’s purchase', () => {
    expect(isFirstPurchase(entry({ status: 'rejected', reason: 'rejected-by-server' }))).toBe(
      false,
    );
    expect(isFirstPurchase(entry({ status: 'rejected', reason: 'not-buyer' }))).toBe(false);
    // The server's refusal record and a bonus are no purchases either.
    expect(isFirstPurchase(entry({ kind: 'refusal', status: 'rejected' }))).toBe(false);
    expect(isFirstPurchase(entry({ kind: 'bonus', status: 'confirmed', reason: 'bonus' }))).toBe(
      false,
    );
  });

  it('a survey sent from here or credited ticks "first survey"; a refused one does not', () => {
    expect(isFirstSurvey(entry({ kind: 'survey', reason: 'survey-sending' }))).toBe(true);
    expect(
      isFirstSurvey(entry({ kind: 'survey', status: 'confirmed', reason: 'survey-rewarded' })),
    ).toBe(true);
    expect(
      isFirstSurvey(entry({ kind: 'survey', status: 'rejected', reason: 'rejected-by-server' })),
    ).toBe(false);
  });

  it('only a spend that brought a voucher is a redemption: not one still redeeming, not a donation', () => {
    expect(
      isFirstRedemption(entry({ kind: 'spend', status: 'confirmed', reason: 'spent', voucher })),
    ).toBe(true);
    expect(
      isFirstRedemption(entry({ kind: 'spend', reason: 'redeeming', rewardId: 'demo-shop-5' })),
    ).toBe(false);
    const donation = entry({ kind: 'spend', status: 'confirmed', reason: 'spent', points: -100 });
    expect(isFirstRedemption(donation)).toBe(false);
    // Even a (malformed) donation that carried a voucher is no redemption.
    expect(
      isFirstRedemption({
        ...donation,
        voucher,
        code: 'donation' as unknown as LedgerEntry['code'],
      }),
    ).toBe(false);
    expect(
      isFirstRedemption(
        entry({ kind: 'spend', status: 'rejected', reason: 'rejected-by-server', voucher }),
      ),
    ).toBe(false);
  });
});

describe('the checklist', () => {
  const none = { partnerEnabled: false, purchase: false, survey: false, redemption: false };

  it('lists the four steps in order, none done for a new member', () => {
    const view = firstSteps(none);
    expect(view.steps.map((s) => s.id)).toEqual(['partner', 'purchase', 'survey', 'redemption']);
    expect(view.steps.every((s) => !s.done)).toBe(true);
    expect(view.doneCount).toBe(0);
    expect(view.complete).toBe(false);
  });

  it('ticks each step by its own fact, in any order', () => {
    const view = firstSteps({ ...none, partnerEnabled: true, survey: true });
    expect(view.steps.filter((s) => s.done).map((s) => s.id)).toEqual(['partner', 'survey']);
    expect(view.doneCount).toBe(2);
    expect(view.complete).toBe(false);
  });

  it('is complete (and so no longer shown) only when all four are done', () => {
    expect(
      firstSteps({ ...none, partnerEnabled: true, purchase: true, survey: true }).complete,
    ).toBe(false);
    const all = firstSteps({
      partnerEnabled: true,
      purchase: true,
      survey: true,
      redemption: true,
    });
    expect(all.complete).toBe(true);
    expect(all.doneCount).toBe(4);
  });

  it('turning the only partner off again un-ticks that step (it shows what is true now)', () => {
    const all = { partnerEnabled: true, purchase: true, survey: true, redemption: true };
    expect(firstSteps({ ...all, partnerEnabled: false }).complete).toBe(false);
  });

  it('reads the facts from a mixed list of entries', () => {
    const facts = factsFromEntries([
      entry({ kind: 'bonus', status: 'pending', reason: 'welcome-pending', points: 500 }),
      entry({ status: 'rejected', reason: 'not-buyer' }),
      entry({ kind: 'spend', status: 'confirmed', reason: 'spent', voucher }),
    ]);
    expect(facts).toEqual({ purchase: false, survey: false, redemption: true });
  });
});

describe('readFirstStepFacts on the ledger database', () => {
  it('finds each step’s first entry through the kind index, and agrees with the pure reading', async () => {
    const db = new LedgerDb(`first-steps-${crypto.randomUUID()}`);
    expect(await readFirstStepFacts(db)).toEqual({
      purchase: false,
      survey: false,
      redemption: false,
    });

    const all = [
      entry({ kind: 'bonus', status: 'pending', reason: 'welcome-pending', points: 500 }),
      entry({ status: 'rejected', reason: 'rejected-by-server', claimKey: 'a' }),
      entry({ kind: 'spend', reason: 'redeeming', rewardId: 'demo-shop-5' }),
    ];
    await db.entries.bulkAdd(all);
    expect(await readFirstStepFacts(db)).toEqual(factsFromEntries(all));
    expect(await readFirstStepFacts(db)).toEqual({
      purchase: false,
      survey: false,
      redemption: false,
    });

    const more = [
      entry({ status: 'pending', reason: 'awaiting-sync', claimKey: 'b' }),
      entry({ kind: 'survey', reason: 'survey-sending', surveyId: 'welcome' }),
      entry({ kind: 'spend', status: 'confirmed', reason: 'spent', voucher }),
    ];
    await db.entries.bulkAdd(more);
    expect(await readFirstStepFacts(db)).toEqual({
      purchase: true,
      survey: true,
      redemption: true,
    });
    expect(await readFirstStepFacts(db)).toEqual(factsFromEntries([...all, ...more]));
    db.close();
  });
  it('a ledger of many donations has no redemption; one confirmed voucher spend among them makes one', async () => {
    const db = new LedgerDb(`first-steps-${crypto.randomUUID()}`);
    const donations = Array.from({ length: 300 }, (_, i) =>
      entry({
        kind: 'spend',
        status: 'confirmed',
        reason: 'spent',
        code: 'donation',
        causeId: 'trees',
        points: -100,
        createdAt: 1_000 + i,
      }),
    );
    await db.entries.bulkAdd(donations);
    expect((await readFirstStepFacts(db)).redemption).toBe(false);
    await db.entries.add(
      entry({ kind: 'spend', status: 'confirmed', reason: 'spent', voucher, createdAt: 500 }),
    );
    expect((await readFirstStepFacts(db)).redemption).toBe(true);
    db.close();
  });
});
