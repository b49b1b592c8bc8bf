import { sql } from 'kysely';
import { migrations as all, type Migration } from './migrations';
import type { Db } from './schema';

// Any constant: serialises start-up migrations of several server instances.
const MIGRATION_LOCK = 727_001;

/**
 * Applies the migrations not yet recorded in schema_migrations, each in its own
 * transaction together with its record, so a failing migration leaves the
 * database exactly as it was (PostgreSQL DDL is transactional). Returns the
 * versions applied now.
 */
export async function migrate(db: Db, migrations: Migration[] = all): Promise<number[]> {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const applied: number[] = [];
  for (const m of sorted) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version int PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`.execute(trx);
      const seen = await trx
        .selectFrom('schema_migrations')
        .select('version')
        .where('version', '=', m.version)
        .executeTakeFirst();
      if (seen) return false;
      for (const statement of m.statements) {
        try {
          await sql.raw(statement).execute(trx);
        } catch (err) {
          throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, {
            cause: err,
          });
        }
      }
      await trx
        .insertInto('schema_migrations')
        .values({ version: m.version, name: m.name })
        .execute();
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
