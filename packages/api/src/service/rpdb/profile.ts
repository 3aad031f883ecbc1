import { isUniqueViolation, perDatabase, type Queryable, rpdbProfileAttributes, rpdbProfiles } from '@profilehub/db';
import { and, asc, eq, inArray, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type {
  RpdbProfile,
  RpdbProfileCreateInput,
  RpdbProfileDeleteInput,
  RpdbProfileGetInput,
  RpdbProfileListInput,
  RpdbProfileSortInput,
  RpdbProfileUpdateInput,
} from '../../contract/rpdb';
import { ConflictError, NotFoundError, PreconditionError } from '../../errors';
import { audit, nextChange } from '../audit';
import { inTransaction, type TxContext, together } from '../tx';
import { type RpdbPrincipal, resolvePrincipal } from './principal';

// Rules from https://rpdb.rpjosh.de/docs/api/profile (seed 001) and spec §2 / §7.2:
// - a key sees a profile only if it has a right other than `none` on at least one of its attributes (the
//   attribute's default_right applies where the key has no explicit right);
// - `ignore_rights` lifts that for privileged keys only (412 NOT_PRIVILEGED otherwise);
// - updating needs a privileged key; deleting and re-sorting need `write`/`all` on every attribute of the profile;
// - names are unique per account; lists are ordered by sort_order, then id.

/** Effective right of key `keyId` on the attribute row aliased `a`: its explicit right, else the default. */
function effectiveRight(keyId: number | Placeholder): SQL {
  return sql`coalesce((select r.right from rpdb_api_key_rights r
    where r.workspace_id = a.workspace_id and r.api_key_id = ${keyId} and r.attribute_id = a.id), a.default_right)`;
}

/** True when the key holds any right on at least one of the profile's attributes. */
function visibleTo(keyId: number | Placeholder): SQL {
  return sql`exists (select 1 from rpdb_profile_attributes pa
    join rpdb_attributes a on a.workspace_id = pa.workspace_id and a.id = pa.attribute_id
    where pa.workspace_id = rpdb_profiles.workspace_id and pa.profile_id = rpdb_profiles.id
      and ${effectiveRight(keyId)} <> 'none')`;
}

// Attribute ids in the order they were assigned (the doc example answers `[5, 1]`). The outer table is named
// in full on purpose: drizzle leaves columns in a select list unqualified, which inside this subquery would
// bind to `pa` and lose the workspace/profile correlation.
const attributeIds = sql<number[]>`(select coalesce(json_agg(pa.attribute_id order by pa.position), '[]'::json)
  from rpdb_profile_attributes pa where pa.workspace_id = rpdb_profiles.workspace_id and pa.profile_id = rpdb_profiles.id)`;

export const profileColumns = { id: rpdbProfiles.id, name: rpdbProfiles.name, sortOrder: rpdbProfiles.sortOrder, attributes: attributeIds };

export function inAccount(p: RpdbPrincipal): SQL {
  return and(eq(rpdbProfiles.workspaceId, p.workspaceId), eq(rpdbProfiles.accountId, p.accountId))!;
}

/** Admins and privileged keys asking with ignore_rights see every profile; a key otherwise sees through its rights. */
function seesThroughRights(p: RpdbPrincipal, ignoreRights: boolean): p is RpdbPrincipal & { keyId: number } {
  if (p.keyId === null) return false;
  if (ignoreRights) {
    if (!p.privileged) throw notPrivileged();
    return false;
  }
  return true;
}

function notPrivileged() {
  return new PreconditionError('NOT_PRIVILEGED', 'The API key is not privileged now: authorise it again');
}

export function notFound(id: number) {
  return new NotFoundError('profile', id, 'PROFILE_NOT_FOUND');
}

function nameTaken(name: string) {
  return new ConflictError('PROFILE_ALREADY_EXISTS', `A profile named ${name} already exists`, { name });
}

async function selectProfiles(db: Queryable, where: SQL | undefined): Promise<RpdbProfile[]> {
  return db.select(profileColumns).from(rpdbProfiles).where(where).orderBy(asc(rpdbProfiles.sortOrder), asc(rpdbProfiles.id));
}

/**
 * Attributes being assigned must belong to the account; a key must also be able to see them (an attribute
 * it has `none` on does not exist as far as that key is concerned).
 */
async function assertAssignable(tx: TxContext, p: RpdbPrincipal, ids: number[]) {
  if (ids.length === 0) return;
  const usableWhere = p.privileged || p.keyId === null ? sql`true` : sql`${effectiveRight(p.keyId)} <> 'none'`;
  const rows = await tx.tx
    .select({ id: sql<number>`a.id` })
    .from(sql`rpdb_attributes a`)
    .where(sql`a.workspace_id = ${p.workspaceId} and a.account_id = ${p.accountId} and a.id in ${ids} and ${usableWhere}`)
    // Keeps the attributes from being deleted before this transaction links them (else a foreign-key 500).
    .for('key share');
  const usable = new Set(rows.map((r) => Number(r.id)));
  const missing = ids.find((id) => !usable.has(id));
  if (missing !== undefined) throw new NotFoundError('attribute', missing, 'ATTRIBUTE_NOT_FOUND');
}

async function writeAttributes(tx: TxContext, p: RpdbPrincipal, profileId: number, ids: number[], replace: boolean) {
  if (replace) {
    await tx.tx
      .delete(rpdbProfileAttributes)
      .where(and(eq(rpdbProfileAttributes.workspaceId, p.workspaceId), eq(rpdbProfileAttributes.profileId, profileId)));
  }
  if (ids.length === 0) return;
  const now = tx.now();
  await tx.tx.insert(rpdbProfileAttributes).values(
    ids.map((attributeId, position) => ({
      workspaceId: p.workspaceId,
      profileId,
      attributeId,
      position,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

/** New sort orders for profiles of the principal's account, in one statement, as one change of the account. */
export async function writeSortOrders(tx: TxContext, p: RpdbPrincipal, changed: { id: number; sortOrder: number }[]) {
  const values = sql.join(
    changed.map((c) => sql`(${c.id}::int, ${c.sortOrder}::int)`),
    sql`, `,
  );
  await tx.tx.execute(sql`update rpdb_profiles set sort_order = v.sort_order, updated_at = ${tx.now().toISOString()}::timestamptz
    from (values ${values}) as v(id, sort_order)
    where rpdb_profiles.workspace_id = ${p.workspaceId} and rpdb_profiles.account_id = ${p.accountId} and rpdb_profiles.id = v.id`);
  await nextChange(tx.tx, p.workspaceId, `rpdb:${p.accountId}`);
}

async function loadForUpdate(tx: TxContext, p: RpdbPrincipal, id: number): Promise<RpdbProfile> {
  const [row] = await tx.tx
    .select(profileColumns)
    .from(rpdbProfiles)
    .where(and(inAccount(p), eq(rpdbProfiles.id, id)))
    .for('update', { of: rpdbProfiles });
  if (!row) throw notFound(id);
  return row;
}

/**
 * A key that is not privileged writes (deletes, re-sorts) only profiles it can see, and only with `write` or
 * `all` on every one of their attributes: 404 for the first id it cannot see, else 412 NO_RIGHT for the first
 * it cannot write. One grouped query for all ids; the caller has already checked they belong to the account.
 */
async function assertWritable(tx: TxContext, p: RpdbPrincipal, ids: number[]) {
  if (p.keyId === null || p.privileged || ids.length === 0) return;
  const rows = await tx.tx
    .select({
      id: sql<number>`pa.profile_id`,
      visible: sql<boolean>`bool_or(${effectiveRight(p.keyId)} <> 'none')`,
      writable: sql<boolean>`bool_and(${effectiveRight(p.keyId)} in ('write', 'all'))`,
    })
    .from(sql`rpdb_profile_attributes pa join rpdb_attributes a on a.workspace_id = pa.workspace_id and a.id = pa.attribute_id`)
    .where(sql`pa.workspace_id = ${p.workspaceId} and pa.profile_id in ${ids}`)
    .groupBy(sql`pa.profile_id`);
  // A profile without attributes has no row: no right reaches it, so it is hidden.
  const access = new Map(rows.map((r) => [Number(r.id), r]));
  const hidden = ids.find((id) => !access.get(id)?.visible);
  if (hidden !== undefined) throw notFound(hidden);
  if (ids.some((id) => !access.get(id)?.writable))
    throw new PreconditionError('NO_RIGHT', 'The API key lacks a write right on an attribute of this profile');
}

// The list, built once: as a key sees it (through its rights) and as an admin or privileged key does.
const profileList = perDatabase((db) => {
  const ofAccount = and(
    eq(rpdbProfiles.workspaceId, sql.placeholder('workspaceId')),
    eq(rpdbProfiles.accountId, sql.placeholder('accountId')),
  );
  const list = (where: SQL | undefined, name: string) =>
    db.select(profileColumns).from(rpdbProfiles).where(where).orderBy(asc(rpdbProfiles.sortOrder), asc(rpdbProfiles.id)).prepare(name);
  return {
    throughRights: list(and(ofAccount, visibleTo(sql.placeholder('keyId'))), 'rpdb_profile_list_through_rights'),
    all: list(ofAccount, 'rpdb_profile_list'),
  };
});

export async function listRpdbProfiles({ ctx, input }: { ctx: AuthedContext; input: RpdbProfileListInput }): Promise<RpdbProfile[]> {
  const p = await resolvePrincipal(ctx, ctx.db, input.accountId);
  const queries = profileList(ctx.db);
  const values = { workspaceId: p.workspaceId, accountId: p.accountId };
  return seesThroughRights(p, input.ignoreRights)
    ? queries.throughRights.execute({ ...values, keyId: p.keyId })
    : queries.all.execute(values);
}

// The GET-by-id, built once: as a key sees it (through its rights) and as an admin or privileged key does.
// The row is found by its primary key and its account checked on the row, not in the WHERE: given
// `account_id = $n` there, PostgreSQL may match (workspace_id, account_id, id) against rpdb_profiles_order_idx
// instead of the key, and on a table not yet analyzed (a fresh install taking a bulk load) it did, so every
// read walked the account's whole index: five times the database time per read at 6,000 profiles.
export const profileById = perDatabase((db) => {
  const byId = and(eq(rpdbProfiles.workspaceId, sql.placeholder('workspaceId')), eq(rpdbProfiles.id, sql.placeholder('id')));
  const columns = { ...profileColumns, accountId: rpdbProfiles.accountId };
  return {
    throughRights: db
      .select(columns)
      .from(rpdbProfiles)
      .where(and(byId, visibleTo(sql.placeholder('keyId'))))
      .prepare('rpdb_profile_by_id_through_rights'),
    all: db.select(columns).from(rpdbProfiles).where(byId).prepare('rpdb_profile_by_id'),
  };
});

export async function getRpdbProfile({ ctx, input }: { ctx: AuthedContext; input: RpdbProfileGetInput }): Promise<RpdbProfile> {
  const p = await resolvePrincipal(ctx, ctx.db, input.accountId);
  const queries = profileById(ctx.db);
  const values = { workspaceId: p.workspaceId, id: input.id };
  const [row] = seesThroughRights(p, input.ignoreRights)
    ? await queries.throughRights.execute({ ...values, keyId: p.keyId })
    : await queries.all.execute(values);
  if (!row || row.accountId !== p.accountId) throw notFound(input.id);
  return { id: row.id, name: row.name, sortOrder: row.sortOrder, attributes: row.attributes };
}

export async function createRpdbProfile({ ctx, input }: { ctx: AuthedContext; input: RpdbProfileCreateInput }): Promise<RpdbProfile> {
  return inTransaction(ctx, async (tx) => {
    const p = await resolvePrincipal(ctx, tx.tx, input.accountId);
    await assertAssignable(tx, p, input.attributes);
    const now = ctx.now();
    let id: number;
    try {
      const [row] = await tx.tx
        .insert(rpdbProfiles)
        .values({
          workspaceId: p.workspaceId,
          accountId: p.accountId,
          name: input.name,
          sortOrder: input.sortOrder,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: rpdbProfiles.id });
      id = row!.id;
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    }
    const profile: RpdbProfile = { id, name: input.name, sortOrder: input.sortOrder, attributes: input.attributes };
    // The account's change sequence is a row lock every writer of the account queues on until commit: it
    // is taken last, in one round trip with the rest.
    await together(
      writeAttributes(tx, p, id, input.attributes, false),
      audit(tx, { action: 'rpdb.profile.create', entityType: 'rpdb_profile', entityId: id, after: profile }),
      nextChange(tx.tx, p.workspaceId, `rpdb:${p.accountId}`),
    );
    return profile;
  });
}

export async function updateRpdbProfile({ ctx, input }: { ctx: AuthedContext; input: RpdbProfileUpdateInput }): Promise<RpdbProfile> {
  return inTransaction(ctx, async (tx) => {
    const p = await resolvePrincipal(ctx, tx.tx, input.accountId);
    // "412 The token isn't privileged" [DOC PUT /profile/{id}]: only a privileged key may update.
    if (!p.privileged) throw notPrivileged();
    const before = await loadForUpdate(tx, p, input.id);
    if (input.attributes) await assertAssignable(tx, p, input.attributes);
    const after: RpdbProfile = {
      id: before.id,
      name: input.name ?? before.name,
      sortOrder: input.sortOrder ?? before.sortOrder,
      attributes: input.attributes ?? before.attributes,
    };
    try {
      await tx.tx
        .update(rpdbProfiles)
        .set({ name: after.name, sortOrder: after.sortOrder, updatedAt: ctx.now() })
        .where(and(inAccount(p), eq(rpdbProfiles.id, input.id)));
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(after.name);
      throw err;
    }
    await together(
      input.attributes ? writeAttributes(tx, p, input.id, input.attributes, true) : Promise.resolve(),
      audit(tx, { action: 'rpdb.profile.update', entityType: 'rpdb_profile', entityId: input.id, before, after }),
      nextChange(tx.tx, p.workspaceId, `rpdb:${p.accountId}`),
    );
    return after;
  });
}

export async function deleteRpdbProfile({ ctx, input }: { ctx: AuthedContext; input: RpdbProfileDeleteInput }): Promise<RpdbProfile> {
  return inTransaction(ctx, async (tx) => {
    const p = await resolvePrincipal(ctx, tx.tx, input.accountId);
    const before = await loadForUpdate(tx, p, input.id);
    await assertWritable(tx, p, [input.id]);
    await together(
      tx.tx
        .delete(rpdbProfiles)
        .where(and(inAccount(p), eq(rpdbProfiles.id, input.id)))
        .execute(),
      audit(tx, { action: 'rpdb.profile.delete', entityType: 'rpdb_profile', entityId: input.id, before }),
      nextChange(tx.tx, p.workspaceId, `rpdb:${p.accountId}`),
    );
    return before;
  });
}

/**
 * All-or-nothing: every id must name a profile the caller may write (privileged keys and admins: any profile of
 * the account), else 404/412 and nothing changes. Answers the caller's visible list in the new order.
 */
export async function sortRpdbProfiles({ ctx, input }: { ctx: AuthedContext; input: RpdbProfileSortInput }): Promise<RpdbProfile[]> {
  return inTransaction(ctx, async (tx) => {
    const p = await resolvePrincipal(ctx, tx.tx, input.accountId);
    const ids = input.items.map((i) => i.id);
    if (ids.length > 0) {
      const found = await tx.tx
        .select({ id: rpdbProfiles.id, sortOrder: rpdbProfiles.sortOrder })
        .from(rpdbProfiles)
        .where(and(inAccount(p), inArray(rpdbProfiles.id, ids)))
        // Lock in id order: two sorts over overlapping profiles otherwise lock them in heap order, which
        // differs between transactions once rows have moved, and deadlock on PostgreSQL.
        .orderBy(asc(rpdbProfiles.id))
        .for('update', { of: rpdbProfiles });
      const before = new Map(found.map((f) => [f.id, f.sortOrder]));
      const missing = ids.find((id) => !before.has(id));
      if (missing !== undefined) throw notFound(missing);
      // Re-sorting changes what every key sees, so it is a write like any other.
      await assertWritable(tx, p, ids);
      const changed = input.items.filter((i) => before.get(i.id) !== i.sortOrder);
      if (changed.length > 0) {
        await writeSortOrders(tx, p, changed);
        // One audit row for the batch: the foundation's audit() costs ~0.3-1 ms per row, which a 1,000-item
        // sort would feel; the row lists every change.
        await audit(tx, {
          action: 'rpdb.profile.sort',
          entityType: 'rpdb_profile',
          entityId: null,
          before: changed.map((c) => ({ id: c.id, sortOrder: before.get(c.id) })),
          after: changed.map((c) => ({ id: c.id, sortOrder: c.sortOrder })),
        });
      }
    }
    return selectProfiles(tx.tx, and(inAccount(p), p.keyId === null ? undefined : visibleTo(p.keyId)));
  });
}
