import { isUniqueViolation, perDatabase, soajsUserPins, soajsUsers } from '@profilehub/db';
import { and, asc, count, eq, ilike, inArray, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { vendorPrincipal } from '../../auth/actor';
import { hashPassword } from '../../auth/password';
import type { AuthedContext } from '../../context';
import { containsPattern } from '../../contract/page';
import type {
  SoajsAddUserInput,
  SoajsChangeUserStatusInput,
  SoajsCountUsersInput,
  SoajsListUsersByIdInput,
  SoajsListUsersInput,
  SoajsSetLockedInput,
  SoajsUserIdInput,
  SoajsUserPageInput,
  SoajsUserRecord,
} from '../../contract/soajs';
import { audit } from '../audit';
import { orderFor, pageOf, perShape, textFilter } from '../page';
import { inTransaction, type TxContext } from '../tx';
import { newObjectId, parseObjectId, resolveCaller, rethrowSaveFailure, SOAJS_VENDOR, type SoajsCaller } from './common';
import { soajsError } from './errors';
import { issuePin } from './pins';
import { toUserRecord, type UserRow, userColumns } from './records';

const MAX_PAGE = 2000;

function page(input: { start: number; limit: number }) {
  // URAC paginates only when `limit` is truthy; limit=0 means "no limit", bounded here by the maximum page.
  // A negative limit is MongoDB's single-batch limit: at most |limit| documents.
  const limit = Math.min(Math.abs(input.limit), MAX_PAGE);
  // `start` is any integer ≥ 0 the client sends (1e20 included); past the end of a bigint OFFSET nothing
  // is returned either way.
  const offset = Math.min(input.start, Number.MAX_SAFE_INTEGER);
  return limit > 0 ? { limit, offset } : { limit: MAX_PAGE, offset: 0 };
}

// URAC builds a case-insensitive RegExp from `keywords`; here they match as a literal substring, so a
// stray regex metacharacter can neither fail the query nor make it slow.
function keywordFilter(keywords: string | undefined): SQL | undefined {
  if (keywords === undefined || keywords === '') return undefined;
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

export const inWorkspace = (ctx: AuthedContext) => eq(soajsUsers.workspaceId, ctx.actor.workspaceId);

/**
 * The users a caller reaches (docs/vendor-decisions.md, SOAJS). URAC keeps a tenant's users in that tenant's
 * own database, so a tenant's key and token reach that tenant's users only: another tenant's user reads and
 * writes as unknown (405), as it would in another database. The root (locked) tenant, the dashboard owner,
 * and the workspace's own accounts and tokens reach every user. One condition, no extra round trip.
 */
export function inReach(ctx: AuthedContext): SQL {
  const tenant = vendorPrincipal(ctx.actor, SOAJS_VENDOR);
  if (tenant === null) return inWorkspace(ctx);
  return and(inWorkspace(ctx), tenantReach(tenant))!;
}

/** A tenant's key reaches its own users, and every user when the tenant is locked (the console's own). */
function tenantReach(tenant: string | Placeholder): SQL {
  return or(
    eq(soajsUsers.tenantId, tenant),
    sql`exists (select 1 from soajs_tenants t where t.workspace_id = ${soajsUsers.workspaceId} and t.id = ${tenant} and t.locked)`,
  )!;
}

export async function loadForUpdate(tx: TxContext, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.tx
    .select(userColumns)
    .from(soajsUsers)
    .where(and(inReach(tx), eq(soajsUsers.id, id)))
    .for('update');
  return row;
}

export function assertUnlocked(caller: SoajsCaller, user: UserRow) {
  // A locked (root) record may only be changed through the locked (root) tenant.
  if (!caller.locked && user.locked) throw soajsError('SOAJS_LOCKED');
}

/** A password and its confirmation, when given (an empty password is none), must match. */
export function newPassword(input: { password?: string; confirmation?: string }): string | undefined {
  const password = input.password === '' ? undefined : input.password;
  if (password !== undefined && password !== input.confirmation) throw soajsError('SOAJS_PASSWORD_MISMATCH');
  return password;
}

// ── reads ───────────────────────────────────────────────────────────────────────────────────────────────

// The getUser read, built once: as the workspace's own actors see users, and as a tenant's key does.
const userById = perDatabase((db) => {
  const byId = and(eq(soajsUsers.workspaceId, sql.placeholder('workspaceId')), eq(soajsUsers.id, sql.placeholder('id')));
  return {
    inWorkspace: db.select(userColumns).from(soajsUsers).where(byId).prepare('soajs_user_by_id'),
    inTenantReach: db
      .select(userColumns)
      .from(soajsUsers)
      .where(and(byId, tenantReach(sql.placeholder('tenant'))))
      .prepare('soajs_user_by_id_in_tenant_reach'),
  };
});

export async function getUser({ ctx, input }: { ctx: AuthedContext; input: SoajsUserIdInput }): Promise<SoajsUserRecord> {
  const id = parseObjectId(input.uId);
  if (!id) throw soajsError('SOAJS_INVALID_USER_ID');
  const tenant = vendorPrincipal(ctx.actor, SOAJS_VENDOR);
  const queries = userById(ctx.db);
  const values = { workspaceId: ctx.actor.workspaceId, id };
  const [row] = tenant === null ? await queries.inWorkspace.execute(values) : await queries.inTenantReach.execute({ ...values, tenant });
  if (!row) throw soajsError('SOAJS_USER_NOT_FOUND');
  return toUserRecord(row, true);
}

// listUsers, built once per shape: the workspace's own actors or a tenant's key; no keywords, keywords, or
// keywords with a NUL (which match nothing).
type UserListShape = `${'workspace' | 'tenant'}:${'all' | 'keywords' | 'none'}`;

const userList = perShape((db, shape: UserListShape) => {
  const [reach, filter] = shape.split(':');
  const pattern = sql.placeholder('pattern');
  return db
    .select(userColumns)
    .from(soajsUsers)
    .where(
      and(
        eq(soajsUsers.workspaceId, sql.placeholder('workspaceId')),
        reach === 'tenant' ? tenantReach(sql.placeholder('tenant')) : undefined,
        filter === 'none'
          ? sql`false`
          : filter === 'keywords'
            ? or(
                ilike(soajsUsers.username, pattern),
                ilike(soajsUsers.email, pattern),
                ilike(soajsUsers.firstName, pattern),
                ilike(soajsUsers.lastName, pattern),
              )
            : undefined,
      ),
    )
    .orderBy(asc(soajsUsers.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare(`soajs_user_list_${reach}_${filter}`);
});

/** All users the caller reaches (URAC v2 listUsers reads the tenant's database); `config` only when asked for. */
export async function listUsers({ ctx, input }: { ctx: AuthedContext; input: SoajsListUsersInput }): Promise<SoajsUserRecord[]> {
  const { limit, offset } = page(input);
  const tenant = vendorPrincipal(ctx.actor, SOAJS_VENDOR);
  const { keywords } = input;
  const filter = keywords === undefined || keywords === '' ? 'all' : keywords.includes('\0') ? 'none' : 'keywords';
  const rows = await userList(ctx.db, `${tenant === null ? 'workspace' : 'tenant'}:${filter}`).execute({
    workspaceId: ctx.actor.workspaceId,
    tenant,
    pattern: filter === 'keywords' ? containsPattern(keywords!) : undefined,
    limit,
    offset,
  });
  return rows.map((r) => toUserRecord(r, input.config === true));
}

/** The admin's users table: every tenant's users (or one tenant's), sorted and filtered on the server. */
export async function pageUsers({ ctx, input }: { ctx: AuthedContext; input: SoajsUserPageInput }) {
  const where = and(
    inWorkspace(ctx),
    input.tenant ? eq(soajsUsers.tenantCode, input.tenant) : undefined,
    textFilter(input.q, [soajsUsers.username, soajsUsers.email, soajsUsers.firstName, soajsUsers.lastName]),
  );
  const order = orderFor(
    input,
    {
      // lower(username) and lower(email) are what the unique indexes hold.
      username: [sql`lower(${soajsUsers.username})`],
      email: [sql`lower(${soajsUsers.email})`],
      name: [soajsUsers.lastName, soajsUsers.firstName],
      status: [soajsUsers.status],
      tenant: [soajsUsers.tenantCode],
    },
    soajsUsers.id,
  );
  const page = await pageOf(
    ctx.db
      .select(userColumns)
      .from(soajsUsers)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(soajsUsers).where(where),
  );
  return { items: page.items.map((r) => toUserRecord(r, false)), total: page.total };
}

/** Users by id; ids that cannot be ObjectIds are skipped silently, as URAC does. */
export async function listUsersById({ ctx, input }: { ctx: AuthedContext; input: SoajsListUsersByIdInput }): Promise<SoajsUserRecord[]> {
  const ids = [...new Set(input.uId.map(parseObjectId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  const { limit, offset } = page(input);
  const rows = await ctx.db
    .select(userColumns)
    .from(soajsUsers)
    .where(and(inReach(ctx), inArray(soajsUsers.id, ids)))
    .orderBy(asc(soajsUsers.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => toUserRecord(r, input.config === true));
}

/** Counts the calling tenant's users only (URAC countUsers filters on tenant.id). */
export async function countUsers({ ctx, input }: { ctx: AuthedContext; input: SoajsCountUsersInput }): Promise<{ count: number }> {
  const caller = await resolveCaller(ctx, input.tenantId);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(soajsUsers)
    .where(and(inWorkspace(ctx), eq(soajsUsers.tenantId, caller.tenantId), keywordFilter(input.keywords)));
  return { count: row?.n ?? 0 };
}

// ── writes ──────────────────────────────────────────────────────────────────────────────────────────────

/** Locked users are invisible to a status change (URAC filters `locked != true`), so they answer 405. */
export async function changeUserStatus({ ctx, input }: { ctx: AuthedContext; input: SoajsChangeUserStatusInput }): Promise<true> {
  const id = parseObjectId(input.uId);
  if (!id) throw soajsError('SOAJS_INVALID_USER_ID');
  const { status } = input;
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!before || before.locked) throw soajsError('SOAJS_USER_NOT_FOUND');
    try {
      await tx.tx
        .update(soajsUsers)
        .set({ status, updatedAt: ctx.now() })
        .where(and(inWorkspace(ctx), eq(soajsUsers.id, id)));
    } catch (err) {
      rethrowSaveFailure(err, 'SOAJS_SAVE_REFUSED');
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

export async function addUser({ ctx, input }: { ctx: AuthedContext; input: SoajsAddUserInput }): Promise<{ id: string }> {
  const caller = await resolveCaller(ctx, input.tenantId);
  const { username, email, status } = input;
  const password = input.password === '' ? undefined : input.password;
  // A pending account sets its own password; any other one needs it now.
  if ((status === 'pendingNew') === (password !== undefined)) throw soajsError('SOAJS_PENDING_WITH_PASSWORD');
  newPassword(input);
  const passwordHash = password ? await hashPassword(password) : null;
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
    if (existing) throw soajsError('SOAJS_USER_EXISTS');
    const now = ctx.now();
    const id = newObjectId(now);
    let row: UserRow | undefined;
    try {
      [row] = await tx.tx
        .insert(soajsUsers)
        .values({
          workspaceId: ctx.actor.workspaceId,
          id,
          username,
          passwordHash,
          firstName: input.firstName,
          lastName: input.lastName,
          email,
          status,
          profile: input.profile ?? {},
          groups: input.groups ?? [],
          config: {},
          tenantId: caller.tenantId,
          tenantCode: caller.tenantCode,
          ts: now.getTime(),
        })
        .returning(userColumns);
    } catch (err) {
      // Two concurrent adds of one username or e-mail both pass the check above; the unique index decides,
      // and the loser gets what it would have got a moment later: 402, never 414 (the id is fresh, so the
      // username and e-mail indexes are the only unique keys an insert can hit).
      if (isUniqueViolation(err)) throw soajsError('SOAJS_USER_EXISTS');
      rethrowSaveFailure(err, 'SOAJS_USER_NOT_ADDED');
    }
    if (input.pin?.code) {
      const code = await issuePin(tx.tx, ctx.actor.workspaceId, caller.tenantId, id);
      const tenantPin = { code, allowed: input.pin.allowed };
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

/** An id that cannot be an ObjectId answers 405 here (not 411), as URAC's delete does. */
export async function deleteUser({ ctx, input }: { ctx: AuthedContext; input: SoajsUserIdInput }): Promise<true> {
  const id = parseObjectId(input.uId);
  if (!id) throw soajsError('SOAJS_USER_NOT_FOUND');
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!before) throw soajsError('SOAJS_USER_NOT_FOUND');
    // Root records are never deleted, whoever asks.
    if (before.locked) throw soajsError('SOAJS_LOCKED');
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
    if (!before) throw soajsError('SOAJS_USER_NOT_FOUND');
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
