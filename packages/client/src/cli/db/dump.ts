import { randomBytes } from 'node:crypto';
import type { Database } from '@profilehub/db';
import { appliedMigrations, listSequences, listTables } from './catalog';
import { ident, literal, query } from './sql';

export const DUMP_FORMAT = 1;
/** Rows per INSERT statement: one statement stays well under a megabyte for every table we have. */
const CHUNK_ROWS = 1_000;
const META_PREFIX = '-- profilehub-dump: ';

export type DumpMeta = { format: number; migrations: string[]; tables: Record<string, number> };

/**
 * A dump is plain SQL, one statement per line, data only: restore runs the migrations first, then these
 * statements, so the schema always comes from the migrations of the build that restores (never from a
 * second copy of the DDL). psql can run it too, into a database `profilehub db migrate` prepared.
 * Rows travel as JSON (`json_populate_recordset`), which both PostgreSQL and PGlite read back exactly,
 * bytea and timestamps included; columns are named, so a column added by a later migration takes its default.
 */
export async function* dumpStatements(db: Database, source: string): AsyncGenerator<string> {
  const tables = await listTables(db);
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await query<{ n: number | string }>(db, `select count(*) as n from ${ident(t.name)}`);
    counts[t.name] = Number(row?.n ?? 0);
  }
  const meta: DumpMeta = { format: DUMP_FORMAT, migrations: await appliedMigrations(db), tables: counts };
  yield `-- Profilehub data dump of ${source}`;
  yield '-- Restore: profilehub db restore FILE (applies the migrations, then loads these rows into an empty database).';
  yield `${META_PREFIX}${JSON.stringify(meta)}`;
  yield 'begin;';
  for (const t of tables) {
    if (counts[t.name] === 0) continue;
    const columns = t.columns.map(ident).join(', ');
    const order = (t.primaryKey.length > 0 ? t.primaryKey : t.columns).map(ident).join(', ');
    for (let offset = 0; offset < counts[t.name]!; offset += CHUNK_ROWS) {
      const [chunk] = await query<{ rows: string }>(
        db,
        `select coalesce(jsonb_agg(to_jsonb(t)), '[]')::text as rows from (select ${columns} from ${ident(t.name)} order by ${order} limit ${CHUNK_ROWS} offset ${offset}) t`,
      );
      const json = chunk?.rows ?? '[]';
      const tag = dollarTag(json);
      yield `insert into ${ident(t.name)} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${ident(t.name)}, ${tag}${json}${tag});`;
    }
  }
  for (const s of await listSequences(db)) {
    if (s.lastValue !== null) yield `select setval(${literal(ident(s.name))}, ${s.lastValue}, true);`;
  }
  yield 'commit;';
}

// jsonb text never contains a raw newline (strings escape it), but may contain any `$tag$`.
function dollarTag(body: string): string {
  for (;;) {
    const tag = `$ph${randomBytes(4).toString('hex')}$`;
    if (!body.includes(tag)) return tag;
  }
}

export function readDumpMeta(line: string): DumpMeta | null {
  if (!line.startsWith(META_PREFIX)) return null;
  try {
    const meta = JSON.parse(line.slice(META_PREFIX.length)) as DumpMeta;
    return typeof meta.format === 'number' && Array.isArray(meta.migrations) ? meta : null;
  } catch {
    return null;
  }
}
