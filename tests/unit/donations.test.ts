import { beforeEach, describe, expect, it, vi } from 'vitest';
import { entryText } from '../../components/entry-text';
import { programEntryTitle } from '../../components/program-text';
import { donatePoints } from '../../entrypoints/background/donate-ops';
import { saveAccount } from '../../utils/account/storage';
import type { SyncResponse } from '../../utils/contract';
import type { CauseList } from '../../utils/contract/donation';
import { type LedgerEntry, ledgerDb } from '../../utils/ledger';
import { donationsView, parseDonationPoints } from '../../utils/program/donations';
import { applySyncResponse } from '../../utils/sync/apply';
import { useLocale } from './i18n-fake';

vi.mock('../../entrypoints/background/sync', () => ({ syncSoon: vi.fn() }));

const db = ledgerDb();
const causes: CauseList = {
  causes: [
    {
      id: 'trees',
      name: { default: 'Plant trees', de: 'Bäume pflanzen' },
      description: null,
      minPoints: 100,
    },
  ],
};
const member = {
  id: crypto.randomUUID(),
  email: 'erika@example.de',
  memberNumber: '1234567890123456',
};
const signIn = () => saveAccount({ token: 'tok', member, needsSignIn: false });

beforeEach(async () => {
  await Promise.all([
    db.entries.clear(),
    db.outbox.clear(),
    db.balances.clear(),
    db.program.clear(),
  ]);
});

describe('parseDonationPoints (the form, same rule as the server)', () => {
  const cause = { minPoints: 100 };
  it('takes whole numbers from the minimum up to what is available', () => {
    expect(parseDonationPoints('100', cause, 500)).toEqual({ ok: true, points: 100 });
    expect(parseDonationPoints(' 500 ', cause, 500)).toEqual({ ok: true, points: 500 });
  });
  it('names what is wrong', () => {
    expect(parseDonationPoints('', cause, 500)).toEqual({ ok: false, code: 'empty' });
    expect(parseDonationPoints('99', cause, 500)).toMatchObject({ code: 'donation-below-minimum' });
    expect(parseDonationPoints('0', cause, 500)).toMatchObject({ code: 'invalid' });
    expect(parseDonationPoints('501', cause, 500)).toMatchObject({ code: 'insufficient-points' });
    for (const bad of ['-1', '1.5', '1e3', '0x10', '12a', '9'.repeat(20), '１００'])
      expect(parseDonationPoints(bad, cause, 10 ** 9)).toMatchObject({ ok: false });
  });
});

const spend = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: crypto.randomUUID(),
  kind: 'spend',
  partnerId: null,
  orderRef: null,
  amount: null,
  points: -100,
  status: 'confirmed',
  reason: 'spent',
  signals: [],
  createdAt: 1,
  ...over,
});

describe('donationsView', () => {
  it('totals confirmed donations only, not redemptions, and shows a pending one', () => {
    const v = donationsView(
      [
        spend({ causeId: 'trees', code: 'donation', points: -300 }),
        spend({ code: 'donation', points: -200 }), // from another device before causes were known
        spend({ rewardId: 'demo-shop-5', points: -500 }),
        spend({ causeId: 'trees', status: 'rejected', points: 0, code: 'unknown-cause' }),
      ],
      10,
    );
    expect(v.total).toBe(500);
    expect(v.pending).toBeUndefined();
    expect(v.refusal).toBeUndefined(); // the refused one is older than the newest
    const waiting = spend({
      causeId: 'trees',
      status: 'pending',
      reason: 'donating',
      createdAt: 5,
    });
    expect(donationsView([waiting], 10).pending).toBe(waiting);
    const refused = spend({
      causeId: 'trees',
      status: 'rejected',
      code: 'unknown-cause',
      createdAt: 5,
    });
    expect(donationsView([refused], 10).refusal).toBe('unknown-cause');
  });
});

describe('donatePoints (background)', () => {
  it('signed out, malformed, unknown cause, under the minimum, over the balance: nothing written', async () => {
    expect(await donatePoints({ causeId: 'trees', points: 100 })).toMatchObject({
      ok: false,
      error: 'errorSignInForProgram',
    });
    await signIn();
    await db.program.put({ id: 'causes', data: causes, fetchedAt: 1 });
    await db.balances.put({ id: 'me', available: 300, pending: 0 });
    expect(await donatePoints({ causeId: 'trees', points: 100, x: 1 })).toMatchObject({
      ok: false,
    });
    expect(await donatePoints({ causeId: 'Trees\u0000', points: 100 })).toMatchObject({
      ok: false,
    });
    expect(await donatePoints({ causeId: 'food', points: 100 })).toMatchObject({
      error: 'errorDonationCauseGone',
    });
    expect(await donatePoints({ causeId: 'trees', points: 99 })).toMatchObject({
      error: 'errorDonationBelowMinimum',
    });
    expect(await donatePoints({ causeId: 'trees', points: 301 })).toMatchObject({
      error: 'errorDonationTooMany',
    });
    for (const points of [1.5, -100, '100', 2 ** 53, null])
      expect(await donatePoints({ causeId: 'trees', points })).toMatchObject({
        error: 'errorDonationPoints',
      });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.entries.count()).toBe(0);
  });

  it('a pending entry and its op; a second request meanwhile answers the same op; the server settles it', async () => {
    await signIn();
    await db.program.put({ id: 'causes', data: causes, fetchedAt: 1 });
    await db.balances.put({ id: 'me', available: 300, pending: 0 });
    const reply = await donatePoints({ causeId: 'trees', points: 200 }, db, 1000);
    expect(reply).toMatchObject({ ok: true });
    const id = (reply as { opId: string }).opId;
    expect(await db.entries.get(id)).toMatchObject({
      kind: 'spend',
      status: 'pending',
      reason: 'donating',
      causeId: 'trees',
      points: -200,
    });
    expect((await db.outbox.get(id))?.op).toMatchObject({
      id,
      type: 'donate',
      causeId: 'trees',
      points: 200,
    });
    // The balances wait for the server's entry.
    expect((await db.balances.get('me'))?.available).toBe(300);
    expect(await donatePoints({ causeId: 'trees', points: 100 })).toEqual({ ok: true, opId: id });
    expect(await db.outbox.count()).toBe(1);

    const res: SyncResponse = {
      acks: [{ opId: id, status: 'accepted', seq: 7 }],
      changes: [
        {
          seq: 7,
          id,
          kind: 'spend',
          claimId: null,
          partnerId: null,
          orderRef: null,
          amount: null,
          points: -200,
          reason: null,
          code: 'donation',
          causeId: 'trees',
          at: new Date(2000).toISOString(),
        },
      ],
      cursor: 7,
      hasMore: false,
      balance: { available: 100, pending: 0 },
    };
    await applySyncResponse(db, res, 3000);
    expect(await db.entries.get(id)).toMatchObject({
      status: 'confirmed',
      code: 'donation',
      causeId: 'trees',
      points: -200,
      createdAt: 1000,
    });
    expect(await db.balances.get('me')).toMatchObject({ available: 100, pending: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect(donationsView(await db.entries.toArray(), 3000).total).toBe(200);
  });

  it('a refusal leaves the balance, costs nothing and shows its code', async () => {
    await signIn();
    await db.program.put({ id: 'causes', data: causes, fetchedAt: 1 });
    await db.balances.put({ id: 'me', available: 300, pending: 0 });
    const id = (
      (await donatePoints({ causeId: 'trees', points: 200 }, db, 1000)) as { opId: string }
    ).opId;
    await applySyncResponse(
      db,
      {
        acks: [{ opId: id, status: 'rejected', code: 'unknown-cause', reason: 'No cause "trees"' }],
        changes: [],
        cursor: 0,
        hasMore: false,
        balance: { available: 300, pending: 0 },
      },
      2000,
    );
    expect(await db.entries.get(id)).toMatchObject({
      status: 'rejected',
      code: 'unknown-cause',
      points: 0,
    });
    expect(await db.balances.get('me')).toMatchObject({ available: 300, pending: 0 });
    expect(donationsView(await db.entries.toArray(), 2000).refusal).toBe('unknown-cause');
  });
});

describe('the activity line of a donation', () => {
  const lookup = {
    name: (id: string) => id,
    causeName: (id: string) => (id === 'trees' ? 'Plant trees' : undefined),
  };
  it('a receipt once confirmed, what it is for while waiting, in English and German', () => {
    useLocale('en');
    const done = spend({ causeId: 'trees', code: 'donation', points: -500 });
    expect(programEntryTitle(done, lookup)).toBe('Donated 500 points to Plant trees');
    expect(entryText(done)).toMatchObject({
      status: 'Confirmed',
      reason: 'Thank you for your gift to this cause',
    });
    const waiting = spend({
      causeId: 'trees',
      status: 'pending',
      reason: 'donating',
      points: -500,
    });
    expect(programEntryTitle(waiting, lookup)).toBe('Donation to Plant trees');
    expect(entryText(waiting).status).toBe('Donating…');
    // From another device before the causes were fetched, or a cause no longer listed.
    expect(
      programEntryTitle(spend({ causeId: 'gone', code: 'donation', points: -5 }), lookup),
    ).toBe('Donated 5 points to a cause');
    useLocale('de');
    expect(programEntryTitle(done, lookup)).toBe('500 Punkte für „Plant trees“ gespendet');
  });

  it('a refusal says why and that nothing was deducted, never speaking of a reward', () => {
    useLocale('en');
    const refused = (code: LedgerEntry['code']) =>
      entryText(
        spend({
          causeId: 'trees',
          status: 'rejected',
          reason: 'rejected-by-server',
          points: 0,
          code,
        }),
      );
    expect(refused('insufficient-points').reason).toBe(
      'You do not have that many available points. No points were deducted.',
    );
    expect(refused('donation-below-minimum').reason).toBe(
      "This donation is below the cause's minimum. No points were deducted.",
    );
    expect(refused('unknown-cause').reason).toBe(
      'This cause no longer takes donations. No points were deducted.',
    );
    useLocale('de');
    expect(refused('insufficient-points').reason).toBe(
      'So viele verfügbare Punkte hast du nicht. Es wurden keine Punkte abgezogen.',
    );
  });
});
