import type { TableDistribution } from './distribution';

/** One table as the catalog describes it (read by tests/server/schema-distributable.test.ts). */
export interface CatalogTable {
  name: string;
  columns: string[];
  /** The primary key and every unique constraint or unique index; null: an expression. */
  uniques: { name: string; primary: boolean; columns: (string | null)[] }[];
  foreignKeys: { name: string; columns: string[]; refTable: string; refColumns: string[] }[];
}

type Map = Readonly<Record<string, TableDistribution>>;

/**
 * Why the schema could not be distributed as `map` says, one sentence each;
 * empty when it can. The rules are Citus's (docs/scale-citus.md): a unique key
 * of a distributed table must hold its distribution column, and a foreign key
 * must stay inside one shard (co-located tables, joined on the distribution
 * column) or point to a reference table.
 */
export function distributionProblems(catalog: CatalogTable[], map: Map): string[] {
  const out: string[] = [];
  const names = new Set(catalog.map((t) => t.name));
  for (const name of Object.keys(map)) {
    if (!names.has(name)) out.push(`${name}: in the table map but not in the schema`);
  }
  for (const t of catalog) {
    const d = map[t.name];
    if (!d) {
      out.push(`${t.name}: not classified in server/db/distribution.ts`);
      continue;
    }
    out.push(...keyProblems(t, d), ...t.foreignKeys.flatMap((fk) => fkProblems(t, d, fk, map)));
  }
  return out;
}

const cols = (c: (string | null)[]) => `(${c.map((x) => x ?? '<expression>').join(', ')})`;

function keyProblems(t: CatalogTable, d: TableDistribution): string[] {
  if (d.kind === 'reference') return [];
  const out: string[] = [];
  if (!t.columns.includes(d.column)) out.push(`${t.name}: has no column ${d.column}`);
  if (!t.uniques.some((u) => u.primary)) out.push(`${t.name}: has no primary key`);
  for (const u of t.uniques) {
    const what = `${t.name}: ${u.primary ? 'primary key' : 'unique key'} ${u.name} ${cols(u.columns)}`;
    if (d.kind === 'member' && u.columns[0] !== d.column) {
      out.push(`${what} does not start with the member column ${d.column}`);
    }
    if (d.kind === 'global' && !u.columns.includes(d.column)) {
      out.push(`${what} does not hold the distribution column ${d.column}`);
    }
  }
  return out;
}

function fkProblems(
  t: CatalogTable,
  d: TableDistribution,
  fk: CatalogTable['foreignKeys'][number],
  map: Map,
): string[] {
  const target = map[fk.refTable];
  const what = `${t.name}: foreign key ${fk.name} ${cols(fk.columns)} -> ${fk.refTable}${cols(fk.refColumns)}`;
  if (!target) return [`${what} points to an unclassified table`];
  if (target.kind === 'reference') return [];
  if (d.kind === 'reference')
    return [`${what}: a reference table points to a ${target.kind} table`];
  if (d.kind !== target.kind)
    return [`${what}: a ${d.kind} table points to a ${target.kind} table`];
  // Global tables are distributed apart (colocate_with => 'none'): no key between two of them.
  if (d.kind === 'global' && fk.refTable !== t.name)
    return [`${what}: global tables share no shards`];
  // Same kind, distributed: the key must join the two distribution columns at one position.
  const i = fk.columns.indexOf(d.column);
  if (i < 0 || fk.refColumns[i] !== target.column) {
    return d.kind === 'member'
      ? [`${what} crosses members: it does not join ${d.column} to ${fk.refTable}.${target.column}`]
      : [`${what} does not join ${d.column} to ${fk.refTable}.${target.column}`];
  }
  return [];
}
