import { type Queryable, soajsGroups, soajsUserPins, soajsUsers } from '@profilehub/db';
import { and, asc, count, eq, ilike, inArray, ne, not, or, type SQL, sql } from 'drizzle-orm';
import { hashPassword } from '../../auth/password';
import type { AuthedContext } from '../../context';
import type { SoajsSetLockedInput, SoajsUserRecord } from '../../contract/soajs';
import { audit } from '../audit';
import { inTransaction, type TxContext } from '../tx';
import { type SoajsArgs as Args, configSchema, params } from './apis';
import {
  generatePin,
  hashPin,
  newObjectId,
  parseObjectId,
  resolveCaller,
  rethrowSaveFailure,
  type SoajsCaller,
  soajsError,
} from './common';
import { validateSchema } from './imfv';
import { configPins, isObject, storeAllowedTenants, toUserRecord, type UserRow, userColumns } from './records';

const MAX_PAGE = 2000;

function page(data: Record<string, unknown>) {
  // URAC paginates only when `limit` is truthy; limit=0 means "no limit", bounded here by the maximum page.
  // A negative limit is MongoDB's single-batch limit: at most |limit| documents.
  const limit = Math.min(Math.abs(data.limit as number), MAX_PAGE);
  // `start` is any integer ≥ 0 the client sends (1e20 included); past the end of a bigint OFFSET nothing
  // is returned either way.
  const offset = Math.min(data.start as number, Number.MAX_SAFE_INTEGER);
  return limit > 0 ? { limit, offset } : { limit: MAX_PAGE, offset: 0 };
}

// URAC builds a case-insensitive RegExp from `keywords`; here they match as a literal substring, so a
// stray regex metacharacter can neither fail the query nor make it slow.
function keywordFilter(keywords: unknown): SQL | undefined {
  if (typeof keywords !== 'string' || keywords === '') return undefined;
  // No stored text can hold a NUL (and PostgreSQL refuses one in a parameter), so nothing matches.
  if (keywords.includes('\0')) return sql`false`;
  const pattern = `%${keywords.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(
    ilike(soajsUsers.username, pattern),
    ilike(soajsUsers.email, pattern),
    ilike(soajsUsers.firstName, pattern),
    ilike(soajsUsers.lastName, pattern),
  );
}

const inWorkspace = (ctx: AuthedContext) => eq(soajsUsers.workspaceId, ctx.actor.workspaceId);

async function loadForUpdate(tx: TxContext, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.tx
    .select(userColumns)
    .from(soajsUsers)
    .where(and(inWorkspace(tx), eq(soajsUsers.id, id)))
    .for('update');
  return row;
}

// ── reads ───────────────────────────────────────────────────────────────────────────────────────────────

export async function getUser({ ctx, input }: Args): Promise<SoajsUserRecord> {
  const data = params('getUser', input);
  const id = parseObjectId(data.uId);
  if (!id) throw soajsError(411);
  const [row] = await ctx.db
    .select(userColumns)
    .from(soajsUsers)
    .where(and(inWorkspace(ctx), eq(soajsUsers.id, id)));
  if (!row) throw soajsError(405);
  return toUserRecord(row, true);
}

/** All users of the workspace (URAC v2 listUsers has no tenant filter); `config` only when asked for. */
export async function listUsers({ ctx, input }: Args): Promise<SoajsUserRecord[]> {
  const data = params('listUsers', input);
  const { limit, offset } = page(data);
  const rows = await ctx.db
    .select(userColumns)
    .from(soajsUsers)
    .where(and(inWorkspace(ctx), keywordFilter(data.keywords)))
    .orderBy(asc(soajsUsers.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => toUserRecord(r, data.config === true));
}

/** Users by id; ids that cannot be ObjectIds are skipped silently, as URAC does. */
export async function listUsersById({ ctx, input }: Args): Promise<SoajsUserRecord[]> {
  const data = params('listUsersById', input);
  const ids = [...new Set((data.uId as unknown[]).map(parseObjectId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  const { limit, offset } = page(data);
  const rows = await ctx.db
    .select(userColumns)
    .from(soajsUsers)
    .where(and(inWorkspace(ctx), inArray(soajsUsers.id, ids)))
    .orderBy(asc(soajsUsers.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => toUserRecord(r, data.config === true));
}

/** Counts the calling tenant's users only (URAC countUsers filters on tenant.id). */
export async function countUsers({ ctx, input }: Args): Promise<{ count: number }> {
  const data = params('countUsers', input);
  const caller = await resolveCaller(ctx, input.tenantId);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(soajsUsers)
    .where(and(inWorkspace(ctx), eq(soajsUsers.tenantId, caller.tenantId), keywordFilter(data.keywords)));
  return { count: row?.n ?? 0 };
}

// ── writes ──────────────────────────────────────────────────────────────────────────────────────────────

/** Locked users are invisible to a status change (URAC filters `locked != true`), so they answer 405. */
export async function changeUserStatus({ ctx, input }: Args): Promise<true> {
  const data = params('changeUserStatus', input);
  const id = parseObjectId(data.uId);
  if (!id) throw soajsError(411);
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!before || before.locked) throw soajsError(405);
    const status = data.status as 'active' | 'inactive';
    try {
      await tx.tx
        .update(soajsUsers)
        .set({ status, updatedAt: ctx.now() })
        .where(and(inWorkspace(ctx), eq(soajsUsers.id, id)));
    } catch (err) {
      rethrowSaveFailure(err, 407);
    }
    await audit(tx, {
      action: 'soajs.user.status',
      entityType: 'soajs_user',
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
    return true as const;
  });
}

/** Inserts a pin for the user within `tenantId`, drawing again when the pin is taken there. */
async function issuePin(tx: Queryable, workspaceId: string, tenantId: string, userId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pinHash = hashPin(workspaceId, tenantId, generatePin());
    const inserted = await tx
      .insert(soajsUserPins)
      .values({ workspaceId, tenantId, pinHash, userId })
      .onConflictDoNothing()
      .returning({ pinHash: soajsUserPins.pinHash });
    if (inserted.length > 0) return pinHash;
  }
  throw soajsError(407);
}

export async function addUser({ ctx, input }: Args): Promise<{ id: string }> {
  const data = params('addUser', input);
  const caller = await resolveCaller(ctx, input.tenantId);
  const status = data.status as 'active' | 'inactive' | 'pendingNew';
  const password = typeof data.password === 'string' && data.password !== '' ? data.password : undefined;
  // A pending account sets its own password; any other one needs it now.
  if ((status === 'pendingNew') === (password !== undefined)) throw soajsError(424);
  if (password !== undefined && password !== data.confirmation) throw soajsError(408);
  const passwordHash = password ? await hashPassword(password) : null;
  const username = data.username as string;
  const email = data.email as string;
  return inTransaction(ctx, async (tx) => {
    const [existing] = await tx.tx
      .select({ id: soajsUsers.id })
      .from(soajsUsers)
      .where(
        and(
          inWorkspace(ctx),
          or(sql`lower(${soajsUsers.username}) = lower(${username})`, sql`lower(${soajsUsers.email}) = lower(${email})`),
        ),
      )
      .limit(1);
    if (existing) throw soajsError(402);
    const now = ctx.now();
    const id = newObjectId(now);
    const pin = data.pin as { code: boolean; allowed: boolean } | undefined;
    let row: UserRow | undefined;
    try {
      [row] = await tx.tx
        .insert(soajsUsers)
        .values({
          workspaceId: ctx.actor.workspaceId,
          id,
          username,
          passwordHash,
          firstName: data.firstName as string,
          lastName: data.lastName as string,
          email,
          status,
          profile: isObject(data.profile) ? data.profile : {},
          groups: (data.groups as string[] | undefined) ?? [],
          config: {},
          tenantId: caller.tenantId,
          tenantCode: caller.tenantCode,
          ts: now.getTime(),
        })
        .returning(userColumns);
    } catch (err) {
      rethrowSaveFailure(err, 414);
    }
    if (pin?.code) {
      const code = await issuePin(tx.tx, ctx.actor.workspaceId, caller.tenantId, id);
      const tenantPin = { code, allowed: pin.allowed };
      await tx.tx
        .update(soajsUsers)
        .set({ tenantPin })
        .where(and(inWorkspace(ctx), eq(soajsUsers.id, id)));
      row = { ...row!, tenantPin };
    }
    await audit(tx, { action: 'soajs.user.create', entityType: 'soajs_user', entityId: id, after: toUserRecord(row!, true) });
    return { id };
  });
}

type ConfigInput = { packages?: unknown; keys?: unknown; allowedTenants?: unknown[] };

/**
 * URAC editConfig merge: a non-object stored config starts from {}; `packages`, `keys` and
 * `allowedTenants` are each replaced when given (an empty object or list replaces too), absent ones kept.
 */
function mergeConfig(workspaceId: string, stored: unknown, incoming: ConfigInput): Record<string, unknown> {
  const base = isObject(stored) ? { ...stored } : {};
  if (incoming.packages) base.packages = incoming.packages;
  if (incoming.keys) base.keys = incoming.keys;
  if (incoming.allowedTenants) base.allowedTenants = storeAllowedTenants(workspaceId, incoming.allowedTenants, base.allowedTenants);
  return base;
}

/** Re-keys the user's config pins; a pin another user holds in that tenant fails the save (unique). */
async function syncConfigPins(tx: TxContext, user: UserRow, config: unknown) {
  const ws = tx.actor.workspaceId;
  const own = isObject(user.tenantPin) && typeof user.tenantPin.code === 'string' ? user.tenantPin.code : null;
  await tx.tx
    .delete(soajsUserPins)
    .where(
      and(
        eq(soajsUserPins.workspaceId, ws),
        eq(soajsUserPins.userId, user.id),
        own ? not(and(eq(soajsUserPins.tenantId, user.tenantId), eq(soajsUserPins.pinHash, own))!) : undefined,
      ),
    );
  // The same pin twice in one user's record identifies nobody else (MongoDB's unique multikey index does
  // not compare a document with itself): the user's own tenant pin and repeated entries are kept once.
  const pins = new Map<string, { tenantId: string; pinHash: string }>();
  for (const p of configPins(config)) {
    if (p.tenantId === user.tenantId && p.pinHash === own) continue;
    pins.set(JSON.stringify([p.tenantId, p.pinHash]), p);
  }
  if (pins.size > 0) await tx.tx.insert(soajsUserPins).values([...pins.values()].map((p) => ({ workspaceId: ws, userId: user.id, ...p })));
}

function assertUnlocked(caller: SoajsCaller, user: UserRow) {
  // A locked (root) record may only be changed through the locked (root) tenant.
  if (!caller.locked && user.locked) throw soajsError(500);
}

export async function editUserConfig({ ctx, input }: Args): Promise<true> {
  const data = params('editUserConfig', input);
  const id = parseObjectId(data.uId);
  if (!id) throw soajsError(411);
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!before) throw soajsError(405);
    assertUnlocked(caller, before);
    const config = mergeConfig(ctx.actor.workspaceId, before.config, data.config as ConfigInput);
    try {
      await tx.tx
        .update(soajsUsers)
        .set({ config, updatedAt: ctx.now() })
        .where(and(inWorkspace(ctx), eq(soajsUsers.id, id)));
      await syncConfigPins(tx, before, config);
    } catch (err) {
      rethrowSaveFailure(err, 407);
    }
    await audit(tx, { action: 'soajs.user.config', entityType: 'soajs_user', entityId: id, before: before.config, after: config });
    return true as const;
  });
}

export async function editUser({ ctx, input }: Args): Promise<true> {
  const data = params('editUser', input);
  const password = typeof data.password === 'string' && data.password !== '' ? data.password : undefined;
  if (password !== undefined && password !== data.confirmation) throw soajsError(408);
  const id = parseObjectId(data.uId);
  if (!id) throw soajsError(411);
  const caller = await resolveCaller(ctx, input.tenantId);
  const passwordHash = password ? await hashPassword(password) : undefined;
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!before) throw soajsError(405);
    assertUnlocked(caller, before);
    // editUser replaces the whole record: groups left out are cleared, as URAC does.
    const groups = (data.groups as string[] | undefined) ?? [];
    if (groups.length > 0) {
      // Group codes belong to the user's tenant (each tenant has its own), whoever is editing.
      const wanted = [...new Set(groups)];
      const found = await tx.tx
        .select({ code: soajsGroups.code })
        .from(soajsGroups)
        .where(
          and(
            eq(soajsGroups.workspaceId, ctx.actor.workspaceId),
            eq(soajsGroups.tenantId, before.tenantId),
            inArray(soajsGroups.code, wanted),
          ),
        );
      if (found.length !== wanted.length) throw soajsError(415);
    }
    const username = data.username as string;
    const [taken] = await tx.tx
      .select({ id: soajsUsers.id })
      .from(soajsUsers)
      .where(and(inWorkspace(ctx), ne(soajsUsers.id, id), sql`lower(${soajsUsers.username}) = lower(${username})`))
      .limit(1);
    if (taken) throw soajsError(410);
    // Locked (root) users keep their status, groups and config whoever edits them.
    const config =
      !before.locked && data.config ? mergeConfig(ctx.actor.workspaceId, before.config, data.config as ConfigInput) : undefined;
    const pin = data.pin as { code?: boolean; allowed?: boolean } | undefined;
    let tenantPin = before.tenantPin as { code?: string; allowed?: boolean } | null;
    const changes = {
      username,
      firstName: data.firstName as string,
      lastName: data.lastName as string,
      email: data.email as string,
      ...(isObject(data.profile) && { profile: data.profile }),
      ...(passwordHash && { passwordHash }),
      ...(!before.locked && { status: data.status as 'active' | 'inactive' | 'pendingNew' }),
      ...(!before.locked && { groups }),
      ...(config && { config }),
    };
    let after: UserRow | undefined;
    try {
      if (pin) {
        tenantPin = { ...(tenantPin ?? {}) };
        if (pin.code) {
          if (tenantPin.code)
            await tx.tx
              .delete(soajsUserPins)
              .where(
                and(
                  eq(soajsUserPins.workspaceId, ctx.actor.workspaceId),
                  eq(soajsUserPins.tenantId, before.tenantId),
                  eq(soajsUserPins.pinHash, tenantPin.code),
                ),
              );
          tenantPin.code = await issuePin(tx.tx, ctx.actor.workspaceId, before.tenantId, id);
        }
        if (pin.allowed !== undefined) tenantPin.allowed = pin.allowed;
      }
      [after] = await tx.tx
        .update(soajsUsers)
        .set({ ...changes, ...(pin && { tenantPin }), updatedAt: ctx.now() })
        .where(and(inWorkspace(ctx), eq(soajsUsers.id, id)))
        .returning(userColumns);
      // A new tenant pin frees the old one, which a config entry of the same tenant may still hold.
      if (config || pin?.code) await syncConfigPins(tx, { ...before, tenantPin }, config ?? before.config);
    } catch (err) {
      rethrowSaveFailure(err, 407);
    }
    // The record as stored (text the store normalised, e.g. a lone surrogate, included), not the input.
    await audit(tx, {
      action: 'soajs.user.update',
      entityType: 'soajs_user',
      entityId: id,
      before: toUserRecord(before, true),
      after: { ...toUserRecord(after!, true), ...(passwordHash && { password: 'changed' }) },
    });
    return true as const;
  });
}

/** An id that cannot be an ObjectId answers 405 here (not 411), as URAC's delete does. */
export async function deleteUser({ ctx, input }: Args): Promise<true> {
  const data = params('deleteUser', input);
  const id = parseObjectId(data.uId);
  if (!id) throw soajsError(405);
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!before) throw soajsError(405);
    // Root records are never deleted, whoever asks.
    if (before.locked) throw soajsError(500);
    await tx.tx.delete(soajsUserPins).where(and(eq(soajsUserPins.workspaceId, ctx.actor.workspaceId), eq(soajsUserPins.userId, id)));
    await tx.tx.delete(soajsUsers).where(and(inWorkspace(ctx), eq(soajsUsers.id, id)));
    await audit(tx, { action: 'soajs.user.delete', entityType: 'soajs_user', entityId: id, before: toUserRecord(before, true) });
    return true as const;
  });
}

/** Admin only: sets or clears a user's lock (root) flag. */
export async function setUserLocked({ ctx, input }: { ctx: AuthedContext; input: SoajsSetLockedInput }): Promise<true> {
  const id = input.uId.toLowerCase();
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!before) throw soajsError(405);
    await tx.tx
      .update(soajsUsers)
      .set({ locked: input.locked, updatedAt: ctx.now() })
      .where(and(inWorkspace(ctx), eq(soajsUsers.id, id)));
    await audit(tx, {
      action: 'soajs.user.lock',
      entityType: 'soajs_user',
      entityId: id,
      before: { locked: before.locked },
      after: { locked: input.locked },
    });
    return true as const;
  });
}

/** Checks a config against the editUserConfig schema without saving (the admin editor's pre-check). */
export function checkConfig(config: unknown) {
  const errors = validateSchema(config, { ...configSchema, required: true });
  return {
    valid: errors.length === 0,
    issues: errors.map((e) => ({ path: `config${e.path.slice('instance'.length)}`, message: e.message })),
  };
}
