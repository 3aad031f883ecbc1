import type { Database } from './client';

// Hot reads built once. drizzle rebuilds a query's SQL text from its expression tree every time it runs
// (about a tenth of the server's CPU on a GET-by-id went to that); a query built with placeholders and
// `.prepare()` keeps its text and only binds values. Prepared queries belong to the database handle they
// were built on, so they are kept per handle (tests open many).

/** `build` runs once per database handle; later calls return what it built for that handle. */
export function perDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}
