import { type Database, perDatabase } from '@profilehub/db';
import { type AnyColumn, asc, desc, ilike, or, type SQL, sql } from 'drizzle-orm';
import { containsPattern } from '../contract/page';

// The server half of the admin's tables: a free-text filter over some columns, an ORDER BY from the sort the
// client chose (with a unique tie-breaker, so no row sits on two pages) and the page with its total.

export type PageQuery = { offset: number; limit: number; desc: boolean; q: string; sort: string };

/** Any of `columns` contains `q`, case-insensitive; nothing when `q` is empty. */
export function textFilter(q: string, columns: (AnyColumn | SQL)[]): SQL | undefined {
  if (!q) return undefined;
  // No stored text can hold a NUL (PostgreSQL refuses one in a parameter): nothing matches.
  if (q.includes('\0')) return sql`false`;
  const pattern = containsPattern(q);
  return or(...columns.map((c) => ilike(c, pattern)));
}

/** ORDER BY the columns `sorts` names for `query.sort`, then `tie`, all in the chosen direction. */
export function orderFor(query: PageQuery, sorts: Record<string, (AnyColumn | SQL)[]>, tie: AnyColumn): SQL[] {
  const dir = query.desc ? desc : asc;
  return [...(sorts[query.sort] ?? []), tie].map((c) => dir(c));
}

/** Runs a page's rows and its count together: `{ items, total }`. */
export async function pageOf<T>(items: Promise<T[]>, total: Promise<{ n: number }[]>): Promise<{ items: T[]; total: number }> {
  const [rows, [count]] = await Promise.all([items, total]);
  return { items: rows, total: count?.n ?? 0 };
}

/**
 * What `build` makes for one query shape (which optional filters are present, the caller's reach, the sort),
 * built once per database handle and shape: a list's prepared statements, so drizzle does not rebuild their
 * SQL on every request. `shape` must come from a set the code bounds (flags and enums), never from input.
 */
export function perShape<K extends string, T>(build: (db: Database, shape: K) => T): (db: Database, shape: K) => T {
  const shapes = perDatabase(() => new Map<K, T>());
  return (db, shape) => {
    const built = shapes(db);
    let value = built.get(shape);
    if (value === undefined) {
      value = build(db, shape);
      built.set(shape, value);
    }
    return value;
  };
}
