import type { Database } from '@profilehub/db';
import { listSequences, listTables } from './catalog';
import { ident, query } from './sql';

export type TableDigest = { table: string; rows: number; digest: string };
export type DatabaseDigest = { tables: TableDigest[]; sequences: Record<string, string | null> };

/**
 * Row count and an order-independent hash of every row's text form per table, plus sequence positions.
 * Two databases with equal digests hold the same data byte for byte (password hashes, token digests and
 * change sequences included). Computed in UTC so timestamps print the same on every server.
 */
export async function digestDatabase(db: Database): Promise<DatabaseDigest> {
  return db.transaction(async (tx) => {
    await query(tx, `set local timezone to 'UTC'`);
    const tables: TableDigest[] = [];
    for (const t of await listTables(tx as unknown as Database)) {
      const columns = t.columns.map(ident).join(', ');
      const [row] = await query<{ rows: number | string; digest: string | null }>(
        tx,
        `select count(*) as rows, md5(coalesce(string_agg(h, '' order by h), '')) as digest
           from (select md5(row(${columns})::text) as h from ${ident(t.name)}) t`,
      );
      tables.push({ table: t.name, rows: Number(row?.rows ?? 0), digest: row?.digest ?? '' });
    }
    const sequences = Object.fromEntries((await listSequences(tx as unknown as Database)).map((s) => [s.name, s.lastValue]));
    return { tables, sequences };
  });
}

/** The differences between two digests, one readable line each; empty when they match. */
export function compareDigests(source: DatabaseDigest, target: DatabaseDigest): string[] {
  const problems: string[] = [];
  const targetTables = new Map(target.tables.map((t) => [t.table, t]));
  for (const s of source.tables) {
    const t = targetTables.get(s.table);
    if (!t) problems.push(`${s.table}: missing in the target`);
    else if (t.rows !== s.rows) problems.push(`${s.table}: ${s.rows} rows in the source, ${t.rows} in the target`);
    else if (t.digest !== s.digest) problems.push(`${s.table}: same row count, different contents`);
  }
  for (const [name, value] of Object.entries(source.sequences)) {
    if (target.sequences[name] !== value)
      problems.push(`sequence ${name}: ${value ?? 'unused'} in the source, ${target.sequences[name] ?? 'unused'} in the target`);
  }
  return problems;
}
