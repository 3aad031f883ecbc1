// SQL array helpers of the 2N batch writes: a batch's arrays travel as ONE parameter each (cast or unnested
// server-side), so a statement's parameter count does not grow with the batch.
import { type SQL, sql } from 'drizzle-orm';

/** Rows per write statement. Arrays travel as one parameter each, so this is not about bind slots: it keeps
 * each statement well inside the statement timeout (5 s by default) and bounds memory. */
export const TWON_WRITE_CHUNK = 5_000;

/** A PostgreSQL array literal, passed as ONE text parameter and cast (`$1::text[]`). For short values. */
export function pgArray(values: readonly (string | number)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = String(values[i]);
    out += `"${v.includes('"') || v.includes('\\') ? v.replace(/[\\"]/g, '\\$&') : v}"`;
  }
  return `${out}}`;
}

/**
 * A jsonb[] built server-side from ONE JSON-array parameter. Escaping every quote of megabytes of JSON into
 * an array literal costs seconds in JS; JSON.stringify plus jsonb_array_elements costs milliseconds.
 */
export function jsonbArray(values: readonly unknown[]): SQL {
  return sql`array(select e.value from jsonb_array_elements(${JSON.stringify(values)}::jsonb) with ordinality as e(value, i) order by e.i)`;
}

export function chunks<T>(items: T[], size = TWON_WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
