/**
 * Runs inside an extension page of the built e2e extension (bundled by
 * bench/ext-page.ts and evaluated there), so the writes go to the
 * extension's own IndexedDB through the ledger's real code (LedgerDb with
 * its schema and hooks, recordClaim). Exposed as globalThis.ppBench.
 * Not a bench file itself: bench/run.ts only discovers bench/*.ts.
 */
import type { Claim, Partner } from '../../utils/contract';
import { categoryOf } from '../../utils/ledger/activity-filter';
import { EMPTY_BALANCE, LedgerDb, type LedgerEntry, type OutboxRow } from '../../utils/ledger/db';
import { balanceFromEntries } from '../../utils/ledger/queries';
import { recordClaim } from '../../utils/ledger/record-claim';

const PARTNER = {
  id: 'demo-shop',
  name: 'Demo Shop',
  domains: ['127.0.0.1'],
  earn: { pointsPerUnit: 2, currency: 'EUR' },
} as unknown as Partner;

const claimOf = (orderRef: string, at: number): Claim => ({
  partnerId: PARTNER.id,
  orderRef,
  total: { minor: 4999, currency: 'EUR' },
  detectedAt: new Date(at).toISOString(),
  signals: ['jsonld', 'datalayer'],
  conflicts: [],
});

/** The entry and op recordClaim writes, for the raw variants (same size, same keys). */
function shapeOf(id: string, orderRef: string, at: number) {
  const claim = claimOf(orderRef, at);
  const entry: LedgerEntry = {
    id,
    kind: 'claim',
    partnerId: claim.partnerId,
    orderRef,
    amount: claim.total,
    points: 99,
    status: 'pending',
    reason: 'awaiting-sync',
    signals: claim.signals,
    createdAt: at,
    claimKey: `${claim.partnerId}\u0000${orderRef}`,
  };
  entry.category = categoryOf(entry);
  const outbox: OutboxRow = {
    id,
    op: { id, type: 'claim', createdAt: claim.detectedAt, claim },
    createdAt: at,
    attempts: 0,
  };
  return { entry, outbox };
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
const result = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

function openPlain(name: string): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('plain', { keyPath: 'id' });
  return result(open);
}

type Variant = (i: number) => Promise<unknown>;

/**
 * Each variant once per write, in rounds of `round` writes per variant, the
 * order of the variants rotated every round (no variant always runs first
 * or after the same neighbour). Returns per-variant times in ms.
 */
export async function writes(opts: { n: number; warm: number; round: number; tag: string }) {
  const ledger = new LedgerDb(`bench-ledger-${opts.tag}`);
  const before = new LedgerDb(`bench-ledger-before-${opts.tag}`);
  const mirror = new LedgerDb(`bench-ledger-raw-${opts.tag}`);
  await ledger.open();
  await before.open();
  await mirror.open();
  const raw = mirror.backendDB();
  const plain = await openPlain(`bench-plain-${opts.tag}`);
  const t0 = Date.UTC(2026, 0, 1);
  const variants: Record<string, Variant> = {
    // The background's write for a detected purchase (utils/ledger/record-claim.ts).
    ledger: (i) => recordClaim(ledger, claimOf(`L-${i}`, t0 + i), PARTNER, { now: t0 + i }),
    // The same write as it was before issue 16: each of the five requests awaited in turn.
    'ledger, before': (i) => {
      const { entry, outbox } = shapeOf(`b-${i}`, `B-${i}`, t0 + i);
      return before.transaction('rw', before.entries, before.balances, before.outbox, async () => {
        if (await before.entries.get({ claimKey: entry.claimKey })) return;
        await before.entries.add(entry);
        const bal = (await before.balances.get('me')) ?? EMPTY_BALANCE;
        await before.balances.put({
          ...bal,
          pending: bal.pending + 99,
          unsent: (bal.unsent ?? 0) + 99,
        });
        await before.outbox.add(outbox);
      });
    },
    // The floor: one put of an entry-sized record into a store without indexes.
    put: async (i) => {
      const tx = plain.transaction('plain', 'readwrite');
      tx.objectStore('plain').put(shapeOf(`p-${i}`, `P-${i}`, t0 + i).entry);
      await done(tx);
    },
    // recordClaim's four requests in raw IndexedDB (the adds and the balance read
    // together, then the balance put): what the write costs without Dexie.
    'raw, same requests': async (i) => {
      const { entry, outbox } = shapeOf(`q-${i}`, `Q-${i}`, t0 + i);
      const tx = raw.transaction(['entries', 'balances', 'outbox'], 'readwrite');
      const balances = tx.objectStore('balances');
      const [, , got] = await Promise.all([
        result(tx.objectStore('entries').add(entry)),
        result(tx.objectStore('outbox').add(outbox)),
        result(balances.get('me')),
      ]);
      const bal = got ?? EMPTY_BALANCE;
      balances.put({ ...bal, pending: bal.pending + 99, unsent: (bal.unsent ?? 0) + 99 });
      await done(tx);
    },
    // One put into the ledger's entries store (its 11 indexes), nothing else.
    'raw put, entries store': async (i) => {
      const tx = raw.transaction('entries', 'readwrite');
      tx.objectStore('entries').put(shapeOf(`e-${i}`, `E-${i}`, t0 + i).entry);
      await done(tx);
    },
  };
  const names = Object.keys(variants);
  const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  let i = 0;
  for (let r = 0; i < opts.warm + opts.n; r++) {
    const order = names.map((_, k) => names[(k + r) % names.length]!);
    for (const name of order) {
      for (let j = 0; j < opts.round; j++) {
        const s = performance.now();
        await variants[name]!(i + j);
        if (i + j >= opts.warm) times[name]!.push(performance.now() - s);
      }
    }
    i += opts.round;
  }
  // Sanity: every ledger write really landed, with its balance and op.
  const [entries, outbox, balance] = await Promise.all([
    ledger.entries.count(),
    ledger.outbox.count(),
    ledger.balances.get('me'),
  ]);
  ledger.close();
  before.close();
  mirror.close();
  plain.close();
  return { times, entries, outbox, pending: balance?.pending ?? 0 };
}

const PARTNERS = ['demo-shop', 'book-corner', 'green-grocer', 'travel-hub'];

/**
 * Fills the extension's ledger ('pointpilot-ledger') with `count` synced
 * entries, one every 3 hours up to now: purchases (confirmed, the last two
 * weeks' pending, some refused), bonuses and donations. The balance row is
 * recomputed from them, as the sync keeps it. Returns the balance.
 */
export async function seed(count: number) {
  const db = new LedgerDb();
  const now = Date.now();
  const rows: LedgerEntry[] = Array.from({ length: count }, (_, i) => {
    const createdAt = now - (count - i) * 3 * 3_600_000;
    const recent = now - createdAt < 14 * 86_400_000;
    const shape = i % 20;
    const e: LedgerEntry = {
      id: crypto.randomUUID(),
      kind: 'claim',
      partnerId: PARTNERS[i % PARTNERS.length]!,
      orderRef: `O-${i}`,
      amount: { minor: 1000 + i, currency: 'EUR' },
      points: 20,
      status: shape === 0 ? 'rejected' : recent ? 'pending' : 'confirmed',
      reason:
        shape === 0 ? 'cancelled-by-partner' : recent ? 'awaiting-partner' : 'confirmed-by-partner',
      signals: ['jsonld'],
      createdAt,
      serverSeq: i + 1,
      claimKey: `${PARTNERS[i % PARTNERS.length]}\u0000O-${i}`,
    };
    if (shape === 5)
      return {
        ...e,
        kind: 'bonus',
        partnerId: null,
        orderRef: null,
        amount: null,
        claimKey: undefined,
        reason: 'bonus',
        status: 'confirmed',
      };
    if (shape === 6)
      return {
        ...e,
        kind: 'spend',
        partnerId: null,
        orderRef: null,
        amount: null,
        claimKey: undefined,
        points: -50,
        reason: 'spent',
        status: 'confirmed',
        // A donation (a spend that is no redemption): the member never redeemed, so
        // Home's first-steps card still looks for a redemption.
        code: 'donation' as LedgerEntry['code'],
        causeId: 'plant-trees',
      };
    return e;
  });
  await db.transaction('rw', db.entries, db.balances, db.meta, async () => {
    await db.entries.bulkAdd(rows);
    const bal = await balanceFromEntries(db);
    await db.balances.put({ ...EMPTY_BALANCE, ...bal });
    await db.meta.put({ id: 'sync', cursor: count, failures: 0, lastSyncAt: now });
  });
  const balance = (await db.balances.get('me'))!;
  db.close();
  return balance;
}
