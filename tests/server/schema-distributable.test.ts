import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citusStatements, DISTRIBUTION } from '../../server/db/distribution';
import { type CatalogTable, distributionProblems } from '../../server/db/distribution-check';
import { migrate } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import type { Db } from '../../server/db/schema';
import { createTestDb } from './helpers';

/**
 * Issue 16: the schema stays distributable on Citus (docs/scale-citus.md).
 * The migrated catalog is checked against the one table map in
 * server/db/distribution.ts: every table classified, every key of a
 * member-scoped table led by the member id, no foreign key across members.
 */

/**
 * Rules Citus cannot keep inside one member's shard, each needing a global
 * look-up table first (docs/scale-citus.md, "Known gaps"). Listed exactly: a
 * new problem fails the test, and so does a gap that was closed but not
 * removed from this list.
 */
const KNOWN_GAPS = [
  'members: unique key members_email_key (email) does not start with the member column id',
  'members: unique key members_member_number_key (member_number) does not start with the member column id',
  'members: unique key members_referral_code (referral_code) does not start with the member column id',
  'referrals: unique key referrals_normalized_email_key (normalized_email) does not start with the member column referred_id',
];

async function readCatalog(db: Db): Promise<CatalogTable[]> {
  const tables = await sql<{ name: string; columns: string[] }>`
    SELECT c.relname AS name,
      (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`.execute(db);
  // Key columns only (INCLUDE columns do not make a row unique); attnum 0 is an expression.
  const uniques = await sql<{
    table: string;
    name: string;
    primary: boolean;
    columns: (string | null)[];
  }>`
    SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary,
      (SELECT json_agg(a.attname ORDER BY k.n) FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
        LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE k.n <= x.indnkeyatts) AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND x.indisunique`.execute(db);
  const fks = await sql<{
    table: string;
    name: string;
    ref_table: string;
    columns: string[];
    ref_columns: string[];
  }>`
    SELECT t.relname AS table, c.conname AS name, r.relname AS ref_table,
      (SELECT json_agg(a.attname ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
      (SELECT json_agg(a.attname ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND c.contype = 'f'`.execute(db);
  return tables.rows.map((t) => ({
    name: t.name,
    columns: t.columns,
    uniques: uniques.rows
      .filter((u) => u.table === t.name)
      .map((u) => ({ name: u.name, primary: u.primary, columns: u.columns })),
    foreignKeys: fks.rows
      .filter((f) => f.table === t.name)
      .map((f) => ({
        name: f.name,
        columns: f.columns,
        refTable: f.ref_table,
        refColumns: f.ref_columns,
      })),
  }));
}

let handle: Awaited<ReturnType<typeof createTestDb>>;
let catalog: CatalogTable[];

beforeAll(async () => {
  handle = await createTestDb();
  catalog = await readCatalog(handle.db);
});
afterAll(() => handle?.close());

describe('the schema is distributable (Citus)', () => {
  it('reads a whole catalog: every table, its keys and its foreign keys', () => {
    // Guards the reader itself: an empty or half-read catalog would pass everything.
    const entries = catalog.find((t) => t.name === 'entries');
    expect(entries?.columns).toContain('member_id');
    expect(entries?.uniques.some((u) => u.primary)).toBe(true);
    expect(entries?.foreignKeys.length).toBeGreaterThan(0);
    expect(catalog.length).toBeGreaterThanOrEqual(Object.keys(DISTRIBUTION).length);
  });

  it('every table is classified, every member key starts with the member id, no foreign key crosses members', () => {
    expect(distributionProblems(catalog, DISTRIBUTION).sort()).toEqual([...KNOWN_GAPS].sort());
  });

  it('every map entry yields one Citus call, each after the tables its foreign keys point to', () => {
    const calls = citusStatements();
    const tables = Object.keys(DISTRIBUTION);
    expect(calls).toHaveLength(tables.length);
    const at = (table: string) =>
      calls.findIndex((c) => c.includes(`('${table}',`) || c.includes(`('${table}')`));
    for (const table of tables) expect(at(table), table).toBeGreaterThanOrEqual(0);
    for (const t of catalog) {
      for (const fk of t.foreignKeys) {
        if (fk.refTable !== t.name) expect(at(fk.refTable), fk.name).toBeLessThan(at(t.name));
      }
    }
    expect(calls).toContain(
      "SELECT create_distributed_table('entries', 'member_id', colocate_with => 'members');",
    );
    expect(calls).toContain("SELECT create_reference_table('partners');");
  });

  it('docs/scale-citus.md lists the same calls', () => {
    const doc = readFileSync(new URL('../../docs/scale-citus.md', import.meta.url), 'utf8');
    for (const call of citusStatements()) expect(doc).toContain(call);
  });
});

describe('the check itself fails a schema that is not distributable', () => {
  // A made-up schema with one of each mistake: the check must name every one.
  const bad: CatalogTable[] = [
    {
      name: 'members',
      columns: ['id'],
      uniques: [{ name: 'members_pkey', primary: true, columns: ['id'] }],
      foreignKeys: [],
    },
    {
      name: 'gifts',
      columns: ['id', 'member_id', 'to_member_id', 'entry_id'],
      uniques: [
        { name: 'gifts_pkey', primary: true, columns: ['id'] },
        { name: 'gifts_member_entry', primary: false, columns: ['entry_id', 'member_id'] },
        { name: 'gifts_lower', primary: false, columns: [null, 'member_id'] },
      ],
      foreignKeys: [
        { name: 'gifts_to', columns: ['to_member_id'], refTable: 'members', refColumns: ['id'] },
        { name: 'gifts_entry', columns: ['entry_id'], refTable: 'ledger', refColumns: ['id'] },
        {
          name: 'gifts_swapped',
          columns: ['entry_id', 'member_id'],
          refTable: 'ledger',
          refColumns: ['member_id', 'id'],
        },
      ],
    },
    {
      name: 'ledger',
      columns: ['member_id', 'id'],
      uniques: [{ name: 'ledger_pkey', primary: true, columns: ['member_id', 'id'] }],
      foreignKeys: [],
    },
    {
      name: 'prizes',
      columns: ['id', 'winner'],
      uniques: [{ name: 'prizes_pkey', primary: true, columns: ['id'] }],
      foreignKeys: [
        { name: 'prizes_winner', columns: ['winner'], refTable: 'members', refColumns: ['id'] },
      ],
    },
    {
      name: 'vouchers',
      columns: ['code', 'member_id'],
      uniques: [{ name: 'vouchers_member', primary: false, columns: ['member_id'] }],
      foreignKeys: [
        { name: 'vouchers_owner', columns: ['member_id'], refTable: 'members', refColumns: ['id'] },
      ],
    },
    { name: 'stray', columns: ['x'], uniques: [], foreignKeys: [] },
  ];
  const map = {
    members: { kind: 'member', column: 'id' },
    gifts: { kind: 'member', column: 'member_id' },
    ledger: { kind: 'member', column: 'member_id' },
    prizes: { kind: 'reference', why: 'test' },
    vouchers: { kind: 'global', column: 'code', why: 'test' },
    gone: { kind: 'reference', why: 'dropped long ago' },
  } as const;

  it('names every mistake', () => {
    expect(distributionProblems(bad, map).sort()).toEqual(
      [
        'gone: in the table map but not in the schema',
        'stray: not classified in server/db/distribution.ts',
        'gifts: primary key gifts_pkey (id) does not start with the member column member_id',
        'gifts: unique key gifts_member_entry (entry_id, member_id) does not start with the member column member_id',
        'gifts: unique key gifts_lower (<expression>, member_id) does not start with the member column member_id',
        'gifts: foreign key gifts_to (to_member_id) -> members(id) crosses members: it does not join member_id to members.id',
        'gifts: foreign key gifts_entry (entry_id) -> ledger(id) crosses members: it does not join member_id to ledger.member_id',
        'gifts: foreign key gifts_swapped (entry_id, member_id) -> ledger(member_id, id) crosses members: it does not join member_id to ledger.member_id',
        'prizes: foreign key prizes_winner (winner) -> members(id): a reference table points to a member table',
        'vouchers: has no primary key',
        'vouchers: unique key vouchers_member (member_id) does not hold the distribution column code',
        'vouchers: foreign key vouchers_owner (member_id) -> members(id): a global table points to a member table',
      ].sort(),
    );
  });

  it('passes the same tables once they are keyed by member', () => {
    const good: CatalogTable[] = [
      bad[0]!,
      bad[2]!,
      {
        name: 'gifts',
        columns: ['id', 'member_id', 'entry_id'],
        uniques: [{ name: 'gifts_pkey', primary: true, columns: ['member_id', 'id'] }],
        foreignKeys: [
          { name: 'gifts_member', columns: ['member_id'], refTable: 'members', refColumns: ['id'] },
          {
            name: 'gifts_entry',
            columns: ['member_id', 'entry_id'],
            refTable: 'ledger',
            refColumns: ['member_id', 'id'],
          },
        ],
      },
    ];
    expect(
      distributionProblems(good, { members: map.members, gifts: map.gifts, ledger: map.ledger }),
    ).toEqual([]);
  });
});

describe('migration 011 re-keys a live database in place', () => {
  it('keeps every row, and gives each lot use the member of its lot', async () => {
    const db = await createTestDb({ migrate: false });
    try {
      await migrate(
        db.db,
        migrations.filter((m) => m.version < 11),
      );
      const [a, b] = ['a', 'b'].map((x) => `00000000-0000-4000-8000-00000000000${x}`);
      const [bonus, confirm, spend, op] = [1, 2, 3, 4].map(
        (n) => `10000000-0000-4000-8000-00000000000${n}`,
      );
      await sql`INSERT INTO members (id, email, member_number) VALUES
        (${a}, 'a@example.org', '1000000000000001'), (${b}, 'b@example.org', '1000000000000002')`.execute(
        db.db,
      );
      await sql`INSERT INTO entries (id, member_id, kind, claim_id, points) VALUES
        (${bonus}, ${a}, 'bonus', NULL, 50), (${confirm}, ${a}, 'confirm', ${bonus}, 50),
        (${spend}, ${a}, 'spend', NULL, -20)`.execute(db.db);
      await sql`INSERT INTO lots (entry_id, member_id, points, remaining) VALUES (${confirm}, ${a}, 50, 30)`.execute(
        db.db,
      );
      await sql`INSERT INTO lot_uses (entry_id, lot_id, points) VALUES (${spend}, ${confirm}, 20)`.execute(
        db.db,
      );
      await sql`INSERT INTO ops (id, member_id, status, seq) VALUES (${op}, ${b}, 'accepted', 1)`.execute(
        db.db,
      );
      await sql`INSERT INTO referrals (referred_id, referrer_id, normalized_email) VALUES (${b}, ${a}, 'b@example.org')`.execute(
        db.db,
      );
      await sql`INSERT INTO member_plans (member_id, plan, ends_at, multiplier, reference)
        VALUES (${b}, 'plus', now() + interval '1 month', 2, 'ref-1')`.execute(db.db);
      const count = async () =>
        (
          await sql<{
            n: string;
          }>`SELECT (SELECT count(*) FROM entries) || '/' || (SELECT count(*) FROM lots)
            || '/' || (SELECT count(*) FROM lot_uses) || '/' || (SELECT count(*) FROM ops)
            || '/' || (SELECT count(*) FROM referrals) || '/' || (SELECT count(*) FROM member_plans) AS n`.execute(
            db.db,
          )
        ).rows[0]!.n;
      expect(await count()).toBe('3/1/1/1/1/1');

      expect(await migrate(db.db)).toEqual([11]);
      expect(await count()).toBe('3/1/1/1/1/1');
      const uses = await sql`SELECT member_id, entry_id, lot_id, points FROM lot_uses`.execute(
        db.db,
      );
      expect(uses.rows).toEqual([{ member_id: a, entry_id: spend, lot_id: confirm, points: 20 }]);
      const settled = await sql`SELECT claim_id FROM entries WHERE id = ${confirm}`.execute(db.db);
      expect(settled.rows).toEqual([{ claim_id: bonus }]);
      // The new keys hold: a settlement must be in its claim's ledger.
      await expect(
        sql`INSERT INTO entries (id, member_id, kind, claim_id, points)
          VALUES (gen_random_uuid(), ${b}, 'reject', ${bonus}, 0)`.execute(db.db),
      ).rejects.toThrow(/entries_claim_id_fkey/);
    } finally {
      await db.close();
    }
  });
});
