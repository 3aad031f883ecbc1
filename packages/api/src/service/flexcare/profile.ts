import {
  flexcareCustomers,
  flexcareLanguages,
  flexcareLicenses,
  flexcareProfileLanguages,
  flexcareProfiles,
  perDatabase,
} from '@profilehub/db';
import { and, asc, count, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuthedContext } from '../../context';
import type {
  DialogProfile,
  DialogProfileCreateInput,
  DialogProfileListInput,
  DialogProfilePageInput,
  DialogProfileUpdateInput,
  FlexcareIdInput,
} from '../../contract/flexcare';
import { ConflictError, NotFoundError } from '../../errors';
import { audit } from '../audit';
import { orderFor, pageOf, perShape, textFilter } from '../page';
import { inTransaction, type TxContext, together } from '../tx';
import { containsPattern, customerReach, type FlexcareAccess, type FlexcareContext, type FlexcareReach } from './access';
import { newMdmKey, newObjectId, parseObjectId } from './ids';
import { openMdmKey, sealMdmKey } from './mdm-key';

// Dialog profiles (seed 000 `api:flexcare:dialog:profiles:*`, decisions 7.1). A profile is visible to the
// caller when its customer is within the caller's reach; anything else answers "Profile not found" so a
// RESELLER_ADMIN cannot learn that another reseller's profile exists.

const p = flexcareProfiles;
const c = flexcareCustomers;

export const profileNotFound = (id?: string) => new NotFoundError('Profile', id, 'PROFILE_NOT_FOUND');
const customerNotFound = (id: string) => new NotFoundError('Customer', id, 'CUSTOMER_NOT_FOUND');
const languageNotFound = (id: string) => new NotFoundError('Language', id, 'LANGUAGE_NOT_FOUND');

// Selected languages in the client's order; the vendor answers [] whenever allLanguages is set.
const languagesColumn = sql<string[]>`case when ${p.allLanguages} then '{}'::text[] else coalesce((
  select array_agg(pl.language_id order by pl.position) from flexcare_profile_languages pl
  where pl.workspace_id = flexcare_profiles.workspace_id and pl.profile_id = flexcare_profiles.id), '{}'::text[]) end`;

const profileColumns = {
  id: p.id,
  name: p.name,
  customer: p.customerId,
  allLanguages: p.allLanguages,
  ipList: p.ipList,
  languages: languagesColumn,
  mdmKey: p.mdmKey,
  largeKeyboardLayout: p.largeKeyboardLayout,
  smallKeyboardLayout: p.smallKeyboardLayout,
};

const joinCustomer = and(eq(c.workspaceId, p.workspaceId), eq(c.id, p.customerId));

function visible(ctx: AuthedContext, access: FlexcareAccess, ...extra: (SQL | undefined)[]) {
  return and(eq(p.workspaceId, ctx.actor.workspaceId), customerReach(access), ...extra);
}

const listItemColumns = {
  id: p.id,
  name: p.name,
  allLanguages: p.allLanguages,
  totalLicenses: sql<number>`(select count(*)::int from flexcare_licenses l where l.workspace_id = flexcare_profiles.workspace_id and l.profile_id = flexcare_profiles.id)`,
  languages: languagesColumn,
  customer: p.customerId,
};

/** `customerReach` for a statement prepared per kind of reach: its customer or reseller is `reach`. */
function reachOf(kind: FlexcareReach['kind']): SQL | undefined {
  if (kind === 'all') return undefined;
  return kind === 'reseller' ? eq(c.resellerId, sql.placeholder('reach')) : eq(c.id, sql.placeholder('reach'));
}

/** The value of the `reach` placeholder. */
function reachValue(reach: FlexcareReach): string | undefined {
  return reach.kind === 'reseller' ? reach.resellerId : reach.kind === 'customer' ? reach.customerId : undefined;
}

// The vendor's list, built once per shape: reach kind, name filter or not, customer filter or not.
type ProfileListShape = `${FlexcareReach['kind']}:${boolean}:${boolean}`;

const profileList = perShape((db, shape: ProfileListShape) => {
  const [reach, byName, byCustomer] = shape.split(':');
  const where = and(
    eq(p.workspaceId, sql.placeholder('workspaceId')),
    reachOf(reach as FlexcareReach['kind']),
    byName === 'true' ? ilike(p.name, sql.placeholder('pattern')) : undefined,
    byCustomer === 'true' ? eq(p.customerId, sql.placeholder('customer')) : undefined,
  );
  const name = `flexcare_profile_list_${shape.replaceAll(':', '_')}`;
  return {
    total: db.select({ n: count() }).from(p).innerJoin(c, joinCustomer).where(where).prepare(`${name}_total`),
    items: db
      .select(listItemColumns)
      .from(p)
      .innerJoin(c, joinCustomer)
      .where(where)
      .orderBy(asc(p.name), asc(p.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(name),
  };
});

export async function listProfiles({ ctx, input }: { ctx: FlexcareContext; input: z.infer<typeof DialogProfileListInput> }) {
  const { offset = 0, limit = 100, filter, customer } = input;
  const { reach } = ctx.flexcare;
  const queries = profileList(ctx.db, `${reach.kind}:${!!filter}:${!!customer}`);
  const values = {
    workspaceId: ctx.actor.workspaceId,
    reach: reachValue(reach),
    pattern: filter ? containsPattern(filter) : undefined,
    customer,
    limit,
    offset,
  };
  // Independent: sent together, postgres.js pipelines them.
  const [[totalRow], items] = await Promise.all([queries.total.execute(values), queries.items.execute(values)]);
  return { offset, limit, total: totalRow?.n ?? 0, items };
}

/** The admin's table: the same rows, by name either way, filtered by name. */
export async function pageProfiles({ ctx, input }: { ctx: FlexcareContext; input: DialogProfilePageInput }) {
  const where = visible(ctx, ctx.flexcare, textFilter(input.q, [p.name]));
  return pageOf(
    ctx.db
      .select(listItemColumns)
      .from(p)
      .innerJoin(c, joinCustomer)
      .where(where)
      .orderBy(...orderFor(input, { name: [p.name] }, p.id))
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(p).innerJoin(c, joinCustomer).where(where),
  );
}

async function selectProfile(
  ctx: AuthedContext,
  access: FlexcareAccess,
  db: AuthedContext['db'],
  id: string,
): Promise<DialogProfile | undefined> {
  const [row] = await db
    .select(profileColumns)
    .from(p)
    .innerJoin(c, joinCustomer)
    .where(visible(ctx, access, eq(p.id, id)));
  return row && { ...row, mdmKey: openMdmKey(ctx.actor.workspaceId, row.id, row.mdmKey) };
}

// The GET-by-id, built once per kind of reach (all customers, one reseller's, one customer).
const profileById = perDatabase((db) => {
  const byReach = (reach: SQL | undefined, name: string) =>
    db
      .select(profileColumns)
      .from(p)
      .innerJoin(c, joinCustomer)
      .where(and(eq(p.workspaceId, sql.placeholder('workspaceId')), eq(p.id, sql.placeholder('id')), reach))
      .prepare(name);
  return {
    all: byReach(undefined, 'flexcare_profile_by_id'),
    reseller: byReach(eq(c.resellerId, sql.placeholder('reach')), 'flexcare_profile_by_id_reseller'),
    customer: byReach(eq(c.id, sql.placeholder('reach')), 'flexcare_profile_by_id_customer'),
  };
});

export async function getProfile({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  const id = parseObjectId(input.id);
  if (!id) throw profileNotFound(input.id);
  const { reach } = ctx.flexcare;
  const values = { workspaceId: ctx.actor.workspaceId, id };
  const queries = profileById(ctx.db);
  const [row] =
    reach.kind === 'all'
      ? await queries.all.execute(values)
      : await queries[reach.kind].execute({ ...values, reach: reach.kind === 'reseller' ? reach.resellerId : reach.customerId });
  if (!row) throw profileNotFound(input.id);
  return { ...row, mdmKey: openMdmKey(ctx.actor.workspaceId, row.id, row.mdmKey) };
}

/** Locks a visible profile row for the rest of the transaction, or answers "Profile not found". */
export async function lockVisibleProfile(tx: TxContext, access: FlexcareAccess, rawId: string) {
  const id = parseObjectId(rawId);
  if (!id) throw profileNotFound(rawId);
  const [row] = await tx.tx
    .select({ profile: p })
    .from(p)
    .innerJoin(c, joinCustomer)
    .where(visible(tx, access, eq(p.id, id)))
    .for('update', { of: p });
  if (!row) throw profileNotFound(rawId);
  return row.profile;
}

async function assertCustomerReachable(tx: TxContext, access: FlexcareAccess, customerId: string) {
  const [row] = await tx.tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.workspaceId, tx.actor.workspaceId), eq(c.id, customerId), customerReach(access)));
  if (!row) throw customerNotFound(customerId);
}

/** Languages are workspace-wide; every id must exist. Returns the ids de-duplicated in the client's order. */
async function resolveLanguages(tx: TxContext, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await tx.tx
    .select({ id: flexcareLanguages.id })
    .from(flexcareLanguages)
    .where(and(eq(flexcareLanguages.workspaceId, tx.actor.workspaceId), inArray(flexcareLanguages.id, unique)));
  const known = new Set(found.map((r) => r.id));
  const missing = unique.find((id) => !known.has(id));
  if (missing) throw languageNotFound(missing);
  return unique;
}

async function replaceLanguages(tx: TxContext, profileId: string, languageIds: string[]) {
  await tx.tx
    .delete(flexcareProfileLanguages)
    .where(and(eq(flexcareProfileLanguages.workspaceId, tx.actor.workspaceId), eq(flexcareProfileLanguages.profileId, profileId)));
  await insertLanguages(tx, profileId, languageIds);
}

async function insertLanguages(tx: TxContext, profileId: string, languageIds: string[]) {
  if (languageIds.length === 0) return;
  const ws = tx.actor.workspaceId;
  await tx.tx
    .insert(flexcareProfileLanguages)
    .values(languageIds.map((languageId, position) => ({ workspaceId: ws, profileId, languageId, position })));
}

export async function createProfile({ ctx, input }: { ctx: FlexcareContext; input: z.infer<typeof DialogProfileCreateInput> }) {
  const access = ctx.flexcare;
  return inTransaction(ctx, async (tx) => {
    const [, languages] = await together(assertCustomerReachable(tx, access, input.customer), resolveLanguages(tx, input.languages));
    const id = newObjectId(ctx.now());
    await tx.tx.insert(p).values({
      workspaceId: ctx.actor.workspaceId,
      id,
      customerId: input.customer,
      name: input.name,
      allLanguages: input.allLanguages,
      ipList: input.ipList,
      mdmKey: sealMdmKey(ctx.actor.workspaceId, id, newMdmKey()),
      largeKeyboardLayout: input.largeKeyboardLayout,
      smallKeyboardLayout: input.smallKeyboardLayout,
    });
    // A new profile has no languages to replace yet.
    await insertLanguages(tx, id, input.allLanguages ? [] : languages);
    const created = (await selectProfile(tx, access, tx.tx, id))!;
    await audit(tx, { action: 'flexcare.profile.create', entityType: 'flexcare_profile', entityId: id, after: created });
    return created;
  });
}

/** Partial update (decision 7.1): only the keys present change; `allLanguages: true` clears the selection. */
export async function updateProfile({ ctx, input }: { ctx: FlexcareContext; input: z.infer<typeof DialogProfileUpdateInput> }) {
  const access = ctx.flexcare;
  return inTransaction(ctx, async (tx) => {
    const row = await lockVisibleProfile(tx, access, input.id);
    const before = (await selectProfile(tx, access, tx.tx, row.id))!;
    if (input.customer !== undefined && input.customer !== row.customerId) await assertCustomerReachable(tx, access, input.customer);
    const languages = input.languages !== undefined ? await resolveLanguages(tx, input.languages) : undefined;
    const allLanguages = input.allLanguages ?? row.allLanguages;
    await tx.tx
      .update(p)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.customer !== undefined && { customerId: input.customer }),
        ...(input.allLanguages !== undefined && { allLanguages: input.allLanguages }),
        ...(input.ipList !== undefined && { ipList: input.ipList }),
        ...(input.largeKeyboardLayout !== undefined && { largeKeyboardLayout: input.largeKeyboardLayout }),
        ...(input.smallKeyboardLayout !== undefined && { smallKeyboardLayout: input.smallKeyboardLayout }),
        updatedAt: ctx.now(),
      })
      .where(and(eq(p.workspaceId, ctx.actor.workspaceId), eq(p.id, row.id)));
    if (allLanguages) await replaceLanguages(tx, row.id, []);
    else if (languages) await replaceLanguages(tx, row.id, languages);
    // Read back without the reach filter: an ADMIN may have moved the profile to any customer.
    const after = (await selectProfile(tx, { ...access, reach: { kind: 'all' } }, tx.tx, row.id))!;
    await audit(tx, { action: 'flexcare.profile.update', entityType: 'flexcare_profile', entityId: row.id, before, after });
    return after;
  });
}

export async function deleteProfile({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  const access = ctx.flexcare;
  return inTransaction(ctx, async (tx) => {
    const row = await lockVisibleProfile(tx, access, input.id);
    const [licenses] = await tx.tx
      .select({ n: count() })
      .from(flexcareLicenses)
      .where(and(eq(flexcareLicenses.workspaceId, ctx.actor.workspaceId), eq(flexcareLicenses.profileId, row.id)));
    if ((licenses?.n ?? 0) > 0)
      throw new ConflictError('IN_USE', `Profile has ${licenses!.n} license(s); revoke them first`, { licenses: licenses!.n });
    const before = await selectProfile(tx, access, tx.tx, row.id);
    await tx.tx.delete(p).where(and(eq(p.workspaceId, ctx.actor.workspaceId), eq(p.id, row.id)));
    await audit(tx, { action: 'flexcare.profile.delete', entityType: 'flexcare_profile', entityId: row.id, before });
    return { success: true as const };
  });
}

/** Replaces the mdmKey (admin UI / tRPC only; the vendor has no REST endpoint for it, decision 7.1). */
export async function rotateMdmKey({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  const access = ctx.flexcare;
  return inTransaction(ctx, async (tx) => {
    const row = await lockVisibleProfile(tx, access, input.id);
    await tx.tx
      .update(p)
      .set({ mdmKey: sealMdmKey(ctx.actor.workspaceId, row.id, newMdmKey()), updatedAt: ctx.now() })
      .where(and(eq(p.workspaceId, ctx.actor.workspaceId), eq(p.id, row.id)));
    await audit(tx, { action: 'flexcare.profile.rotateMdmKey', entityType: 'flexcare_profile', entityId: row.id });
    return (await selectProfile(tx, access, tx.tx, row.id))!;
  });
}
