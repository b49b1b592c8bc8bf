import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SerialPGliteDialect } from './pglite-dialect';
import type { Database, Db } from './schema';

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const MEMORY = 'memory://';

/**
 * A real PostgreSQL server when `databaseUrl` is given, else embedded PGlite in
 * `dataDir` (or in memory for `memory://`). Both speak the same SQL.
 */
export async function connect(opts: { databaseUrl?: string; dataDir?: string }): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      // int8 as number like PGlite does; sequence numbers and point sums stay far below 2^53.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle pooled connection can die (server restart, admin termination);
    // the pool drops it and the next query opens a new one. Without a listener
    // the 'error' event would crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dataDir = opts.dataDir ?? MEMORY;
  if (!dataDir.startsWith(MEMORY)) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir });
  const db = new Kysely<Database>({ dialect: new SerialPGliteDialect(client) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
