import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDiscrepancies } from '../../server/services/ledger';
import { syncMember } from '../../server/services/sync';
import { ClaimOp, SyncResponse } from '../../utils/contract';
import { claimOp, createTestContext, entryCount, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('POST /v1/sync', () => {
  it('accepts a claim as pending with estimated points and returns it as a change', async () => {
    const { token } = await ctx.signIn();
    const op = claimOp({ total: { minor: 1999, currency: 'EUR' } });
    const { status, body } = await ctx.sync(token, { cursor: 0, ops: [op] });
    expect(status).toBe(200);
    SyncResponse.parse(body);
    expect(body.acks).toEqual([{ opId: op.id, status: 'accepted', seq: expect.any(Number) }]);
    expect(body.changes).toHaveLength(1);
    // 19.99 EUR × 2 points per EUR = floor(39.98) = 39
    expect(body.changes[0]).toMatchObject({
      id: op.id,
      kind: 'claim',
      points: 39,
      partnerId: 'demo-shop',
    });
    expect(body.balance).toEqual({ available: 0, pending: 39 });
    expect(body.cursor).toBe(body.changes[0]!.seq);
    expect(body.hasMore).toBe(false);
  });

  it('is idempotent: the same op 5× concurrently and 5× in sequence makes one entry and one ack', async () => {
    const { token, member } = await ctx.signIn();
    const op = claimOp();
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => ctx.sync(token, { cursor: 0, ops: [op] })),
    );
    const sequential = [];
    for (let i = 0; i < 5; i++) sequential.push(await ctx.sync(token, { cursor: 0, ops: [op] }));
    const acks = [...concurrent, ...sequential].map((r) => r.body.acks[0]);
    expect(new Set(acks.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(acks[0]).toMatchObject({ status: 'accepted' });
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM entries WHERE member_id = ${member.id}`.execute(ctx.db);
    expect(rows[0]!.n).toBe(1);
    // The same op twice inside one request is also applied once.
    const twice = await ctx.sync(token, { cursor: 0, ops: [op, op] });
    expect(twice.body.acks[0]).toEqual(twice.body.acks[1]);
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it("keeps a second member's claim of an order as contested; the same member twice is a duplicate", async () => {
    const a = await ctx.signIn();
    const b = await ctx.signIn();
    const orderRef = `SHARED-${randomUUID()}`;
    const [ra, rb] = await Promise.all([
      ctx.sync(a.token, { cursor: 0, ops: [claimOp({ orderRef })] }),
      ctx.sync(b.token, { cursor: 0, ops: [claimOp({ orderRef })] }),
    ]);
    // Both are stored: claiming first decides nothing (ownership.test.ts).
    expect([ra.body.acks[0]!.status, rb.body.acks[0]!.status]).toEqual(['accepted', 'accepted']);
    const c = await ctx.signIn();
    const rc = await ctx.sync(c.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    expect(rc.body.changes[0]).toMatchObject({ kind: 'claim', code: 'contested' });
    // Same member, new op id, same order: a duplicate.
    const again = await ctx.sync(a.token, { cursor: 0, ops: [claimOp({ orderRef })] });
    expect(again.body.acks[0]).toMatchObject({ code: 'duplicate-order' });
    // A re-sent rejected op keeps its rejection.
    const resent = await ctx.sync(a.token, {
      cursor: 0,
      ops: [{ ...claimOp({ orderRef }), id: again.body.acks[0]!.opId }],
    });
    expect(resent.body.acks[0]).toEqual(again.body.acks[0]);
    expect(await ledgerDiscrepancies(ctx.db)).toEqual([]);
  });

  it('rejects unknown partners and invalid ops one by one, keeping the rest of the batch', async () => {
    const { token } = await ctx.signIn();
    const good = claimOp();
    const unknown = claimOp({ partnerId: 'no-such-shop' });
    const bad = { ...claimOp(), claim: { partnerId: 'demo-shop', orderRef: '' } };
    const { status, body } = await ctx.sync(token, { cursor: 0, ops: [good, unknown, bad] });
    expect(status).toBe(200);
    expect(body.acks.map((a) => (a.status === 'accepted' ? 'accepted' : a.code))).toEqual([
      'accepted',
      'unknown-partner',
      'invalid',
    ]);
    // Re-sending the invalid op returns the same rejection.
    const again = await ctx.sync(token, { cursor: 0, ops: [bad] });
    expect(again.body.acks[0]).toEqual(body.acks[2]);
  });

  it('enforces the hourly claim limit per member and partner', async () => {
    const { token } = await ctx.signIn();
    await sql`UPDATE partners SET member_claims_per_hour = 3 WHERE id = 'book-corner'`.execute(
      ctx.db,
    );
    try {
      const ops = Array.from({ length: 5 }, () => claimOp({ partnerId: 'book-corner' }));
      const { body } = await ctx.sync(token, { cursor: 0, ops });
      expect(body.acks.map((a) => (a.status === 'accepted' ? 'ok' : a.code))).toEqual([
        'ok',
        'ok',
        'ok',
        'claim-limit',
        'claim-limit',
      ]);
      // Other partners are not affected.
      const other = await ctx.sync(token, { cursor: 0, ops: [claimOp()] });
      expect(other.body.acks[0]!.status).toBe('accepted');
    } finally {
      await sql`UPDATE partners SET member_claims_per_hour = 20 WHERE id = 'book-corner'`.execute(
        ctx.db,
      );
    }
  });

  it('pages changes after the cursor in seq order with hasMore', async () => {
    const { member } = await ctx.signIn();
    const ops = Array.from({ length: 7 }, () => ClaimOp.parse(claimOp()));
    await syncMember(
      ctx.db,
      member.id,
      0,
      ops.map((op) => ({ id: op.id, sentId: op.id, op })),
      { claimsPerMemberHour: 100 },
    );
    const seen: number[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const page = await syncMember(ctx.db, member.id, cursor, [], {
        claimsPerMemberHour: 100,
        pageSize: 3,
      });
      seen.push(...page.changes.map((c) => c.seq));
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) break;
    }
    expect(seen).toHaveLength(7);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(pages).toBe(3);
    const empty = await syncMember(ctx.db, member.id, cursor, [], { claimsPerMemberHour: 100 });
    expect(empty).toMatchObject({ changes: [], cursor, hasMore: false });
  });

  it('answers an empty poll from the balances row alone (EXPLAIN shows no ledger scan)', async () => {
    const { member, token } = await ctx.signIn();
    await ctx.sync(token, { cursor: 0, ops: [claimOp()] });
    // Tiny test tables tempt the planner into sequential scans, so they are
    // switched off (in one transaction: one pooled connection) to show which
    // index each query can use. The query readBalance() runs for an empty poll:
    const plans = await ctx.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const explain = async (q: ReturnType<typeof sql>) =>
        (await q.execute(trx)).rows.map((r) => Object.values(r as object)[0]).join('\n');
      return {
        poll: await explain(sql`EXPLAIN SELECT available, pending, lifetime, qualifying, last_seq
          FROM balances WHERE member_id = ${member.id}`),
        page: await explain(
          sql`EXPLAIN SELECT * FROM entries WHERE member_id = ${member.id} AND seq > 0 ORDER BY seq LIMIT 501`,
        ),
      };
    });
    expect(plans.poll).toMatch(/Index Scan using balances_pkey/);
    expect(plans.poll).not.toMatch(/entries/);
    // The page query, when there is something new, uses the (member_id, seq) index.
    expect(plans.page).toMatch(/entries_member_seq/);
  });

  it('refuses a malformed envelope as a whole with 422 and the failing fields', async () => {
    const { token } = await ctx.signIn();
    const before = await entryCount(ctx);
    const res = await ctx.post(
      '/v1/sync',
      { cursor: -1, ops: 'nope' },
      { authorization: `Bearer ${token}` },
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['cursor', 'ops']);
    const noId = await ctx.post(
      '/v1/sync',
      { cursor: 0, ops: [{ type: 'claim' }] },
      { authorization: `Bearer ${token}` },
    );
    expect(noId.status).toBe(422);
    expect(await entryCount(ctx)).toBe(before);
  });
});
