import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies } from '../../server/services/ledger';
import { pruneRejectedOps } from '../../server/services/op-store';
import { syncMember } from '../../server/services/sync';
import { ClaimOp, SyncResponse } from '../../utils/contract';
import { buyerProof, claimOp, createTestContext, entryCount, type TestContext } from './helpers';

/**
 * Issue 9, defect 3: one malformed op answered the whole batch with 500,
 * forever. Every value below was contract-valid and broke the database; now
 * each is refused for its own op while the valid ops of the batch are applied.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const poisons: [string, Record<string, unknown>][] = [
  ['U+0000 in conflicts', { conflicts: ['price \u0000 differs'] }],
  ['a lone surrogate in orderRef', { orderRef: `PP-\uD83D` }],
  ['a lone low surrogate in conflicts', { conflicts: ['\uDC00'] }],
  ['points that overflow an integer', { total: { minor: 100_000_000_000, currency: 'EUR' } }],
  ['more points than the partner cap', { total: { minor: 6_000_000, currency: 'EUR' } }],
];

describe('poison ops', () => {
  for (const [name, claim] of poisons) {
    it(`refuses ${name} for that op alone and applies the rest of the batch`, async () => {
      const { token } = await ctx.signIn();
      const before = claimOp();
      const poison = claimOp(claim);
      const after = claimOp();
      const res = await ctx.sync(token, { cursor: 0, ops: [before, poison, after] });
      expect(res.status).toBe(200);
      expect(res.body.acks.map((a) => a.status)).toEqual(['accepted', 'rejected', 'accepted']);
      expect(res.body.acks[1]).toMatchObject({ opId: poison.id });
      const claims = res.body.changes.filter((c) => c.kind === 'claim');
      expect(claims.map((c) => c.id).sort()).toEqual([before.id, after.id].sort());
      // Re-sent, it gets the same answer (a client retrying is never stuck).
      const again = await ctx.sync(token, { cursor: 0, ops: [poison] });
      expect(again.body.acks[0]).toEqual(res.body.acks[1]);
    });
  }

  it('answers an op id in upper case under the id as sent, once', async () => {
    const { token } = await ctx.signIn();
    const op = claimOp({}, randomUUID().toUpperCase());
    const first = await ctx.sync(token, { cursor: 0, ops: [op] });
    expect(first.status).toBe(200);
    expect(first.body.acks).toEqual([{ opId: op.id, status: 'accepted', seq: expect.any(Number) }]);
    const lower = await ctx.sync(token, { cursor: 0, ops: [{ ...op, id: op.id.toLowerCase() }] });
    expect(lower.body.acks[0]).toEqual({ ...first.body.acks[0]!, opId: op.id.toLowerCase() });
    expect(first.body.changes.filter((c) => c.kind === 'claim')).toHaveLength(1);
    // Even the one upper-case id zod's UUID check alone refuses (the max UUID).
    const max = claimOp({}, 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF');
    const res = await ctx.sync(token, { cursor: 0, ops: [claimOp(), max] });
    expect(res.status).toBe(200);
    expect(res.body.acks[1]).toMatchObject({ opId: max.id });
    // … and that answer still fits the contract the extension parses it with.
    expect(SyncResponse.safeParse(res.body).success).toBe(true);
  });

  it('rejects, alone, an op the database refuses even when the contract let it through', async () => {
    const { member } = await ctx.signIn();
    const good = ClaimOp.parse(claimOp());
    // Bypasses the route's contract check, as a future contract gap would.
    const bad = ClaimOp.parse(claimOp());
    bad.claim.conflicts = ['\u0000'];
    const res = await syncMember(
      ctx.db,
      member.id,
      0,
      [
        { id: bad.id, sentId: bad.id, op: bad },
        { id: good.id, sentId: good.id, op: good },
      ],
      { claimsPerMemberHour: 100 },
    );
    expect(res.acks.map((a) => a.status)).toEqual(['rejected', 'accepted']);
    expect(res.acks[0]).toMatchObject({ code: 'invalid' });
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('refuses signed webhooks with U+0000 or a lone surrogate in eventId, or an overflowing amount, with 422', async () => {
    const m = await ctx.signIn();
    const op = claimOp();
    await ctx.sync(m.token, { cursor: 0, ops: [op] });
    const n = await entryCount(ctx);
    const base = {
      event: 'confirm',
      orderRef: op.claim.orderRef,
      buyer: buyerProof(m.member.email),
    };
    for (const event of [
      { ...base, eventId: 'evt\u0000' },
      { ...base, eventId: '\uD800' },
      { ...base, eventId: randomUUID(), amount: { minor: 100_000_000_000, currency: 'EUR' } },
      { ...base, eventId: randomUUID(), amount: { minor: 1e300, currency: 'EUR' } },
      { event: 'cancel', orderRef: op.claim.orderRef, eventId: randomUUID(), reason: 'x\u0000' },
    ]) {
      const res = await ctx.webhook('demo-shop', event);
      expect(res.status, JSON.stringify(event)).toBe(422);
    }
    expect(await entryCount(ctx)).toBe(n);
  });

  it('prunes rejected op rows after the retention period, keeping accepted ones', async () => {
    const { token, member } = await ctx.signIn();
    const good = claimOp();
    const bad = claimOp({ partnerId: 'no-such-partner' });
    await ctx.sync(token, { cursor: 0, ops: [good, bad] });
    await sql`UPDATE ops SET created_at = now() - interval '31 days'
      WHERE member_id = ${member.id}`.execute(ctx.db);
    expect(await pruneRejectedOps(ctx.db, 30)).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ id: string }>`SELECT id FROM ops
      WHERE member_id = ${member.id}`.execute(ctx.db);
    expect(rows.map((r) => r.id)).toEqual([good.id]);
  });
});
