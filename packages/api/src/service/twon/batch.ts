// 2N batch verbs (spec 4.4): create/update/delete with per-entry results. A batch validates every entry in
// memory, then writes all accepted entries in one set-based statement per chunk, so its statement count does
// not grow with its size. An entry with any error is left untouched while the rest proceed.
import { randomUUID } from 'node:crypto';
import { twonEntries } from '@profilehub/db';
import { and, asc, eq } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type { TwonBatchItem, TwonBatchResult, TwonCreateInput, TwonDeleteInput, TwonUpdateInput } from '../../contract/twon';
import { DomainError, ValidationError } from '../../errors';
import { audit, nextChange } from '../audit';
import { inTransaction, type TxContext, together } from '../tx';
import { changeScope, highestTimestamp, type LockedDirectory, lockDirectory, type TwonDirectoryRef } from './directory';
import { addressError, addressed, asEntry, failure, NOT_AN_ENTRY, uuidsOf } from './items';
import {
  type LoadedEntry,
  loadEntries,
  purgeTombstones,
  tombstoneRows,
  updateEntryRows,
  upsertEntries,
  type Write,
  writeCounts,
} from './rows';
import { defaultBody, type JsonObject } from './template';
import { canonicalUuid, checkEntry, checkPatch, mergeInto } from './validate';

/** An entry a batch accepted: its identity, what to write, and (on create) the uuid as the client spelled it. */
type Accepted = { uuid: string; data: JsonObject; spelling?: string };

async function auditBatch(tx: TxContext, dir: TwonDirectoryRef, action: string, writes: { uuid: string; ts: number }[]) {
  if (writes.length === 0) return;
  // One summary row per batch: a 10,000-entry batch stays one audit statement; entry contents are in the rows.
  // Entries are not what a device account resolves to: the batch leaves the credential caches alone.
  await audit(tx, {
    action,
    entityType: 'twon_directory',
    entityId: dir.id,
    credentials: false,
    after: {
      count: writes.length,
      fromTimestamp: writes[0]!.ts,
      toTimestamp: writes[writes.length - 1]!.ts,
      uuids: writes.map((w) => w.uuid),
    },
  });
}

/**
 * Locks the directory (with its counts, see lockDirectory) and then reads, in one round trip, the rows the
 * batch names and the directory's highest timestamp. Only batches holding this lock advance the directory's
 * timestamp sequence, so the value read here stays exact until commit and the write statements need not
 * wait for the sequence to answer.
 */
async function lockForBatch<T>(
  tx: TxContext,
  ctx: AuthedContext,
  directoryId: string | undefined,
  read: (dir: TwonDirectoryRef) => Promise<T>,
) {
  const dir = await lockDirectory(tx.tx, ctx, directoryId);
  const [found, highest] = await together(read(dir), highestTimestamp(tx.tx, dir));
  return { dir, found, highest };
}

export async function createEntries({ ctx, input }: { ctx: AuthedContext; input: TwonCreateInput }): Promise<TwonBatchResult> {
  return inTransaction(ctx, async (tx) => {
    if (!input.users || input.users.length === 0) {
      const dir = await lockDirectory(tx.tx, ctx, input.directoryId);
      return { series: dir.series };
    }
    const force = input.force ?? false;
    const items = input.users.map((raw) => {
      const entry = asEntry(raw);
      if (!entry) return { entry, uuid: null, given: undefined, spelled: '' };
      // Create with a malformed uuid is a value error, not INVALID_FORMAT [OBS 2N test suite].
      const generated = Object.hasOwn(entry, 'uuid') ? undefined : randomUUID().toUpperCase();
      const uuid = generated ?? canonicalUuid(entry.uuid);
      // The entry keeps the spelling its create gave it (identity is the canonical form).
      return { entry, uuid, given: entry.uuid, spelled: generated ?? (typeof entry.uuid === 'string' ? entry.uuid : '') };
    });
    const { dir, found: existing, highest } = await lockForBatch(tx, ctx, input.directoryId, (d) => loadEntries(tx.tx, d, uuidsOf(items)));
    const live = new Set([...existing.values()].filter((e) => !e.deleted).map((e) => e.uuid));
    const wasLive = new Set(live);

    const results: (TwonBatchItem | { pending: number; uuid: string })[] = [];
    const accepted: Accepted[] = [];
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
      results.push({ pending: accepted.length, uuid: item.spelled });
      accepted.push({ uuid: item.uuid, spelling: item.spelled, data: data! });
    }

    const added = [...live].filter((u) => !wasLive.has(u)).length;
    if (added > 0 && dir.liveEntries + added > dir.capacity) {
      throw new DomainError('too_large', 'TWON_CAPACITY_EXCEEDED', `The directory holds at most ${dir.capacity} entries`, {
        param: 'users',
      });
    }
    return finishBatch(tx, dir, highest, 'twon.entries.create', results, accepted, (writes) => upsertEntries(tx, dir, writes), {
      // A new uuid adds a live entry; one that was a tombstone turns it live; a live one is replaced (force).
      counts: (writes) => {
        let live = 0;
        let tombstones = 0;
        for (const w of writes) {
          const before = existing.get(w.uuid);
          if (before?.deleted === false) continue;
          live++;
          if (before) tombstones--;
        }
        return { live, tombstones };
      },
    });
  });
}

async function finishBatch(
  tx: TxContext,
  dir: LockedDirectory,
  highest: number,
  action: string,
  results: (TwonBatchItem | { pending: number; uuid: string })[],
  accepted: Accepted[],
  write: (writes: Write[]) => Promise<void>,
  /** How the batch's rows change the directory's live entries and tombstones; none for an update. */
  { counts }: { counts?: (writes: Write[]) => { live: number; tombstones: number } },
): Promise<TwonBatchResult> {
  // Consecutive timestamps after the highest, in request order (the lock keeps the sequence where it was read).
  const first = highest + 1;
  // A uuid given twice in one batch: each success gets its own timestamp, the row ends in the last state.
  const last = new Map<string, Write>();
  for (const [i, a] of accepted.entries()) last.set(a.uuid, { uuid: a.uuid, spelling: a.spelling, data: a.data, ts: first + i });
  const writes = [...last.values()];
  if (writes.length > 0) {
    const change = counts?.(writes);
    const live = dir.liveEntries + (change?.live ?? 0);
    let tombstones = dir.tombstones + (change?.tombstones ?? 0);
    // Once live + tombstones exceed the capacity, the oldest tombstones go (decision 7.4).
    const purge = change ? Math.min(tombstones, Math.max(0, live + tombstones - dir.capacity)) : 0;
    tombstones -= purge;
    // The batch's writes are independent of each other: one round trip while the directory is locked.
    const [advanced] = await together(
      nextChange(tx.tx, dir.workspaceId, changeScope(dir.id), accepted.length),
      write(writes),
      auditBatch(tx, dir, action, writes),
      change ? writeCounts(tx, dir, live, tombstones) : Promise.resolve(),
    );
    if (advanced !== first) throw new Error(`2N directory ${dir.id}: its timestamps advanced outside the directory lock`);
    if (purge > 0) await purgeTombstones(tx, dir, purge);
  }
  return {
    series: dir.series,
    users: results.map((r) => ('pending' in r ? { uuid: r.uuid, timestamp: first + r.pending } : r)),
  };
}

export async function updateEntries({ ctx, input }: { ctx: AuthedContext; input: TwonUpdateInput }): Promise<TwonBatchResult> {
  return inTransaction(ctx, async (tx) => {
    const items = addressed(input.users);
    const { dir, found: existing, highest } = await lockForBatch(tx, ctx, input.directoryId, (d) => loadEntries(tx.tx, d, uuidsOf(items)));
    // Current state per uuid, so a uuid given twice in one batch merges onto its first change.
    const state = new Map<string, JsonObject>();
    for (const e of existing.values()) if (!e.deleted) state.set(e.uuid, e.data);

    const results: (TwonBatchItem | { pending: number; uuid: string })[] = [];
    const accepted: Accepted[] = [];
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
      results.push({ pending: accepted.length, uuid: item.spelled! });
      accepted.push({ uuid, data: data! });
    }
    return finishBatch(tx, dir, highest, 'twon.entries.update', results, accepted, (writes) => updateEntryRows(tx, dir, writes), {});
  });
}

export async function deleteEntries({ ctx, input }: { ctx: AuthedContext; input: TwonDeleteInput }): Promise<TwonBatchResult> {
  if (input.users === undefined && input.owner === undefined) {
    throw new ValidationError([{ path: 'owner', message: 'owner or users is required', check: 'invalid_type' }], 'TWON_MISSING_PARAMETER');
  }
  // `users` names the entries; `owner` is only the selector when no list is given.
  const items = input.users !== undefined ? addressed(input.users) : undefined;
  return inTransaction(ctx, async (tx) => {
    const { dir, found, highest } = await lockForBatch(
      tx,
      ctx,
      input.directoryId,
      (d): Promise<Map<string, LoadedEntry> | Owned[]> =>
        items ? loadEntries(tx.tx, d, uuidsOf(items)) : ownedEntries(tx, d, input.owner!),
    );
    const results: (TwonBatchItem | { pending: number; uuid: string })[] = [];
    const accepted: Accepted[] = [];
    if (items) {
      const live = new Set([...(found as Map<string, LoadedEntry>).values()].filter((e) => !e.deleted).map((e) => e.uuid));
      for (const item of items) {
        const refused = addressError(item, (uuid) => live.has(uuid));
        if (refused) {
          results.push(refused);
          continue;
        }
        // The same uuid twice in one request: the second finds it already deleted.
        live.delete(item.uuid!);
        results.push({ pending: accepted.length, uuid: item.spelled! });
        accepted.push({ uuid: item.uuid!, data: {} });
      }
    } else {
      for (const r of found as Owned[]) {
        results.push({ pending: accepted.length, uuid: r.spelling ?? r.uuid });
        accepted.push({ uuid: r.uuid, data: {} });
      }
    }
    // Each deleted entry becomes a tombstone.
    const res = await finishBatch(tx, dir, highest, 'twon.entries.delete', results, accepted, (writes) => tombstoneRows(tx, dir, writes), {
      counts: (writes) => ({ live: -writes.length, tombstones: writes.length }),
    });
    return { series: res.series, users: res.users ?? [] };
  });
}

type Owned = { uuid: string; spelling: string | null };

/** The live entries of `owner`, oldest change first (a delete by owner tombstones them in that order). */
function ownedEntries(tx: TxContext, dir: TwonDirectoryRef, owner: string): Promise<Owned[]> {
  return tx.tx
    .select({ uuid: twonEntries.uuid, spelling: twonEntries.spelling })
    .from(twonEntries)
    .where(
      and(
        eq(twonEntries.workspaceId, dir.workspaceId),
        eq(twonEntries.directoryId, dir.id),
        eq(twonEntries.owner, owner),
        eq(twonEntries.deleted, false),
      ),
    )
    .orderBy(asc(twonEntries.ts), asc(twonEntries.uuid))
    .execute();
}
