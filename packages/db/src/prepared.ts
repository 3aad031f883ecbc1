import type { Database } from './client';

// Things kept per database handle (tests open many). Mostly hot reads built once: drizzle rebuilds a
// query's SQL text from its expression tree every time it runs (about a tenth of the server's CPU on a
// GET-by-id went to that); a query built with placeholders and `.prepare()` keeps its text and only binds
// values, and belongs to the handle it was built on. Also per-handle state such as the throttle's memory.

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
