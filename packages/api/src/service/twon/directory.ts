// 2N directories (one per emulated device) and their device accounts.

import { randomBytes } from 'node:crypto';
import { changeSequences, isUniqueViolation, type Queryable, twonAccounts, twonDirectories, twonEntries } from '@profilehub/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { vendorPrincipal } from '../../auth/actor';
import { hashPassword } from '../../auth/password';
import { generatePassword } from '../../auth/secrets';
import type { AuthedContext } from '../../context';
import type {
  TwonAccountCreateInput,
  TwonAccountUpdateInput,
  TwonDirectoryCreateInput,
  TwonDirectoryUpdateInput,
  TwonModel,
} from '../../contract/twon';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError, ValidationError } from '../../errors';
import { currentGrants } from '../actor-cache';
import { audit } from '../audit';
import { inTransaction } from '../tx';
import { digestHa1, TWON_VENDOR } from './auth';
import { refColumns, type TwonDirectoryRef } from './directory-ref';

export type { TwonDirectoryRef } from './directory-ref';

/** A new series: the decimal string of a random unsigned 64-bit number, as a device makes at factory reset. */
export function newSeries(): string {
  let value = 0n;
  while (value === 0n) value = randomBytes(8).readBigUInt64BE();
  return value.toString();
}

export function changeScope(directoryId: string): string {
  return `twon:${directoryId}`;
}

/**
 * The directory a call addresses: a device account's own (its credentials decide, spec 7.4), or the one an
 * admin caller names.
 */
export async function loadDirectory(q: Queryable, ctx: AuthedContext, directoryId: string | undefined): Promise<TwonDirectoryRef> {
  // A device's reads use the directory its credential resolved to (re-read once any credential changed).
  const granted = vendorPrincipal(ctx.actor, TWON_VENDOR) !== null ? currentGrants(ctx.db, ctx.actor, 'twoN')?.directory : undefined;
  if (granted) {
    if (directoryId && directoryId !== granted.id)
      throw new ForbiddenError('TWON_FORBIDDEN', 'A device account addresses its own directory');
    return granted;
  }
  return (await findDirectory(q, ctx, directoryId, false)) as TwonDirectoryRef;
}

/** A directory as a batch holds it: locked, with its live entries and tombstones as of the lock. */
export type LockedDirectory = TwonDirectoryRef & { liveEntries: number; tombstones: number };

/**
 * The directory a batch writes, locked for its transaction so batches on one directory run one after the
 * other (existence checks, capacity and the timestamp sequence stay exact). Its counts come with the lock:
 * after waiting for the lock PostgreSQL answers the row as the previous batch committed it.
 */
export async function lockDirectory(q: Queryable, ctx: AuthedContext, directoryId: string | undefined): Promise<LockedDirectory> {
  return (await findDirectory(q, ctx, directoryId, true)) as LockedDirectory;
}

const lockedColumns = { ...refColumns, liveEntries: twonDirectories.liveEntries, tombstones: twonDirectories.tombstones };

async function findDirectory(q: Queryable, ctx: AuthedContext, directoryId: string | undefined, lock: boolean) {
  const ws = ctx.actor.workspaceId;
  const columns = lock ? lockedColumns : refColumns;
  let row: TwonDirectoryRef | undefined;
  const deviceAccount = vendorPrincipal(ctx.actor, TWON_VENDOR);
  if (deviceAccount !== null) {
    const query = q
      .select(columns)
      .from(twonDirectories)
      .innerJoin(twonAccounts, eq(twonAccounts.directoryId, twonDirectories.id))
      .where(and(eq(twonAccounts.workspaceId, ws), eq(twonAccounts.id, deviceAccount)));
    [row] = (await (lock ? query.for('update', { of: twonDirectories }) : query)) as TwonDirectoryRef[];
    if (row && directoryId && directoryId !== row.id)
      throw new ForbiddenError('TWON_FORBIDDEN', 'A device account addresses its own directory');
  } else {
    if (!directoryId) throw new ValidationError([{ path: 'directoryId', message: 'Required' }]);
    const query = q
      .select(columns)
      .from(twonDirectories)
      .where(and(eq(twonDirectories.workspaceId, ws), eq(twonDirectories.id, directoryId)));
    [row] = (await (lock ? query.for('update') : query)) as TwonDirectoryRef[];
  }
  if (!row) throw new NotFoundError('twon_directory', directoryId, 'TWON_DIRECTORY_NOT_FOUND');
  return row;
}

/** The directory's highest timestamp (its change sequence; 0 before the first change). */
export async function highestTimestamp(q: Queryable, dir: TwonDirectoryRef): Promise<number> {
  const [row] = await q
    .select({ value: changeSequences.value })
    .from(changeSequences)
    .where(and(eq(changeSequences.workspaceId, dir.workspaceId), eq(changeSequences.scope, changeScope(dir.id))));
  return row?.value ?? 0;
}

// drizzle renders columns in a select list unqualified; inside a subquery an unqualified "id" would bind to
// the inner table, so the outer directory id is spelled out.
const outerId = sql.raw('"twon_directories"."id"');

const directoryColumns = (ws: string) => ({
  id: twonDirectories.id,
  name: twonDirectories.name,
  model: twonDirectories.model,
  series: twonDirectories.series,
  capacity: twonDirectories.capacity,
  authMode: twonDirectories.authMode,
  createdAt: twonDirectories.createdAt,
  updatedAt: twonDirectories.updatedAt,
  timestamp:
    sql<number>`coalesce((select ${changeSequences.value} from ${changeSequences} where ${changeSequences.workspaceId} = ${ws} and ${changeSequences.scope} = 'twon:' || ${outerId}::text), 0)::bigint`.mapWith(
      Number,
    ),
  liveEntries:
    sql<number>`(select count(*) from ${twonEntries} where ${twonEntries.workspaceId} = ${ws} and ${twonEntries.directoryId} = ${outerId} and not ${twonEntries.deleted})::int`.mapWith(
      Number,
    ),
  deletedEntries:
    sql<number>`(select count(*) from ${twonEntries} where ${twonEntries.workspaceId} = ${ws} and ${twonEntries.directoryId} = ${outerId} and ${twonEntries.deleted})::int`.mapWith(
      Number,
    ),
  accounts:
    sql<number>`(select count(*) from ${twonAccounts} where ${twonAccounts.workspaceId} = ${ws} and ${twonAccounts.directoryId} = ${outerId})::int`.mapWith(
      Number,
    ),
});

type DirectoryRow = { model: string; authMode: string } & Record<string, unknown>;
function asDirectory<T extends DirectoryRow>(row: T) {
  return { ...row, model: row.model as TwonModel, authMode: row.authMode as 'any' | 'digest' };
}

export async function listDirectories({ ctx }: { ctx: AuthedContext }) {
  const ws = ctx.actor.workspaceId;
  const rows = await ctx.db
    .select(directoryColumns(ws))
    .from(twonDirectories)
    .where(eq(twonDirectories.workspaceId, ws))
    .orderBy(asc(twonDirectories.name));
  return rows.map(asDirectory);
}

export async function getDirectory({ ctx, input }: { ctx: AuthedContext; input: { id: string } }) {
  const ws = ctx.actor.workspaceId;
  const [row] = await ctx.db
    .select(directoryColumns(ws))
    .from(twonDirectories)
    .where(and(eq(twonDirectories.workspaceId, ws), eq(twonDirectories.id, input.id)));
  if (!row) throw new NotFoundError('twon_directory', input.id, 'TWON_DIRECTORY_NOT_FOUND');
  return asDirectory(row);
}

export async function createDirectory({ ctx, input }: { ctx: AuthedContext; input: Required<TwonDirectoryCreateInput> }) {
  const id = await inTransaction(ctx, async (tx) => {
    try {
      const [row] = await tx.tx
        .insert(twonDirectories)
        .values({
          workspaceId: ctx.actor.workspaceId,
          name: input.name,
          model: input.model,
          capacity: input.capacity,
          authMode: input.authMode,
          series: newSeries(),
        })
        .returning();
      await audit(tx, { action: 'twon.directory.create', entityType: 'twon_directory', entityId: row!.id, after: row });
      return row!.id;
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('TWON_DIRECTORY_EXISTS', `A directory named ${input.name} already exists`);
      throw err;
    }
  });
  return getDirectory({ ctx, input: { id } });
}

export async function updateDirectory({ ctx, input }: { ctx: AuthedContext; input: TwonDirectoryUpdateInput }) {
  await inTransaction(ctx, async (tx) => {
    const ws = ctx.actor.workspaceId;
    const [before] = await tx.tx
      .select()
      .from(twonDirectories)
      .where(and(eq(twonDirectories.workspaceId, ws), eq(twonDirectories.id, input.id)))
      .for('update');
    if (!before) throw new NotFoundError('twon_directory', input.id, 'TWON_DIRECTORY_NOT_FOUND');
    if (input.model && input.model !== before.model) {
      const [n] = await tx.tx
        .select({ n: sql<number>`count(*)::int` })
        .from(twonEntries)
        .where(and(eq(twonEntries.workspaceId, ws), eq(twonEntries.directoryId, input.id)));
      if ((n?.n ?? 0) > 0)
        throw new PreconditionError('TWON_DIRECTORY_NOT_EMPTY', 'The model can only change while the directory is empty');
    }
    try {
      const [after] = await tx.tx
        .update(twonDirectories)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.model !== undefined && { model: input.model }),
          ...(input.capacity !== undefined && { capacity: input.capacity }),
          ...(input.authMode !== undefined && { authMode: input.authMode }),
          updatedAt: ctx.now(),
        })
        .where(and(eq(twonDirectories.workspaceId, ws), eq(twonDirectories.id, input.id)))
        .returning();
      await audit(tx, { action: 'twon.directory.update', entityType: 'twon_directory', entityId: input.id, before, after });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('TWON_DIRECTORY_EXISTS', `A directory named ${input.name} already exists`);
      throw err;
    }
  });
  return getDirectory({ ctx, input: { id: input.id } });
}

/** Wipes every entry and tombstone and starts a new series: sync clients see the series change and resync. */
export async function resetDirectory({ ctx, input }: { ctx: AuthedContext; input: { id: string } }) {
  await inTransaction(ctx, async (tx) => {
    const ws = ctx.actor.workspaceId;
    const [before] = await tx.tx
      .select()
      .from(twonDirectories)
      .where(and(eq(twonDirectories.workspaceId, ws), eq(twonDirectories.id, input.id)))
      .for('update');
    if (!before) throw new NotFoundError('twon_directory', input.id, 'TWON_DIRECTORY_NOT_FOUND');
    await tx.tx.delete(twonEntries).where(and(eq(twonEntries.workspaceId, ws), eq(twonEntries.directoryId, input.id)));
    const series = newSeries();
    await tx.tx
      .update(twonDirectories)
      .set({ series, liveEntries: 0, tombstones: 0, updatedAt: ctx.now() })
      .where(and(eq(twonDirectories.workspaceId, ws), eq(twonDirectories.id, input.id)));
    await audit(tx, {
      action: 'twon.directory.reset',
      entityType: 'twon_directory',
      entityId: input.id,
      before: { series: before.series },
      after: { series },
    });
  });
  return getDirectory({ ctx, input });
}

export async function deleteDirectory({ ctx, input }: { ctx: AuthedContext; input: { id: string } }) {
  return inTransaction(ctx, async (tx) => {
    const ws = ctx.actor.workspaceId;
    const [row] = await tx.tx
      .delete(twonDirectories)
      .where(and(eq(twonDirectories.workspaceId, ws), eq(twonDirectories.id, input.id)))
      .returning();
    if (!row) throw new NotFoundError('twon_directory', input.id, 'TWON_DIRECTORY_NOT_FOUND');
    await audit(tx, { action: 'twon.directory.delete', entityType: 'twon_directory', entityId: input.id, before: row });
    return { id: input.id };
  });
}

// ---- device accounts ---------------------------------------------------------------------------------------

const accountColumns = {
  id: twonAccounts.id,
  directoryId: twonAccounts.directoryId,
  username: twonAccounts.username,
  access: twonAccounts.access,
  digest: sql<boolean>`${twonAccounts.digestHa1} is not null`,
  disabledAt: twonAccounts.disabledAt,
  createdAt: twonAccounts.createdAt,
  updatedAt: twonAccounts.updatedAt,
};

export async function listAccounts({ ctx, input }: { ctx: AuthedContext; input: { directoryId: string } }) {
  return ctx.db
    .select(accountColumns)
    .from(twonAccounts)
    .where(and(eq(twonAccounts.workspaceId, ctx.actor.workspaceId), eq(twonAccounts.directoryId, input.directoryId)))
    .orderBy(asc(twonAccounts.username));
}

export async function createAccount({ ctx, input }: { ctx: AuthedContext; input: TwonAccountCreateInput }) {
  const generated = input.password ? null : generatePassword();
  const password = input.password ?? generated!;
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx, async (tx) => {
    const [dir] = await tx.tx
      .select({ id: twonDirectories.id })
      .from(twonDirectories)
      .where(and(eq(twonDirectories.workspaceId, ctx.actor.workspaceId), eq(twonDirectories.id, input.directoryId)));
    if (!dir) throw new NotFoundError('twon_directory', input.directoryId, 'TWON_DIRECTORY_NOT_FOUND');
    try {
      const [account] = await tx.tx
        .insert(twonAccounts)
        .values({
          workspaceId: ctx.actor.workspaceId,
          directoryId: input.directoryId,
          username: input.username,
          access: input.access ?? 'read',
          passwordHash,
          // A Basic-only account keeps no HA1: nothing password-equivalent is stored for it.
          digestHa1: input.digest === false ? null : digestHa1(input.username, password),
        })
        .returning(accountColumns);
      await audit(tx, { action: 'twon.account.create', entityType: 'twon_account', entityId: account!.id, after: account });
      return { account: account!, password: generated };
    } catch (err) {
      // Device user names are unique across the installation (Basic/Digest carry no workspace).
      if (isUniqueViolation(err)) throw new ConflictError('TWON_ACCOUNT_EXISTS', `The user name ${input.username} is taken`);
      throw err;
    }
  });
}

export async function updateAccount({ ctx, input }: { ctx: AuthedContext; input: TwonAccountUpdateInput }) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return inTransaction(ctx, async (tx) => {
    const where = and(eq(twonAccounts.workspaceId, ctx.actor.workspaceId), eq(twonAccounts.id, input.id));
    const [before] = await tx.tx.select(accountColumns).from(twonAccounts).where(where).for('update');
    if (!before) throw new NotFoundError('twon_account', input.id, 'TWON_ACCOUNT_NOT_FOUND');
    const digest = input.digest ?? before.digest;
    // HA1 is derived from the password: Digest can be turned on only together with a new password.
    if (digest && !before.digest && !input.password)
      throw new ValidationError([
        { path: 'password', message: 'Turning Digest on needs the password (the Digest HA1 is derived from it)' },
      ]);
    const [after] = await tx.tx
      .update(twonAccounts)
      .set({
        ...(input.access && { access: input.access }),
        ...(passwordHash && { passwordHash }),
        ...(!digest ? { digestHa1: null } : input.password ? { digestHa1: digestHa1(before.username, input.password) } : {}),
        ...(input.disabled !== undefined && { disabledAt: input.disabled ? (before.disabledAt ?? ctx.now()) : null }),
        updatedAt: ctx.now(),
      })
      .where(where)
      .returning(accountColumns);
    await audit(tx, {
      action: 'twon.account.update',
      entityType: 'twon_account',
      entityId: input.id,
      before,
      after: { ...after, ...(passwordHash && { password: 'changed' }) },
    });
    return after!;
  });
}

export async function deleteAccount({ ctx, input }: { ctx: AuthedContext; input: { id: string } }) {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.tx
      .delete(twonAccounts)
      .where(and(eq(twonAccounts.workspaceId, ctx.actor.workspaceId), eq(twonAccounts.id, input.id)))
      .returning(accountColumns);
    if (!row) throw new NotFoundError('twon_account', input.id, 'TWON_ACCOUNT_NOT_FOUND');
    await audit(tx, { action: 'twon.account.delete', entityType: 'twon_account', entityId: input.id, before: row });
    return { id: input.id };
  });
}
