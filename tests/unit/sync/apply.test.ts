import { beforeEach, describe, expect, it } from 'vitest';
import type { EntryCode, ServerEntry, SyncResponse } from '../../../utils/contract';
import { balanceFromEntries, LedgerDb, readBalance, recordClaim } from '../../../utils/ledger';
import { applySyncResponse } from '../../../utils/sync';
import { demoClaim, demoPartner } from '../ledger-fixtures';
import { serverEntry } from './shared';

const partner = demoPartner;
const claim = (orderRef: string, minor = 5000) => demoClaim(orderRef, minor);

let db: LedgerDb;
let seq: number;
beforeEach(async () => {
  db = new LedgerDb(`apply-${crypto.randomUUID()}`);
  await db.open();
  seq = 0;
});

/** One server entry, as the server would send it (next seq). */
const entry = (kind: ServerEntry['kind'], fields: Parameters<typeof serverEntry>[2] = {}) =>
  serverEntry(++seq, kind, fields);

const apply = (
  changes: ServerEntry[],
  balance: SyncResponse['balance'],
  acks: SyncResponse['acks'] = [],
) => applySyncResponse(db, { acks, changes, cursor: seq, hasMore: false, balance }, 1000);

/** A local claim the server has accepted, as its own `claim` entry (optionally with a code). */
async function acceptedClaim(orderRef: string, code?: EntryCode) {
  const { entry: local } = await recordClaim(db, claim(orderRef), partner);
  const server = entry('claim', {
    id: local.id,
    partnerId: 'demo-shop',
    orderRef,
    amount: local.amount,
    points: local.points,
    ...(code ? { code } : {}),
  });
  await apply([server], { available: 0, pending: local.points }, [
    { opId: local.id, status: 'accepted', seq: server.seq },
  ]);
  return local;
}

async function expectBalanceMatchesEntries() {
  const stored = await readBalance(db);
  expect(await balanceFromEntries(db)).toEqual({
    available: stored.available,
    pending: stored.pending,
  });
}

describe('applySyncResponse: refusals and history', () => {
  it('a refused op keeps its rejection code; its refusal entry from the server adds nothing twice', async () => {
    const { entry: local } = await recordClaim(db, claim('PP-9'), partner);
    const refusal = entry('refusal', {
      id: local.id,
      partnerId: 'demo-shop',
      orderRef: 'PP-9',
      code: 'refused',
      refusal: 'claim-limit',
      reason: 'Too many purchases claimed in the last hour',
    });
    await apply([refusal], { available: 0, pending: 0 }, [
      { opId: local.id, status: 'rejected', code: 'claim-limit', reason: 'x' },
    ]);
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'rejected',
      reason: 'rejected-by-server',
      code: 'claim-limit',
    });
    expect(await db.entries.count()).toBe(1);
    await expectBalanceMatchesEntries();
  });

  it('after signing in again, refusals come back rejected, dated when they happened', async () => {
    const occurredAt = '2026-11-20T08:30:00.000Z';
    const refusal = entry('refusal', {
      partnerId: null,
      orderRef: 'PP-7',
      refusal: 'unknown-partner',
      code: 'refused',
      at: '2026-11-23T10:00:00.000Z',
      occurredAt,
    });
    await apply([refusal], { available: 0, pending: 0 });
    expect(await db.entries.get(refusal.id)).toMatchObject({
      kind: 'refusal',
      status: 'rejected',
      code: 'unknown-partner',
      points: 0,
      createdAt: Date.parse(occurredAt),
    });
    expect((await db.entries.get(refusal.id))?.claimKey).toBeUndefined();
  });
});

describe('applySyncResponse: entry codes', () => {
  it('shows a welcome-pending bonus as pending, with its own reason', async () => {
    const bonus = entry('bonus', { points: 500, reason: 'Welcome bonus', code: 'welcome-pending' });
    await apply([bonus], { available: 0, pending: 500 });
    expect(await db.entries.get(bonus.id)).toMatchObject({
      kind: 'bonus',
      status: 'pending',
      reason: 'welcome-pending',
      points: 500,
      detail: 'Welcome bonus',
    });
    expect(await readBalance(db)).toMatchObject({ available: 0, pending: 500 });
    await expectBalanceMatchesEntries();
  });

  it('releases the welcome bonus: confirmed, as a bonus, not "confirmed by the partner"', async () => {
    // As the server words them: the pending note must not outlive the release.
    const bonus = entry('bonus', {
      points: 500,
      reason: 'Welcome bonus: available after your first confirmed purchase',
      code: 'welcome-pending',
    });
    const purchase = await acceptedClaim('PP-1');
    await apply([bonus], { available: 0, pending: 500 + purchase.points });
    const confirm = entry('confirm', { claimId: purchase.id, points: purchase.points });
    const release = entry('confirm', {
      claimId: bonus.id,
      points: 500,
      reason: 'Welcome bonus',
      code: 'welcome-released',
    });
    await apply([confirm, release], { available: 500 + purchase.points, pending: 0 });
    expect(await db.entries.get(bonus.id)).toMatchObject({
      status: 'confirmed',
      reason: 'bonus',
      points: 500,
      detail: 'Welcome bonus',
    });
    expect(await db.entries.get(purchase.id)).toMatchObject({
      status: 'confirmed',
      reason: 'confirmed-by-partner',
    });
    // The confirm entries settle the entries they name; they are no lines of their own.
    expect(await db.entries.get(release.id)).toBeUndefined();
    expect(await db.entries.count()).toBe(2);
    await expectBalanceMatchesEntries();
  });

  it('a not-buyer rejection has its own reason, not "cancelled by the partner"', async () => {
    const local = await acceptedClaim('PP-2');
    const reject = entry('reject', {
      claimId: local.id,
      reason: 'confirmed for another member',
      code: 'not-buyer',
    });
    await apply([reject], { available: 0, pending: 0 });
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'rejected',
      reason: 'not-buyer',
      detail: 'confirmed for another member',
    });
    await expectBalanceMatchesEntries();
  });

  it('a contested claim stays pending with its own reason, then settles as usual', async () => {
    const local = await acceptedClaim('PP-3', 'contested');
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'pending',
      reason: 'contested',
      serverSeq: 1,
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await readBalance(db)).toMatchObject({ pending: local.points, unsent: 0 });
    await expectBalanceMatchesEntries();

    await apply([entry('confirm', { claimId: local.id, points: local.points })], {
      available: local.points,
      pending: 0,
    });
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'confirmed',
      reason: 'confirmed-by-partner',
    });
  });

  it('a contested claim from another device of the member is added pending, contested', async () => {
    const other = entry('claim', {
      partnerId: 'demo-shop',
      orderRef: 'PP-4',
      points: 100,
      code: 'contested',
    });
    await apply([other], { available: 0, pending: 100 });
    expect(await db.entries.get(other.id)).toMatchObject({
      status: 'pending',
      reason: 'contested',
    });
  });

  it('a contested code never reopens a claim that is already settled', async () => {
    const local = await acceptedClaim('PP-5');
    await apply([entry('confirm', { claimId: local.id, points: local.points })], {
      available: local.points,
      pending: 0,
    });
    // A repeat of the claim entry (same id), now marked contested.
    await apply(
      [
        {
          ...entry('claim', { id: local.id, partnerId: 'demo-shop', orderRef: 'PP-5' }),
          points: local.points,
          code: 'contested',
        },
      ],
      { available: local.points, pending: 0 },
    );
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'confirmed',
      reason: 'confirmed-by-partner',
    });
  });
});

describe('applySyncResponse: entries without a code behave as before', () => {
  it('claim → awaiting the partner; confirm → confirmed by the partner', async () => {
    const local = await acceptedClaim('PP-10');
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'pending',
      reason: 'awaiting-partner',
    });
    await apply(
      [
        entry('confirm', {
          claimId: local.id,
          points: 120,
          amount: { minor: 6000, currency: 'EUR' },
        }),
      ],
      { available: 120, pending: 0 },
    );
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'confirmed',
      reason: 'confirmed-by-partner',
      points: 120,
      amount: { minor: 6000, currency: 'EUR' },
    });
    await expectBalanceMatchesEntries();
  });

  it('reject → cancelled by the partner, with its words', async () => {
    const local = await acceptedClaim('PP-11');
    await apply([entry('reject', { claimId: local.id, reason: 'Order cancelled' })], {
      available: 0,
      pending: 0,
    });
    expect(await db.entries.get(local.id)).toMatchObject({
      status: 'rejected',
      reason: 'cancelled-by-partner',
      detail: 'Order cancelled',
    });
  });

  it('bonus → available at once; a claim from another device → awaiting the partner', async () => {
    const bonus = entry('bonus', { points: 500, reason: 'Welcome bonus' });
    const other = entry('claim', { partnerId: 'demo-shop', orderRef: 'PP-12', points: 80 });
    await apply([bonus, other], { available: 500, pending: 80 });
    expect(await db.entries.get(bonus.id)).toMatchObject({
      status: 'confirmed',
      reason: 'bonus',
      detail: 'Welcome bonus',
    });
    expect(await db.entries.get(other.id)).toMatchObject({
      status: 'pending',
      reason: 'awaiting-partner',
    });
    await expectBalanceMatchesEntries();
  });
});
