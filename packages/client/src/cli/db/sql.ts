import type { Database } from '@profilehub/db';
import { sql } from 'drizzle-orm';

/** Runs one statement on either driver and returns its rows (PGlite answers `{ rows }`, postgres.js an array). */
export async function query<T>(db: Pick<Database, 'execute'>, text: string): Promise<T[]> {
  const result = (await db.execute(sql.raw(text))) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
