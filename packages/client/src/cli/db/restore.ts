import type { Database } from '@profilehub/db';
import { sql } from 'drizzle-orm';
import { appliedMigrations, nonEmptyTables } from './catalog';
import { type DumpMeta, readDumpMeta } from './dump';

export class RestoreRefused extends Error {}

/** Checks that the target holds no data yet; restore and copy never merge into existing rows. */
export async function assertEmpty(db: Database, location: string): Promise<void> {
  const filled = await nonEmptyTables(db);
  if (filled.length > 0) {
    throw new RestoreRefused(
      `${location} is not empty (rows in ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}); restore only into an empty database`,
    );
  }
}

/**
 * Loads a dump into a migrated, empty database in one transaction: a failure anywhere leaves the target as
 * it was. Returns the dump's own description (tables and row counts) for the caller to verify against.
 */
export async function restoreStatements(db: Database, lines: AsyncIterable<string>): Promise<DumpMeta> {
  let meta: DumpMeta | null = null;
  const applied = await appliedMigrations(db);
  await db.transaction(async (tx) => {
    for await (const raw of lines) {
      const line = raw.trim();
      if (!meta && line.startsWith('--')) {
        meta = readDumpMeta(line);
        if (meta) assertMigrationsKnown(meta, applied);
      }
      if (line === '' || line.startsWith('--') || line === 'begin;' || line === 'commit;') continue;
      if (!meta) throw new RestoreRefused('not a Profilehub dump (no "-- profilehub-dump:" line before the first statement)');
      await tx.execute(sql.raw(line));
    }
    if (!meta) throw new RestoreRefused('not a Profilehub dump (no "-- profilehub-dump:" line)');
    await tx.execute(RECOUNT_TWON_DIRECTORIES);
  });
  return meta!;
}

// A 2N directory keeps its live entries and tombstones counted on its row (migration 0005); a dump taken
// before that migration carries no counts, so they are worked out again from the entries that were loaded.
const RECOUNT_TWON_DIRECTORIES = sql`update twon_directories as d set
  live_entries = (select count(*) from twon_entries e where e.workspace_id = d.workspace_id and e.directory_id = d.id and not e.deleted),
  tombstones = (select count(*) from twon_entries e where e.workspace_id = d.workspace_id and e.directory_id = d.id and e.deleted)`;

function assertMigrationsKnown(meta: DumpMeta, applied: string[]): void {
  const missing = meta.migrations.filter((hash) => !applied.includes(hash));
  if (missing.length > 0) {
    throw new RestoreRefused(
      `the dump was taken after ${missing.length} migration(s) this build does not have; restore it with the Profilehub version that made it`,
    );
  }
}
