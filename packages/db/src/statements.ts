// Named (prepared) statements. drizzle hands postgres.js every query not built with `.prepare()` as an unnamed
// statement, so PostgreSQL parsed and planned each one on every request (on a GET-by-id that was two thirds
// of the database's CPU). postgres.js keeps named statements per connection, keyed by their text, so a query
// the server has already seen is only bound and executed.
//
// Batch statements stay unnamed: texts with many parameters vary with the number of values (an `IN (…)` of a
// batch), so naming them would only fill each connection's statement cache; and a statement that unnests
// arrays (the 2N batch writes) gets a generic plan once named, which guesses every array's size: the
// 10,000-entry 2N update took ~720 ms named against ~530 ms unnamed. Connections are recycled
// (max_lifetime), which bounds what is left. DB_PREPARE=false turns naming off, for a pooler in transaction
// mode that cannot hold named statements. PGlite names statements by this same rule (pglite-statements.ts).

/** Most parameters a named statement may take; the hot queries take fewer than ten. */
export const MAX_NAMED_PARAMS = 32;

export function shouldName(enabled: boolean, text: string, params: readonly unknown[] | undefined): boolean {
  if (!enabled || (params?.length ?? 0) > MAX_NAMED_PARAMS) return false;
  // The hot queries are the same few texts (prepared ones are the very same string): their verdict is kept.
  let unnests = verdicts.get(text);
  if (unnests === undefined) {
    unnests = UNNEST.test(text);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(text, unnests);
  }
  return !unnests;
}

const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 1_000;

const UNNEST = /\bunnest\s*\(/i;
