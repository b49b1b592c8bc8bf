import { beforeEach, describe, expect, it } from 'vitest';
import { clearLedgerForSignOut, LedgerDb, readBalance, recordClaim } from '../../utils/ledger';
import { recordMissingClaim } from '../../utils/ledger/record-missing-claim';
import { demoClaim, demoPartner } from './ledger-fixtures';

const report = (orderRef: string) => ({
  partnerId: demoPartner.id,
  orderRef,
  purchasedOn: '2026-11-20',
  amount: { minor: 5990, currency: 'EUR' },
});

let db: LedgerDb;
beforeEach(async () => {
  db = new LedgerDb(`missing-${crypto.randomUUID()}`);
  await db.open();
});

describe('a reported missing purchase in the local ledger', () => {
  it('is a pending claim with its points and one missing-claim op', async () => {
    const r = await recordMissingClaim(db, report('PP-LOST'), demoPartner, { now: 1000 });
    expect(r.status).toBe('recorded');
    expect(r.entry).toMatchObject({ kind: 'claim', status: 'pending', points: 119 });
    expect((await db.outbox.toArray()).map((o) => o.op.type)).toEqual(['missing-claim']);
    expect((await readBalance(db)).pending).toBe(119);
  });

  it('is refused for an order already claimed, detected or reported, writing nothing', async () => {
    await recordClaim(db, demoClaim('PP-SEEN', 4200), demoPartner);
    const twice = await Promise.all([
      recordMissingClaim(db, report('PP-SEEN'), demoPartner),
      recordMissingClaim(db, report('PP-LOST'), demoPartner),
      recordMissingClaim(db, report('PP-LOST'), demoPartner),
    ]);
    expect(twice.map((r) => r.status).sort()).toEqual(['duplicate', 'duplicate', 'recorded']);
    expect(await db.entries.count()).toBe(2);
    expect(await db.outbox.count()).toBe(2);
  });

  it('survives a sign-out like a detected purchase (named among the unsent)', async () => {
    await recordMissingClaim(db, report('PP-LOST'), demoPartner);
    const kept = await clearLedgerForSignOut(db);
    expect(kept.map((u) => u.orderRef)).toEqual(['PP-LOST']);
    expect((await db.outbox.toArray()).map((o) => o.op.type)).toEqual(['missing-claim']);
  });
});
