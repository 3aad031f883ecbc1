// 2N directory entries (spec 4.4/4.5): batch create/update/delete with per-entry results, get/query with
// series + timestamp sync. A batch validates every entry in memory, then writes all accepted entries in one
// set-based statement per chunk (arrays passed as single parameters to `unnest`), so its statement count does
// not grow with its size. An entry with any error is left untouched while the rest proceed.
import { randomUUID } from 'node:crypto';
import { type Queryable, twonEntries } from '@profilehub/db';
import { and, asc, eq, gt, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type {
  TwonBatchItem,
  TwonBatchResult,
  TwonCreateInput,
  TwonDeleteInput,
  TwonEntryListInput,
  TwonGetInput,
  TwonQueryInput,
  TwonSinceInput,
  TwonTemplateInput,
  TwonUpdateInput,
} from '../../contract/twon';
import { DomainError, ValidationError } from '../../errors';
import { audit, nextChange } from '../audit';
import { inTransaction, type TxContext } from '../tx';
import { changeScope, highestTimestamp, loadDirectory, type TwonDirectoryRef } from './directory';
import {
  canonicalUuid,
  checkEntry,
  checkPatch,
  defaultBody,
  type EdirError,
  fieldSelection,
  type JsonObject,
  mergeInto,
  modelTemplate,
  renderEntry,
  type StoredEntry,
} from './model';

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

function chunks<T>(items: T[], size = TWON_WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// The uuid of a failed entry is echoed as given; a scalar of another type as its text, an object or array not
// at all (serialising an arbitrarily deep value is what a hostile body would want).
function failure(raw: unknown, errors: EdirError[]): TwonBatchItem {
  if (typeof raw === 'string') return { uuid: raw, errors };
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return { uuid: String(raw), errors };
  return { errors };
}

// An element of `users` that is not an object at all (`null`, a number, an array) fails on its own.
const NOT_AN_ENTRY: EdirError[] = [{ code: 'EDIR_FIELD_VALUE_ERROR' }];

type EntryObject = Record<string, unknown>;

function asEntry(raw: unknown): EntryObject | null {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as EntryObject) : null;
}

/** An element of an update/delete/get list: the entry object (if it is one) and its canonical uuid. */
type Addressed = { entry: EntryObject | null; uuid: string | null };

function addressed(users: unknown[]): Addressed[] {
  return users.map((raw) => {
    const entry = asEntry(raw);
    return { entry, uuid: entry ? canonicalUuid(entry.uuid) : null };
  });
}

function uuidsOf(items: { uuid: string | null }[]): string[] {
  return items.flatMap((i) => (i.uuid ? [i.uuid] : []));
}

/** Why an element does not address an existing entry; undefined when it does. */
function addressError(item: Addressed, exists: (uuid: string) => boolean): TwonBatchItem | undefined {
  if (!item.entry) return failure(undefined, NOT_AN_ENTRY);
  if (!Object.hasOwn(item.entry, 'uuid')) return failure(undefined, [{ code: 'EDIR_UUID_IS_MISSING' }]);
  if (!item.uuid) return failure(item.entry.uuid, [{ code: 'EDIR_UUID_INVALID_FORMAT' }]);
  if (!exists(item.uuid)) return failure(item.entry.uuid, [{ code: 'EDIR_UUID_DOES_NOT_EXIST' }]);
  return undefined;
}

type LoadedEntry = { uuid: string; deleted: boolean; owner: string; data: JsonObject; ts: number };

async function loadEntries(q: Queryable, dir: TwonDirectoryRef, uuids: string[]): Promise<Map<string, LoadedEntry>> {
  const found = new Map<string, LoadedEntry>();
  if (uuids.length === 0) return found;
  for (const part of chunks(uuids, 50_000)) {
    const rows = await q
      .select({
        uuid: twonEntries.uuid,
        deleted: twonEntries.deleted,
        owner: twonEntries.owner,
        data: twonEntries.data,
        ts: twonEntries.ts,
      })
      .from(twonEntries)
      .where(
        and(
          eq(twonEntries.workspaceId, dir.workspaceId),
          eq(twonEntries.directoryId, dir.id),
          sql`${twonEntries.uuid} = any(${pgArray(part)}::text[])`,
        ),
      );
    for (const r of rows) found.set(r.uuid, { ...r, data: r.data as JsonObject });
  }
  return found;
}

type Write = { uuid: string; data: JsonObject; ts: number };

function nameOf(data: JsonObject): string {
  return typeof data.name === 'string' ? data.name : '';
}
function ownerOf(data: JsonObject): string {
  return typeof data.owner === 'string' ? data.owner : '';
}

async function upsertEntries(tx: TxContext, dir: TwonDirectoryRef, writes: Write[]) {
  const now = tx.now().toISOString();
  for (const part of chunks(writes)) {
    await tx.tx.execute(sql`
      insert into twon_entries (workspace_id, directory_id, uuid, name, owner, data, deleted, ts, created_at, updated_at)
      select ${dir.workspaceId}::uuid, ${dir.id}::uuid, v.uuid, v.name, v.owner, v.data, false, v.ts, ${now}::timestamptz, ${now}::timestamptz
      from unnest(${pgArray(part.map((w) => w.uuid))}::text[], ${pgArray(part.map((w) => nameOf(w.data)))}::text[],
                  ${pgArray(part.map((w) => ownerOf(w.data)))}::text[], ${jsonbArray(part.map((w) => w.data))},
                  ${pgArray(part.map((w) => w.ts))}::bigint[]) as v(uuid, name, owner, data, ts)
      on conflict (workspace_id, directory_id, uuid) do update
        set name = excluded.name, owner = excluded.owner, data = excluded.data, deleted = false, ts = excluded.ts,
            updated_at = excluded.updated_at`);
  }
}

async function updateRows(tx: TxContext, dir: TwonDirectoryRef, writes: Write[]) {
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
async function tombstoneRows(tx: TxContext, dir: TwonDirectoryRef, writes: { uuid: string; ts: number }[]) {
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
// tombstones (decision 7.4).
async function purgeTombstones(tx: TxContext, dir: TwonDirectoryRef) {
  await tx.tx.execute(sql`
    delete from twon_entries as e
     using (select uuid from twon_entries
             where workspace_id = ${dir.workspaceId}::uuid and directory_id = ${dir.id}::uuid and deleted
             order by ts
             limit greatest((select count(*) from twon_entries where workspace_id = ${dir.workspaceId}::uuid and directory_id = ${dir.id}::uuid) - ${dir.capacity}, 0)) as p
     where e.workspace_id = ${dir.workspaceId}::uuid and e.directory_id = ${dir.id}::uuid and e.uuid = p.uuid`);
}

async function auditBatch(tx: TxContext, dir: TwonDirectoryRef, action: string, writes: { uuid: string; ts: number }[]) {
  if (writes.length === 0) return;
  // One summary row per batch: a 10,000-entry batch stays one audit statement; entry contents are in the rows.
  await audit(tx, {
    action,
    entityType: 'twon_directory',
    entityId: dir.id,
    after: {
      count: writes.length,
      fromTimestamp: writes[0]!.ts,
      toTimestamp: writes[writes.length - 1]!.ts,
      uuids: writes.map((w) => w.uuid),
    },
  });
}

/** Hands out consecutive timestamps to the accepted entries, in request order. */
async function assignTimestamps(tx: TxContext, dir: TwonDirectoryRef, count: number): Promise<number> {
  return count === 0 ? 0 : nextChange(tx.tx, dir.workspaceId, changeScope(dir.id), count);
}

export async function template({ ctx, input }: { ctx: AuthedContext; input: TwonTemplateInput }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  return { series: dir.series, users: [modelTemplate(dir.model)] };
}

export async function createEntries({ ctx, input }: { ctx: AuthedContext; input: TwonCreateInput }): Promise<TwonBatchResult> {
  return inTransaction(ctx, async (tx) => {
    const dir = await loadDirectory(tx.tx, ctx, input.directoryId, true);
    if (!input.users || input.users.length === 0) return { series: dir.series };
    const force = input.force ?? false;
    const items = input.users.map((raw) => {
      const entry = asEntry(raw);
      if (!entry) return { entry, uuid: null, given: undefined };
      // Create with a malformed uuid is a value error, not INVALID_FORMAT [OBS 2N test suite].
      const uuid = Object.hasOwn(entry, 'uuid') ? canonicalUuid(entry.uuid) : randomUUID().toUpperCase();
      return { entry, uuid, given: entry.uuid };
    });
    const existing = await loadEntries(tx.tx, dir, uuidsOf(items));
    const live = new Set([...existing.values()].filter((e) => !e.deleted).map((e) => e.uuid));
    const wasLive = new Set(live);

    const results: (TwonBatchItem | { pending: number; uuid: string })[] = [];
    const accepted: { uuid: string; data: JsonObject }[] = [];
    for (const item of items) {
      if (!item.entry) {
        results.push(failure(undefined, NOT_AN_ENTRY));
        continue;
      }
      if (!item.uuid) {
        const { errors } = checkPatch(dir.model, item.entry);
        results.push(failure(item.given, [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'uuid' }, ...errors]));
        continue;
      }
      const { errors, patch } = checkPatch(dir.model, item.entry);
      if (errors.length === 0 && live.has(item.uuid) && !force) errors.push({ code: 'EDIR_UUID_ALREADY_EXISTS' });
      // With force an existing entry is replaced: fields not given go back to their defaults [DOC create].
      const data = errors.length === 0 ? (mergeInto(defaultBody(dir.model), patch) as JsonObject) : undefined;
      if (data) errors.push(...checkEntry(data));
      if (errors.length > 0) {
        results.push(failure(item.given ?? item.uuid, errors));
        continue;
      }
      live.add(item.uuid);
      results.push({ pending: accepted.length, uuid: item.uuid });
      accepted.push({ uuid: item.uuid, data: data! });
    }

    const added = [...live].filter((u) => !wasLive.has(u)).length;
    if (added > 0) {
      const [counts] = await tx.tx
        .select({ live: sql<number>`count(*) filter (where not ${twonEntries.deleted})::int` })
        .from(twonEntries)
        .where(and(eq(twonEntries.workspaceId, dir.workspaceId), eq(twonEntries.directoryId, dir.id)));
      if ((counts?.live ?? 0) + added > dir.capacity) {
        throw new DomainError('too_large', 'TWON_CAPACITY_EXCEEDED', `The directory holds at most ${dir.capacity} entries`, {
          param: 'users',
        });
      }
    }
    return finishBatch(tx, dir, 'twon.entries.create', results, accepted, (writes) => upsertEntries(tx, dir, writes), true);
  });
}

async function finishBatch(
  tx: TxContext,
  dir: TwonDirectoryRef,
  action: string,
  results: (TwonBatchItem | { pending: number; uuid: string })[],
  accepted: { uuid: string; data: JsonObject }[],
  write: (writes: Write[]) => Promise<void>,
  purge: boolean,
): Promise<TwonBatchResult> {
  const first = await assignTimestamps(tx, dir, accepted.length);
  // A uuid given twice in one batch: each success gets its own timestamp, the row ends in the last state.
  const last = new Map<string, Write>();
  for (const [i, a] of accepted.entries()) last.set(a.uuid, { uuid: a.uuid, data: a.data, ts: first + i });
  const writes = [...last.values()];
  if (writes.length > 0) {
    await write(writes);
    if (purge) await purgeTombstones(tx, dir);
    await auditBatch(tx, dir, action, writes);
  }
  return {
    series: dir.series,
    users: results.map((r) => ('pending' in r ? { uuid: r.uuid, timestamp: first + r.pending } : r)),
  };
}

export async function updateEntries({ ctx, input }: { ctx: AuthedContext; input: TwonUpdateInput }): Promise<TwonBatchResult> {
  return inTransaction(ctx, async (tx) => {
    const dir = await loadDirectory(tx.tx, ctx, input.directoryId, true);
    const items = addressed(input.users);
    const existing = await loadEntries(tx.tx, dir, uuidsOf(items));
    // Current state per uuid, so a uuid given twice in one batch merges onto its first change.
    const state = new Map<string, JsonObject>();
    for (const e of existing.values()) if (!e.deleted) state.set(e.uuid, e.data);

    const results: (TwonBatchItem | { pending: number; uuid: string })[] = [];
    const accepted: { uuid: string; data: JsonObject }[] = [];
    for (const item of items) {
      const refused = addressError(item, (uuid) => state.has(uuid));
      if (refused) {
        results.push(refused);
        continue;
      }
      const uuid = item.uuid!;
      const { errors, patch } = checkPatch(dir.model, item.entry!);
      const data = errors.length === 0 ? (mergeInto(state.get(uuid)!, patch) as JsonObject) : undefined;
      if (data) errors.push(...checkEntry(data));
      if (errors.length > 0) {
        results.push(failure(item.entry!.uuid, errors));
        continue;
      }
      state.set(uuid, data!);
      results.push({ pending: accepted.length, uuid });
      accepted.push({ uuid, data: data! });
    }
    return finishBatch(tx, dir, 'twon.entries.update', results, accepted, (writes) => updateRows(tx, dir, writes), false);
  });
}

export async function deleteEntries({ ctx, input }: { ctx: AuthedContext; input: TwonDeleteInput }): Promise<TwonBatchResult> {
  if (input.users === undefined && input.owner === undefined) {
    throw new ValidationError([{ path: 'owner', message: 'missing mandatory parameter', check: 'missing' }], 'TWON_MISSING_PARAMETER');
  }
  return inTransaction(ctx, async (tx) => {
    const dir = await loadDirectory(tx.tx, ctx, input.directoryId, true);
    const results: (TwonBatchItem | { pending: number; uuid: string })[] = [];
    const accepted: { uuid: string; data: JsonObject }[] = [];
    if (input.users !== undefined) {
      // `users` names the entries; `owner` is only the selector when no list is given.
      const items = addressed(input.users);
      const existing = await loadEntries(tx.tx, dir, uuidsOf(items));
      const live = new Set([...existing.values()].filter((e) => !e.deleted).map((e) => e.uuid));
      for (const item of items) {
        const refused = addressError(item, (uuid) => live.has(uuid));
        if (refused) {
          results.push(refused);
          continue;
        }
        // The same uuid twice in one request: the second finds it already deleted.
        live.delete(item.uuid!);
        results.push({ pending: accepted.length, uuid: item.uuid! });
        accepted.push({ uuid: item.uuid!, data: {} });
      }
    } else {
      const rows = await tx.tx
        .select({ uuid: twonEntries.uuid })
        .from(twonEntries)
        .where(
          and(
            eq(twonEntries.workspaceId, dir.workspaceId),
            eq(twonEntries.directoryId, dir.id),
            eq(twonEntries.owner, input.owner!),
            eq(twonEntries.deleted, false),
          ),
        )
        .orderBy(asc(twonEntries.ts), asc(twonEntries.uuid));
      for (const r of rows) {
        results.push({ pending: accepted.length, uuid: r.uuid });
        accepted.push({ uuid: r.uuid, data: {} });
      }
    }
    const res = await finishBatch(tx, dir, 'twon.entries.delete', results, accepted, (writes) => tombstoneRows(tx, dir, writes), true);
    return { series: res.series, users: res.users ?? [] };
  });
}

function toStored(row: LoadedEntry): StoredEntry {
  return { uuid: row.uuid, deleted: row.deleted, ts: row.ts, owner: row.owner, data: row.data };
}

export async function getEntries({ ctx, input }: { ctx: AuthedContext; input: TwonGetInput }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const items = addressed(input.users ?? []);
  const existing = await loadEntries(ctx.db, dir, uuidsOf(items));
  const selection = fieldSelection(dir.model, input.fields);
  const live = (uuid: string) => existing.get(uuid)?.deleted === false;
  return {
    series: dir.series,
    users: items.map((item) => addressError(item, live) ?? renderEntry(dir.model, toStored(existing.get(item.uuid!)!), selection)),
  };
}

/**
 * Changes after `iterator.timestamp`, tombstones included. The highest timestamp is read first and rows are
 * cut at it: timestamps come from one locked sequence per directory, so every value up to it belongs to a
 * committed change and a client that polls on from it sees each change exactly once.
 */
export async function queryEntries({ ctx, input }: { ctx: AuthedContext; input: TwonQueryInput }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const highest = await highestTimestamp(ctx.db, dir);
  const since = Number(input.iterator?.timestamp ?? 0);
  // Another series means the client's timestamps belong to an earlier life of the directory: it must resync.
  if ((input.series !== undefined && input.series !== dir.series) || since >= highest) {
    return { series: dir.series, timestamp: highest, users: [] };
  }
  const rows = await ctx.db
    .select({ uuid: twonEntries.uuid, deleted: twonEntries.deleted, owner: twonEntries.owner, data: twonEntries.data, ts: twonEntries.ts })
    .from(twonEntries)
    .where(
      and(
        eq(twonEntries.workspaceId, dir.workspaceId),
        eq(twonEntries.directoryId, dir.id),
        gt(twonEntries.ts, since),
        lte(twonEntries.ts, highest),
      ),
    )
    .orderBy(asc(twonEntries.ts));
  const selection = fieldSelection(dir.model, input.fields);
  return {
    series: dir.series,
    timestamp: highest,
    users: rows.map((r) => renderEntry(dir.model, toStored({ ...r, data: r.data as JsonObject }), selection)),
  };
}

// ---- admin views -----------------------------------------------------------------------------------------

const summaryColumns = {
  uuid: twonEntries.uuid,
  name: twonEntries.name,
  owner: twonEntries.owner,
  email: sql<string>`coalesce(${twonEntries.data}->>'email', '')`,
  deleted: twonEntries.deleted,
  timestamp: twonEntries.ts,
  updatedAt: twonEntries.updatedAt,
};

export async function listEntries({ ctx, input }: { ctx: AuthedContext; input: Required<TwonEntryListInput> }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const filters: SQL[] = [eq(twonEntries.workspaceId, dir.workspaceId), eq(twonEntries.directoryId, dir.id)];
  if (!input.includeDeleted) filters.push(eq(twonEntries.deleted, false));
  if (input.search) {
    const pattern = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(
      or(
        ilike(twonEntries.name, pattern),
        ilike(twonEntries.uuid, pattern),
        ilike(twonEntries.owner, pattern),
        sql`${twonEntries.data}->>'email' ilike ${pattern}`,
      )!,
    );
  }
  const where = and(...filters);
  const [items, [count]] = await Promise.all([
    ctx.db
      .select(summaryColumns)
      .from(twonEntries)
      .where(where)
      .orderBy(asc(twonEntries.name), asc(twonEntries.uuid))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(twonEntries).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The change feed: entries (tombstones included) changed after `timestamp`, oldest change first. */
export async function changesSince({ ctx, input }: { ctx: AuthedContext; input: Required<TwonSinceInput> }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const highest = await highestTimestamp(ctx.db, dir);
  const rows = await ctx.db
    .select(summaryColumns)
    .from(twonEntries)
    .where(
      and(
        eq(twonEntries.workspaceId, dir.workspaceId),
        eq(twonEntries.directoryId, dir.id),
        gt(twonEntries.ts, input.timestamp),
        lte(twonEntries.ts, highest),
      ),
    )
    .orderBy(asc(twonEntries.ts))
    .limit(input.limit + 1);
  return { series: dir.series, timestamp: highest, changes: rows.slice(0, input.limit), hasMore: rows.length > input.limit };
}
