import type { Database } from '@profilehub/db';
import { query } from './sql';

export type TableInfo = {
  name: string;
  columns: string[];
  /** Primary key columns: the dump reads each table in this order, so two dumps of one database are equal. */
  primaryKey: string[];
};

export type SequenceState = { name: string; lastValue: string | null };

/** Every table of the public schema, parents before children (foreign keys), then by name. */
export async function listTables(db: Database): Promise<TableInfo[]> {
  const columns = await query<{ table_name: string; column_name: string }>(
    db,
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and is_generated = 'NEVER'
        and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')
      order by table_name, ordinal_position`,
  );
  const keys = await query<{ table_name: string; column_name: string }>(
    db,
    `select c.relname as table_name, a.attname as column_name
       from pg_index i
       join pg_class c on c.oid = i.indrelid
       join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
       join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where i.indisprimary
      order by c.relname, k.ord`,
  );
  const references = await query<{ child: string; parent: string }>(
    db,
    `select distinct c.relname as child, p.relname as parent
       from pg_constraint f
       join pg_class c on c.oid = f.conrelid
       join pg_class p on p.oid = f.confrelid
       join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where f.contype = 'f' and f.conrelid <> f.confrelid`,
  );
  const tables = new Map<string, TableInfo>();
  for (const c of columns) {
    const table = tables.get(c.table_name) ?? { name: c.table_name, columns: [], primaryKey: [] };
    table.columns.push(c.column_name);
    tables.set(c.table_name, table);
  }
  for (const k of keys) tables.get(k.table_name)?.primaryKey.push(k.column_name);

  const parents = new Map<string, Set<string>>([...tables.keys()].map((t) => [t, new Set<string>()]));
  for (const r of references) parents.get(r.child)?.add(r.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (done.size < tables.size) {
    const ready = [...tables.keys()].filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p))).sort();
    if (ready.length === 0)
      throw new Error(`foreign keys form a cycle between ${[...tables.keys()].filter((t) => !done.has(t)).join(', ')}`);
    for (const t of ready) {
      done.add(t);
      ordered.push(tables.get(t)!);
    }
  }
  return ordered;
}

export async function listSequences(db: Database): Promise<SequenceState[]> {
  const rows = await query<{ name: string; last_value: string | number | null }>(
    db,
    `select sequencename as name, last_value from pg_sequences where schemaname = 'public' order by sequencename`,
  );
  return rows.map((r) => ({ name: r.name, lastValue: r.last_value === null ? null : String(r.last_value) }));
}

/** Hashes of the migrations applied (drizzle's own table), oldest first; empty on a database never migrated. */
export async function appliedMigrations(db: Database): Promise<string[]> {
  const [exists] = await query<{ present: boolean }>(db, `select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists?.present) return [];
  const rows = await query<{ hash: string }>(db, 'select hash from drizzle.__drizzle_migrations order by created_at, id');
  return rows.map((r) => r.hash);
}

/** Tables that already hold rows: restore and copy only write into an empty database. */
export async function nonEmptyTables(db: Database): Promise<string[]> {
  const tables = await query<{ name: string }>(
    db,
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const filled: string[] = [];
  for (const { name } of tables) {
    const [row] = await query<{ any: boolean }>(db, `select exists (select 1 from "${name.replaceAll('"', '""')}") as any`);
    if (row?.any) filled.push(name);
  }
  return filled;
}
