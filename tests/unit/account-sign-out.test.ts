import { beforeEach, describe, expect, it, vi } from 'vitest';
import { signOut } from '../../entrypoints/background/account';
import { requestSync } from '../../entrypoints/background/sync';
import { loadAccount, saveAccount } from '../../utils/account/storage';
import { ledgerDb, readBalance, recordClaim } from '../../utils/ledger';
import { forgetCachedCatalogue } from '../../utils/partners/stored';
import { demoClaim, demoPartner } from './ledger-fixtures';

// The background's sync runner, replaced: each test says what a sync achieves.
vi.mock('../../entrypoints/background/sync', () => ({ requestSync: vi.fn(async () => null) }));
vi.mock('../../entrypoints/background/catalogue-refresh', () => ({
  refreshCatalogue: vi.fn(async () => 'unchanged'),
}));

const partner = demoPartner;
const claim = (orderRef: string) => demoClaim(orderRef, 5450);
const member = {
  id: crypto.randomUUID(),
  email: 'erika@example.de',
  memberNumber: '1234567890123456',
};

const db = ledgerDb();
let revoked: string[];

beforeEach(async () => {
  forgetCachedCatalogue();
  await Promise.all([db.entries.clear(), db.outbox.clear(), db.balances.clear(), db.meta.clear()]);
  vi.mocked(requestSync).mockReset().mockResolvedValue(null);
  revoked = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      revoked.push(`${url.pathname} ${new Headers(init.headers).get('authorization')}`);
      return new Response(null, { status: 204 });
    }),
  );
  await saveAccount({ token: 'tok-1', member, needsSignIn: false });
});

describe('signOut', () => {
  it('everywhere: asks the server to revoke every token; unreachable, it changes nothing', async () => {
    const bodies: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: URL, init: RequestInit) => {
        bodies.push((init.body as string | undefined) ?? null);
        throw new TypeError('Failed to fetch');
      }),
    );
    const reply = await signOut({ everywhere: true });
    expect(reply).toMatchObject({ ok: false, error: 'errorSignOutEverywhere' });
    expect(bodies).toEqual([JSON.stringify({ everywhere: true })]);
    expect((await loadAccount()).token).toBe('tok-1');
    // Reachable: revoked everywhere, then signed out.
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: URL, init: RequestInit) => {
        bodies.push((init.body as string | undefined) ?? null);
        return new Response(null, { status: 204 });
      }),
    );
    expect(await signOut({ everywhere: true })).toEqual({ ok: true });
    expect(bodies.at(-1)).toBe(JSON.stringify({ everywhere: true }));
    expect((await loadAccount()).token).toBeUndefined();
    expect(await signOut({ everywhere: 'yes' })).toMatchObject({ ok: false });
  });

  it('with nothing unsent: revokes the token, deletes local data, signs out', async () => {
    await db.entries.add({
      id: crypto.randomUUID(),
      kind: 'bonus',
      partnerId: null,
      orderRef: null,
      amount: null,
      points: 500,
      status: 'confirmed',
      reason: 'bonus',
      signals: [],
      createdAt: 1,
    });
    await db.meta.put({ id: 'sync', cursor: 9, failures: 0 });
    expect(await signOut(undefined)).toEqual({ ok: true });
    expect(revoked).toEqual(['/v1/auth/signout Bearer tok-1']);
    expect(await db.entries.count()).toBe(0);
    expect(await db.meta.get('sync')).toBeUndefined();
    const account = await loadAccount();
    expect([account.token, account.member]).toEqual([undefined, undefined]);
  });

  it('sends what waits first; sent, nothing is left to warn about', async () => {
    await recordClaim(db, claim('PP-100123'), partner);
    vi.mocked(requestSync).mockImplementation(async () => {
      await db.outbox.clear(); // the server acknowledged it
      return { status: 'synced', pushed: 1, pulled: 0, rounds: 1, programChanged: false };
    });
    expect(await signOut({})).toEqual({ ok: true });
    expect(requestSync).toHaveBeenCalledWith({ force: true });
    expect((await loadAccount()).token).toBeUndefined();
  });

  it('with a purchase not sent: deletes nothing and names it', async () => {
    const { entry } = await recordClaim(db, claim('PP-100123'), partner);
    const reply = await signOut(undefined);
    expect(requestSync).toHaveBeenCalledWith({ force: true });
    expect(reply).toEqual({
      ok: false,
      error: 'errorUnsent',
      unsent: [
        {
          id: entry.id,
          partnerId: 'demo-shop',
          partnerName: 'Demo Shop',
          orderRef: 'PP-100123',
          points: 109,
        },
      ],
    });
    expect(revoked).toEqual([]);
    expect(await db.entries.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect(await loadAccount()).toMatchObject({ token: 'tok-1', member });
  });

  it('keep: signs out, keeping only the unsent purchase and its op', async () => {
    const { entry } = await recordClaim(db, claim('PP-100123'), partner);
    await db.entries.add({ ...entry, id: crypto.randomUUID(), claimKey: 'other', serverSeq: 3 });
    expect(await signOut({ unsent: 'keep' })).toEqual({ ok: true });
    expect(revoked).toEqual(['/v1/auth/signout Bearer tok-1']);
    expect((await db.entries.toArray()).map((e) => e.id)).toEqual([entry.id]);
    expect((await db.outbox.toArray()).map((o) => o.id)).toEqual([entry.id]);
    expect(await readBalance(db)).toEqual({ id: 'me', available: 0, pending: 109, unsent: 109 });
    const account = await loadAccount();
    expect([account.token, account.member, account.needsSignIn]).toEqual([
      undefined,
      undefined,
      false,
    ]);
  });

  it('refuses a malformed request without touching anything', async () => {
    await recordClaim(db, claim('PP-100123'), partner);
    expect(await signOut({ unsent: 'drop' })).toMatchObject({ ok: false, error: 'errorGeneric' });
    expect(await signOut({ unsent: 'keep', extra: 1 })).toMatchObject({ ok: false });
    expect(await signOut('keep')).toMatchObject({ ok: false });
    expect(requestSync).not.toHaveBeenCalled();
    expect(await db.outbox.count()).toBe(1);
    expect((await loadAccount()).token).toBe('tok-1');
  });
});
