import type { Transaction } from 'kysely';
import type { Database, Db } from './schema';

export type Tx = Transaction<Database>;

// serialization_failure, deadlock_detected: PostgreSQL asks us to try again.
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `fn` in a transaction, retrying a few times when PostgreSQL aborts it
 * for a deadlock (two members' batches claiming overlapping orders in a
 * different order can do that) so clients do not see a 500 for it.
 */
export async function inTx<T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
