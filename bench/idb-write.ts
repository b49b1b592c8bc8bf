/**
 * The ledger write in real Chromium IndexedDB: recordClaim (pending entry,
 * balance and outbox op in one transaction, what the background does for a
 * detected purchase) inside a page of the built e2e extension, beside one
 * raw IndexedDB put of an entry-sized record into a plain store of another
 * database, and, to show where the difference goes, the write as it was
 * before issue 16, recordClaim's requests in raw IndexedDB and one raw put
 * into the ledger's indexed entries store. Interleaved in rounds, after a warm-up;
 * median and p95 per write (each awaited until its transaction completed).
 *
 *   npx tsx bench/run.ts idb-write
 */

import { ensureE2eBuild, extensionBrowser, median, p95 } from './ext-page';
import type { Row } from './run';

const N = Number(process.env.IDB_BENCH_WRITES ?? 2000);
const WARM = 100;
const ROUND = 50;

export async function benchIdbWrite(): Promise<Row[]> {
  ensureE2eBuild();
  const browser = await extensionBrowser();
  try {
    const page = await browser.benchPage();
    const run = await page.evaluate((o) => globalThis.ppBench.writes(o), {
      n: N,
      warm: WARM,
      round: ROUND,
      tag: String(Date.now()),
    });
    const total = WARM + N;
    if (run.entries !== total || run.outbox !== total)
      throw new Error(`ledger wrote ${run.entries} entries / ${run.outbox} ops, not ${total}`);
    const floor = median(run.times.put!);
    const ms = (x: number) => `${x.toFixed(3)} ms`;
    const what: Record<string, string> = {
      ledger: 'ledger write: recordClaim (entry + balance + outbox, one transaction, Dexie)',
      'ledger, before': 'the same write as before issue 16 (five requests awaited in turn, Dexie)',
      put: 'baseline: one raw put, plain store, separate database',
      'raw, same requests': 'recordClaim’s four requests in raw IndexedDB (no Dexie)',
      'raw put, entries store': 'one raw put into the ledger’s entries store (11 indexes)',
    };
    return Object.entries(run.times).map(([k, xs]) => ({
      write: what[k] ?? k,
      median: ms(median(xs)),
      p95: ms(p95(xs)),
      'median ÷ raw put': `${(median(xs) / floor).toFixed(2)}×`,
      writes: xs.length,
    }));
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchIdbWrite());
}
