import { beforeEach, describe, expect, it } from 'vitest';
import type { RejectCode, ServerEntry, SyncRequest, SyncResponse } from '../../../utils/contract';
import {
  answeredSurveyIds,
  balanceFromEntries,
  clearLedgerForSignOut,
  LedgerDb,
  putSurveyDraft,
  readBalance,
  recordClaim,
  recordSurveyOp,
  surveyDraft,
  unsentClaimCount,
  unsentPurchases,
} from '../../../utils/ledger';
import { applySyncResponse, runSync, SyncError, type SyncTransport } from '../../../utils/sync';
import { demoClaim, demoPartner } from '../ledger-fixtures';
import { welcome } from '../survey-fixtures';
import { FakeServer } from './fake-server';
import { expectAgreement, serverEntry } from './shared';

let db: LedgerDb;
let seq: number;
beforeEach(async () => {
  db = new LedgerDb(`apply-survey-${crypto.randomUUID()}`);
  await db.open();
  seq = 0;
});

const entry = (kind: ServerEntry['kind'], fields: Parameters<typeof serverEntry>[2] = {}) =>
  serverEntry(++seq, kind, fields);

const apply = (
  changes: ServerEntry[],
  balance: SyncResponse['balance'],
  acks: SyncResponse['acks'] = [],
) => applySyncResponse(db, { acks, changes, cursor: seq, hasMore: false, balance }, 1000);

/** The welcome survey answered on this device: its pending entry and op. */
const answer = (surveyId = 'welcome') =>
  recordSurveyOp(db, {
    surveyId,
    answers: { usage: 'often' },
    points: 50,
    partnerId: null,
    title: welcome.definition.title,
  });

async function expectBalanceMatchesEntries() {
  const stored = await readBalance(db);
  expect(await balanceFromEntries(db)).toEqual({
    available: stored.available,
    pending: stored.pending,
  });
}

describe('applySyncResponse: survey rewards and badges', () => {
  it("the server's 'survey' entry credits the local one; the same change twice credits once", async () => {
    const { entry: local } = await answer();
    await expectBalanceMatchesEntries(); // pending and sending: worth nothing yet
    const credit = entry('survey', { id: local.id, points: 50, surveyId: 'welcome' });
    const out = await apply([credit], { available: 50, pending: 0 }, [
      { opId: local.id, status: 'accepted', seq: credit.seq },
    ]);
    expect(out.programChanged).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.entries.toArray()).toEqual([
      expect.objectContaining({
        id: local.id,
        kind: 'survey',
        status: 'confirmed',
        reason: 'survey-rewarded',
        points: 50,
        surveyId: 'welcome',
        serverSeq: credit.seq,
        createdAt: local.createdAt,
        surveyTitle: welcome.definition.title,
      }),
    ]);
    expect(await readBalance(db)).toMatchObject({ available: 50, pending: 0 });
    // A repeated page (a lost answer, a retried pull): nothing more.
    await apply([credit, credit], { available: 50, pending: 0 });
    expect(await db.entries.count()).toBe(1);
    expect(await readBalance(db)).toMatchObject({ available: 50, pending: 0 });
    await expectBalanceMatchesEntries();
    expect(await answeredSurveyIds(db)).toEqual(new Set(['welcome']));
  });

  it('the server credits other points than listed: its figure wins', async () => {
    const { entry: local } = await answer();
    const credit = entry('survey', { id: local.id, points: 30, surveyId: 'welcome' });
    await apply([credit], { available: 30, pending: 0 }, [
      { opId: local.id, status: 'accepted', seq: credit.seq },
    ]);
    expect(await db.entries.get(local.id)).toMatchObject({ points: 30, status: 'confirmed' });
    await expectBalanceMatchesEntries();
  });

  it('the accepted ack alone keeps it pending and sending; its entry may come on a later page', async () => {
    const { entry: local } = await answer();
    const { entry: claim } = await recordClaim(db, demoClaim('PP-1', 3450), demoPartner);
    await apply([], { available: 0, pending: 0 }, [{ opId: local.id, status: 'accepted', seq: 7 }]);
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'pending',
      reason: 'survey-sending',
      serverSeq: 7,
    });
    // The claim still waits to be sent: its 69 points stay pending, untouched by the survey's 50.
    expect(await readBalance(db)).toMatchObject({ available: 0, pending: 69, unsent: 69 });
    expect(await db.outbox.get(claim.id)).toBeDefined();
    await expectBalanceMatchesEntries();
  });

  it('its entry before its ack (the ack answered late): the unsent claims are not touched', async () => {
    const { entry: local } = await answer();
    await recordClaim(db, demoClaim('PP-1', 3450), demoPartner);
    const credit = entry('survey', { id: local.id, points: 50, surveyId: 'welcome' });
    await apply([credit], { available: 50, pending: 0 });
    await apply([], { available: 50, pending: 0 }, [
      { opId: local.id, status: 'accepted', seq: credit.seq },
    ]);
    expect(await readBalance(db)).toMatchObject({ available: 50, pending: 69, unsent: 69 });
    await expectBalanceMatchesEntries();
  });

  const refusals: RejectCode[] = [
    'unknown-survey',
    'survey-closed',
    'survey-not-for-you',
    'survey-already-answered',
    'invalid-answer',
  ];
  for (const code of refusals) {
    it(`a refused survey (${code}) is rejected with its code, 0 points, and the list refreshed`, async () => {
      await apply([entry('bonus', { points: 100 })], { available: 100, pending: 0 });
      const { entry: local } = await answer();
      const out = await apply([], { available: 100, pending: 0 }, [
        { opId: local.id, status: 'rejected', code, reason: 'refused' },
      ]);
      expect(out.programChanged).toBe(true);
      expect(await db.entries.get(local.id)).toMatchObject({
        kind: 'survey',
        status: 'rejected',
        reason: 'rejected-by-server',
        code,
        points: 0,
      });
      expect(await db.outbox.count()).toBe(0);
      expect(await readBalance(db)).toMatchObject({ available: 100, pending: 0 });
      await expectBalanceMatchesEntries();
      expect(await answeredSurveyIds(db)).toEqual(new Set());
    });
  }

  it('a survey answered on another device (or before signing in here) is added, credited', async () => {
    const credit = entry('survey', { points: 50, surveyId: 'welcome' });
    const out = await apply([credit], { available: 50, pending: 0 });
    expect(out.programChanged).toBe(true);
    expect(await db.entries.get(credit.id)).toMatchObject({
      kind: 'survey',
      status: 'confirmed',
      reason: 'survey-rewarded',
      points: 50,
      surveyId: 'welcome',
    });
    expect(await answeredSurveyIds(db)).toEqual(new Set(['welcome']));
    // This device knows it is answered: a submit here returns that entry, no second op.
    expect((await answer()).status).toBe('answered');
    expect(await db.outbox.count()).toBe(0);
    await expectBalanceMatchesEntries();
  });

  it('a badge is added once, confirmed, worth nothing; it refreshes the survey stats', async () => {
    const badge = entry('badge', { badge: 'first-survey' });
    const out = await apply([badge, badge], { available: 0, pending: 0 });
    expect(out.programChanged).toBe(true);
    await apply([badge], { available: 0, pending: 0 });
    expect(await db.entries.toArray()).toEqual([
      expect.objectContaining({
        id: badge.id,
        kind: 'badge',
        badge: 'first-survey',
        status: 'confirmed',
        reason: 'badge-earned',
        points: 0,
      }),
    ]);
    await expectBalanceMatchesEntries();
  });

  it('a confirmed purchase refreshes the surveys (it may bring an after-purchase survey)', async () => {
    const { entry: claim } = await recordClaim(db, demoClaim('PP-1', 3450), demoPartner);
    const c = entry('claim', { id: claim.id, points: 69, partnerId: 'demo-shop' });
    expect(
      (
        await apply([c], { available: 0, pending: 69 }, [
          { opId: claim.id, status: 'accepted', seq: c.seq },
        ])
      ).programChanged,
    ).toBe(false);
    const confirm = entry('confirm', { claimId: claim.id, points: 69, partnerId: 'demo-shop' });
    expect((await apply([confirm], { available: 69, pending: 0 })).programChanged).toBe(true);
  });
});

describe('runSync: surveys end to end (fake server)', () => {
  let server: FakeServer;
  const deps = (transport: SyncTransport = server) => ({
    db,
    transport,
    now: () => 1_000_000,
    random: () => 0.5,
  });
  beforeEach(() => {
    server = new FakeServer();
    server.surveys.set('welcome', { points: 50 });
  });

  it('answered once: credited once with a first-survey badge; a second op (another device) earns nothing', async () => {
    const { entry: local } = await answer();
    server.duplicateChanges = true;
    expect(await runSync(deps())).toMatchObject({ status: 'synced', programChanged: true });
    expect(await db.entries.get(local.id)).toMatchObject({ status: 'confirmed', points: 50 });
    expect((await db.entries.where('kind').equals('badge').toArray()).map((e) => e.badge)).toEqual([
      'first-survey',
    ]);
    expect((await readBalance(db)).available).toBe(50);
    await expectAgreement(db, server);

    // Another device's op for the same survey (this device would not make one).
    const other = crypto.randomUUID();
    const op = {
      id: other,
      type: 'survey-answer' as const,
      createdAt: new Date(1_000_000).toISOString(),
      surveyId: 'welcome',
      answers: { usage: 'rarely' },
    };
    const res = await server.sync({ cursor: 0, ops: [op] });
    expect(res.acks).toEqual([expect.objectContaining({ code: 'survey-already-answered' })]);
    await runSync(deps());
    expect((await readBalance(db)).available).toBe(50);
    expect(await db.entries.where('kind').equals('survey').count()).toBe(1);
    await expectAgreement(db, server);
  });

  it('a survey op the server refuses as malformed (4xx) is rejected alone; the claims behind it keep their points', async () => {
    const { entry: local } = await answer();
    await recordClaim(db, demoClaim('PP-1', 3450), demoPartner);
    let offline = true;
    const picky: SyncTransport = {
      sync: (req: SyncRequest) =>
        req.ops.some((o) => o.type === 'survey-answer')
          ? Promise.reject(new SyncError('request', 'server answered 422', 422))
          : offline
            ? Promise.reject(new SyncError('offline', 'down'))
            : server.sync(req),
    };
    expect((await runSync(deps(picky))).status).toBe('failed');
    expect(await db.entries.get(local.id)).toMatchObject({ status: 'rejected', points: 0 });
    // The claim waits, its 69 points pending and unsent: the refused survey took nothing from them.
    expect(await readBalance(db)).toMatchObject({ available: 0, pending: 69, unsent: 69 });
    await expectBalanceMatchesEntries();
    offline = false;
    await runSync(deps(picky));
    expect(await db.outbox.count()).toBe(0);
    await expectAgreement(db, server);
  });
});

describe('sign-out and the unsent check', () => {
  it('clears drafts and drops an unsent survey; only purchases are kept and counted', async () => {
    await putSurveyDraft(db, {
      surveyId: 'other',
      answers: { usage: 'often' },
      at: 'usage',
      updatedAt: 1,
    });
    await answer();
    const { entry: claim } = await recordClaim(db, demoClaim('PP-1', 3450), demoPartner);
    expect(await unsentClaimCount(db)).toBe(1);
    expect((await unsentPurchases(db)).map((u) => u.id)).toEqual([claim.id]);
    const kept = await clearLedgerForSignOut(db);
    expect(kept.map((u) => u.id)).toEqual([claim.id]);
    expect(await surveyDraft(db, 'other')).toBeUndefined();
    expect(await db.surveyDrafts.count()).toBe(0);
    expect((await db.entries.toArray()).map((e) => e.kind)).toEqual(['claim']);
    expect((await db.outbox.toArray()).map((r) => r.op.type)).toEqual(['claim']);
    expect(await readBalance(db)).toMatchObject({ available: 0, pending: 69, unsent: 69 });
    await expectBalanceMatchesEntries();
  });
});
