import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  checkNotifications,
  setupNotifications,
} from '../../../entrypoints/background/notifications';
import type { ServerEntry } from '../../../utils/contract';
import { LedgerDb, type LedgerEntry, recordClaim } from '../../../utils/ledger';
import { DEFAULT_NOTIFY_PREFS, type NotifyPrefs } from '../../../utils/notify/prefs';
import { forgetCachedCatalogue } from '../../../utils/partners/stored';
import { STORAGE_KEYS } from '../../../utils/storage-keys';
import { applySyncResponse } from '../../../utils/sync';
import { useLocale } from '../i18n-fake';
import { demoClaim, demoPartner } from '../ledger-fixtures';
import { serverEntry } from '../sync/shared';

const BERLIN = 'Europe/Berlin';
const NOON = Date.UTC(2026, 10, 23, 11, 0); // 12:00 in Berlin
const NIGHT = Date.UTC(2026, 10, 23, 23, 30); // 00:30 in Berlin
let db: LedgerDb;
let seq = 0;
const at = (now: number) => ({ db, now: () => now, timeZone: () => BERLIN });
const shown = async () => Object.values(await fakeBrowser.notifications.getAll());

beforeEach(async () => {
  db = new LedgerDb(`notify-${crypto.randomUUID()}`);
  await db.open();
  forgetCachedCatalogue();
  useLocale('en');
});

const setPrefs = (p: Partial<NotifyPrefs>) =>
  fakeBrowser.storage.local.set({ [STORAGE_KEYS.notifyPrefs]: { ...DEFAULT_NOTIFY_PREFS, ...p } });

/** A purchase recorded here and accepted by the server, pending its partner. */
async function pendingPurchase(order: string): Promise<LedgerEntry> {
  const { entry } = await recordClaim(db, demoClaim(order, 3050), demoPartner);
  const server = serverEntry(++seq, 'claim', { id: entry.id, partnerId: 'demo-shop', points: 61 });
  await applySyncResponse(
    db,
    {
      acks: [{ opId: entry.id, status: 'accepted', seq: server.seq }],
      changes: [server],
      cursor: seq,
      hasMore: false,
      balance: { available: 0, pending: 61 },
    },
    NOON,
  );
  return entry;
}

/** The partner's confirmation arriving with a sync. */
async function confirm(...claims: LedgerEntry[]): Promise<void> {
  const changes: ServerEntry[] = claims.map((c) =>
    serverEntry(++seq, 'confirm', { claimId: c.id, partnerId: 'demo-shop', points: 61 }),
  );
  const balance = { available: 61 * claims.length, pending: 0 };
  await applySyncResponse(db, { acks: [], changes, cursor: seq, hasMore: false, balance }, NOON);
}

describe('background notifications', () => {
  it('a confirmation applied by a sync gives exactly one notification, with what the user gets', async () => {
    const claim = await pendingPurchase('A-1');
    await checkNotifications(at(NOON)); // the first look is a baseline
    await confirm(claim);
    await checkNotifications(at(NOON));
    await checkNotifications(at(NOON + 60_000)); // and looking again adds nothing
    expect(await shown()).toEqual([
      {
        type: 'basic',
        iconUrl: '/icon/128.png',
        title: 'Points confirmed',
        message: 'Demo Shop confirmed your purchase: +61 points.',
      },
    ]);
  });

  it('hears the ledger write itself (no call from the sync code needed)', async () => {
    const claim = await pendingPurchase('A-2');
    const notifier = setupNotifications({ ...at(NOON), ready: async () => true });
    await notifier.idle();
    await confirm(claim);
    await notifier.idle();
    expect((await shown()).map((n) => n.title)).toEqual(['Points confirmed']);
  });

  it('several confirmed in one sync: one notification for all of them', async () => {
    const a = await pendingPurchase('B-1');
    const b = await pendingPurchase('B-2');
    await checkNotifications(at(NOON));
    await confirm(a, b);
    await checkNotifications(at(NOON));
    expect((await shown()).map((n) => n.message)).toEqual(['2 purchases confirmed: +122 points.']);
  });

  it('during quiet hours across midnight: none, and none later for the same confirmation', async () => {
    const claim = await pendingPurchase('C-1');
    await checkNotifications(at(NIGHT));
    await confirm(claim);
    await checkNotifications(at(NIGHT));
    await checkNotifications(at(NOON + 86_400_000)); // next day, 12:00
    expect(await shown()).toEqual([]);
  });

  it('with the day’s cap reached: none', async () => {
    await setPrefs({ dailyCap: 1 });
    const a = await pendingPurchase('D-1');
    const b = await pendingPurchase('D-2');
    await checkNotifications(at(NOON));
    await confirm(a);
    await checkNotifications(at(NOON));
    await confirm(b);
    await checkNotifications(at(NOON + 60_000));
    expect(await shown()).toHaveLength(1);
  });

  it('with the one switch off: none', async () => {
    await setPrefs({ enabled: false });
    const claim = await pendingPurchase('E-1');
    await checkNotifications(at(NOON));
    await confirm(claim);
    await checkNotifications(at(NOON));
    expect(await shown()).toEqual([]);
  });

  it('the first look ever announces nothing that happened before it', async () => {
    const claim = await pendingPurchase('F-1');
    await confirm(claim);
    await checkNotifications(at(NOON));
    expect(await shown()).toEqual([]);
  });

  it('an emptied ledger (all data deleted) leaves nothing of its own in storage.local', async () => {
    const claim = await pendingPurchase('H-1');
    await checkNotifications(at(NOON));
    expect(await fakeBrowser.storage.local.get(STORAGE_KEYS.notifyState)).not.toEqual({});
    await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear())));
    await checkNotifications(at(NOON));
    expect(await fakeBrowser.storage.local.get(STORAGE_KEYS.notifyState)).toEqual({});
    expect(claim.id).toBeTruthy();
  });

  it('a purchase recorded here, when switched on, says by when it is usually confirmed', async () => {
    await setPrefs({ events: { ...DEFAULT_NOTIFY_PREFS.events, recorded: true } });
    await checkNotifications(at(NOON));
    await recordClaim(db, demoClaim('G-1', 3050), demoPartner, { now: NOON });
    await checkNotifications(at(NOON));
    const [n] = await shown();
    expect(n?.title).toBe('Purchase recorded');
    // Demo Shop's bundled window: 14 days.
    expect(n?.message).toBe(
      'Demo Shop: about 61 points on the way, usually confirmed by Dec 7, 2026.',
    );
  });

  it('an activated coupon about to end is announced once; one held back by quiet hours comes in the morning', async () => {
    const coupon = {
      id: 'tenfold',
      kind: 'multiplier' as const,
      multiplier: 10,
      bonusPoints: null,
      minAmount: null,
      maxExtraPoints: null,
      partnerId: 'demo-shop',
      validFrom: '2026-11-01T00:00:00.000Z',
      validUntil: '2026-11-25T10:00:00.000Z',
      state: 'activated' as const,
      activatedAt: '2026-11-20T10:00:00.000Z',
    };
    await db.program.put({ id: 'coupons', data: { coupons: [coupon] }, fetchedAt: NOON });
    await checkNotifications(at(NIGHT));
    expect(await shown()).toEqual([]);
    const morning = Date.UTC(2026, 10, 24, 8, 0); // 09:00 in Berlin
    await checkNotifications(at(morning));
    await checkNotifications(at(morning + 3_600_000));
    expect((await shown()).map((n) => n.message)).toEqual([
      'Your activated coupon “10× points at Demo Shop” ends on Nov 25, 2026.',
    ]);
  });

  it('points about to expire: one notification per expiry day, within two weeks, never more than the balance', async () => {
    const program = (expiring: { date: string; points: number }[]) =>
      db.program.put({
        id: 'program',
        data: { tiers: [], member: {}, expiring } as never,
        fetchedAt: NOON,
      });
    await db.balances.put({ id: 'me', available: 100, pending: 0 });
    // 23 Nov 2026, noon: 5 Dec is 12 days away, 31 Dec 38.
    await program([
      { date: '2026-12-05', points: 120 },
      { date: '2026-12-31', points: 40 },
    ]);
    await checkNotifications(at(NOON));
    await checkNotifications(at(NOON + 3_600_000));
    expect((await shown()).map((n) => [n.title, n.message])).toEqual([
      ['Expires soon', '100 points expire on Dec 5, 2026'],
    ]);
    // Turned off: the next day's look shows nothing new either way.
    await setPrefs({ events: { ...DEFAULT_NOTIFY_PREFS.events, expiring: false } });
    await program([{ date: '2026-12-06', points: 50 }]);
    await checkNotifications(at(NOON + 86_400_000));
    expect(await shown()).toHaveLength(1);
  });
});
