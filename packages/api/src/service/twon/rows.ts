// Row primitives of the 2N entry table: the one read of a batch's entries and the set-based writes (one
// statement per TWON_WRITE_CHUNK rows whatever the batch size).
import { perDatabase, type Queryable, twonDirectories, twonEntries } from '@profilehub/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { TxContext } from '../tx';
import type { TwonDirectoryRef } from './directory';
import { chunks, jsonbArray, pgArray } from './sql';
import type { JsonObject } from './template';

export type LoadedEntry = { uuid: string; spelling: string | null; deleted: boolean; owner: string; data: JsonObject; ts: number };

/** The columns every entry read loads (identity, spelling as created, tombstone, owner, data, timestamp). */
export const entryColumns = {
  uuid: twonEntries.uuid,
  spelling: twonEntries.spelling,
  deleted: twonEntries.deleted,
  owner: twonEntries.owner,
  data: twonEntries.data,
  ts: twonEntries.ts,
};

// The batch read, with its values left to bind: built once per database handle and prepared (a device's
// GET is this one query), or built on the transaction that reads it.
const entriesByUuid = (q: Queryable) => directoryEntries(q, sql`${twonEntries.uuid} = any(${sql.placeholder('uuids')}::text[])`);

/** Entries of the directory the `workspaceId` and `directoryId` placeholders name, meeting `conditions`. */
export function directoryEntries(q: Queryable, ...conditions: SQL[]) {
  return q
    .select(entryColumns)
    .from(twonEntries)
    .where(
      and(
        eq(twonEntries.workspaceId, sql.placeholder('workspaceId')),
        eq(twonEntries.directoryId, sql.placeholder('directoryId')),
        ...conditions,
      ),
    );
}
const preparedEntriesByUuid = perDatabase((db) => entriesByUuid(db).prepare('twon_entries_by_uuid'));

export async function loadEntries(q: Queryable, dir: TwonDirectoryRef, uuids: string[]): Promise<Map<string, LoadedEntry>> {
  const found = new Map<string, LoadedEntry>();
  if (uuids.length === 0) return found;
  for (const part of chunks(uuids, 50_000)) {
    const values = { workspaceId: dir.workspaceId, directoryId: dir.id, uuids: pgArray(part) };
    const rows = 'rollback' in q ? await entriesByUuid(q).execute(values) : await preparedEntriesByUuid(q).execute(values);
    for (const r of rows) found.set(r.uuid, { ...r, data: r.data as JsonObject });
  }
  return found;
}

/** A row to write; `spelling` (the uuid as its create spelled it) is written by creates only. */
export type Write = { uuid: string; data: JsonObject; ts: number; spelling?: string };

function nameOf(data: JsonObject): string {
  return typeof data.name === 'string' ? data.name : '';
}
function ownerOf(data: JsonObject): string {
  return typeof data.owner === 'string' ? data.owner : '';
}

export async function upsertEntries(tx: TxContext, dir: TwonDirectoryRef, writes: Write[]) {
  const now = tx.now().toISOString();
  for (const part of chunks(writes)) {
    await tx.tx.execute(sql`
      insert into twon_entries (workspace_id, directory_id, uuid, spelling, name, owner, data, deleted, ts, created_at, updated_at)
      select ${dir.workspaceId}::uuid, ${dir.id}::uuid, v.uuid, v.spelling, v.name, v.owner, v.data, false, v.ts, ${now}::timestamptz, ${now}::timestamptz
      from unnest(${pgArray(part.map((w) => w.uuid))}::text[], ${pgArray(part.map((w) => w.spelling ?? w.uuid))}::text[],
                  ${pgArray(part.map((w) => nameOf(w.data)))}::text[], ${pgArray(part.map((w) => ownerOf(w.data)))}::text[],
                  ${jsonbArray(part.map((w) => w.data))}, ${pgArray(part.map((w) => w.ts))}::bigint[]) as v(uuid, spelling, name, owner, data, ts)
      on conflict (workspace_id, directory_id, uuid) do update
        set spelling = excluded.spelling, name = excluded.name, owner = excluded.owner, data = excluded.data, deleted = false,
            ts = excluded.ts, updated_at = excluded.updated_at`);
  }
}

export async function updateEntryRows(tx: TxContext, dir: TwonDirectoryRef, writes: Write[]) {
  const now = tx.now().toISOString();
  for (const part of chunks(writes)) {
    await tx.tx.execute(sql`
      update twon_entries as e
         set name = v.name, owner = v.owner, data = v.data, ts = v.ts, updated_at = ${now}::timestamptz
        from unnest(${pgArray(part.map((w) => w.uuid))}::text[], ${pgArray(part.map((w) => nameOf(w.data)))}::text[],
                    ${pgArray(part.map((w) => ownerOf(w.data)))}::text[], ${jsonbArray(part.map((w) => w.data))},
                    ${pgArray(part.map((w) => w.ts))}::bigint[]) as v(uuid, name, owner, data, ts)
       where e.workspace_id = ${dir.workspaceId}::uuid and e.directory_id = ${dir.id}::uuid and e.uuid = v.uuid`);
  }
}

// A tombstone keeps uuid, owner and its deletion timestamp (decision 7.4); the content goes.
export async function tombstoneRows(tx: TxContext, dir: TwonDirectoryRef, writes: { uuid: string; ts: number }[]) {
  const now = tx.now().toISOString();
  for (const part of chunks(writes)) {
    await tx.tx.execute(sql`
      update twon_entries as e
         set deleted = true, name = '', data = '{}'::jsonb, ts = v.ts, updated_at = ${now}::timestamptz
        from unnest(${pgArray(part.map((w) => w.uuid))}::text[], ${pgArray(part.map((w) => w.ts))}::bigint[]) as v(uuid, ts)
       where e.workspace_id = ${dir.workspaceId}::uuid and e.directory_id = ${dir.id}::uuid and e.uuid = v.uuid`);
  }
}

// Deleted entries stay until the directory is full: live + tombstones beyond capacity purge the oldest
// tombstones (decision 7.4); the batch has worked out how many from the directory's counts.
export async function purgeTombstones(tx: TxContext, dir: TwonDirectoryRef, count: number) {
  await tx.tx.execute(sql`
    delete from twon_entries as e
     using (select uuid from twon_entries
             where workspace_id = ${dir.workspaceId}::uuid and directory_id = ${dir.id}::uuid and deleted
             order by ts
             limit ${count}) as p
     where e.workspace_id = ${dir.workspaceId}::uuid and e.directory_id = ${dir.id}::uuid and e.uuid = p.uuid`);
}

/** The directory's live entries and tombstones after a batch (it holds the directory's lock). */
export async function writeCounts(tx: TxContext, dir: TwonDirectoryRef, liveEntries: number, tombstones: number) {
  await tx.tx
    .update(twonDirectories)
    .set({ liveEntries, tombstones })
    .where(and(eq(twonDirectories.workspaceId, dir.workspaceId), eq(twonDirectories.id, dir.id)));
}
