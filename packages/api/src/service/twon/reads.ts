// What a 2N device reads (spec 4.4/4.5): its template, entries by uuid, and changes since a timestamp.
import { changeSequences, perDatabase, twonEntries } from '@profilehub/db';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type { TwonGetInput, TwonQueryInput, TwonTemplateInput } from '../../contract/twon';
import { changeScope, loadDirectory } from './directory';
import { addressError, addressed, uuidsOf } from './items';
import { fieldSelection, renderEntry, type StoredEntry } from './render';
import { directoryEntries, type LoadedEntry, loadEntries } from './rows';
import { type JsonObject, modelTemplate } from './template';

export async function template({ ctx, input }: { ctx: AuthedContext; input: TwonTemplateInput }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  return { series: dir.series, users: [modelTemplate(dir.model)] };
}

/** A row as answered under `uuid`: the spelling of the request that named it, else the entry's own. */
function toStored(row: LoadedEntry, uuid = row.spelling ?? row.uuid): StoredEntry {
  return { uuid, deleted: row.deleted, ts: row.ts, owner: row.owner, data: row.data };
}

export async function getEntries({ ctx, input }: { ctx: AuthedContext; input: TwonGetInput }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const items = addressed(input.users ?? []);
  const existing = await loadEntries(ctx.db, dir, uuidsOf(items));
  const selection = fieldSelection(dir.model, input.fields);
  const live = (uuid: string) => existing.get(uuid)?.deleted === false;
  return {
    series: dir.series,
    users: items.map(
      (item) => addressError(item, live) ?? renderEntry(dir.model, toStored(existing.get(item.uuid!)!, item.spelled!), selection),
    ),
  };
}

/**
 * Changes after `iterator.timestamp`, tombstones included. The highest timestamp is read first and rows are
 * cut at it: timestamps come from one locked sequence per directory, so every value up to it belongs to a
 * committed change and a client that polls on from it sees each change exactly once.
 */
// The sync read, built once per database: the directory's highest timestamp, then its rows up to it.
const syncQueries = perDatabase((db) => ({
  highest: db
    .select({ value: changeSequences.value })
    .from(changeSequences)
    .where(and(eq(changeSequences.workspaceId, sql.placeholder('workspaceId')), eq(changeSequences.scope, sql.placeholder('scope'))))
    .prepare('twon_highest_timestamp'),
  rows: directoryEntries(db, gt(twonEntries.ts, sql.placeholder('since')), lte(twonEntries.ts, sql.placeholder('highest')))
    .orderBy(asc(twonEntries.ts))
    .prepare('twon_entries_since'),
}));

export async function queryEntries({ ctx, input }: { ctx: AuthedContext; input: TwonQueryInput }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const queries = syncQueries(ctx.db);
  const [sequence] = await queries.highest.execute({ workspaceId: dir.workspaceId, scope: changeScope(dir.id) });
  const highest = sequence?.value ?? 0;
  const since = Number(input.iterator?.timestamp ?? 0);
  // Another series means the client's timestamps belong to an earlier life of the directory: it must resync.
  if ((input.series !== undefined && input.series !== dir.series) || since >= highest) {
    return { series: dir.series, timestamp: highest, users: [] };
  }
  const rows = await queries.rows.execute({ workspaceId: dir.workspaceId, directoryId: dir.id, since, highest });
  const selection = fieldSelection(dir.model, input.fields);
  return {
    series: dir.series,
    timestamp: highest,
    users: rows.map((r) => renderEntry(dir.model, toStored({ ...r, data: r.data as JsonObject }), selection)),
  };
}
