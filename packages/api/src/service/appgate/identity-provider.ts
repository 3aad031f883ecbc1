import { appgateAdmins, appgateClientProfiles, appgateIdentityProviders } from '@profilehub/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AdminContext } from '../../context';
import type {
  AppgateIdentityProvider,
  AppgateIdentityProviderCreateInput,
  AppgateIdentityProviderUpdateInput,
} from '../../contract/appgate';
import { ConflictError, NotFoundError, PreconditionError } from '../../errors';
import { audit } from '../audit';
import { inTransaction } from '../tx';
import { ensureAppgateDefaults, LOCAL_PROVIDER } from './common';

// Identity providers are referenced by name from client profiles and admin users (as on the controller).
// `local` always exists and stays a LocalDatabase; a provider in use cannot be deleted.

const idp = appgateIdentityProviders;

export async function listIdentityProviders({ ctx }: { ctx: AdminContext }): Promise<AppgateIdentityProvider[]> {
  const ws = ctx.actor.workspaceId;
  await inTransaction(ctx, (tx) => ensureAppgateDefaults(tx.tx, ws));
  const inUse = ctx.db
    .select({ name: appgateClientProfiles.identityProviderName, n: sql<number>`count(*)`.mapWith(Number).as('n') })
    .from(appgateClientProfiles)
    .where(eq(appgateClientProfiles.workspaceId, ws))
    .groupBy(appgateClientProfiles.identityProviderName)
    .as('in_use');
  const rows = await ctx.db
    .select({ p: idp, n: inUse.n })
    .from(idp)
    .leftJoin(inUse, eq(inUse.name, idp.name))
    .where(eq(idp.workspaceId, ws))
    .orderBy(asc(idp.name));
  return rows.map(({ p, n }) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    notes: p.notes,
    tags: p.tags,
    inUse: n ?? 0,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  }));
}

export async function createIdentityProvider({ ctx, input }: { ctx: AdminContext; input: AppgateIdentityProviderCreateInput }) {
  return inTransaction(ctx, async (tx) => {
    await ensureAppgateDefaults(tx.tx, ctx.actor.workspaceId);
    const [row] = await tx.tx
      .insert(idp)
      .values({ workspaceId: ctx.actor.workspaceId, ...input })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ConflictError('APPGATE_IDP_EXISTS', `An identity provider named '${input.name}' already exists.`);
    await audit(tx, { action: 'appgate.identityProvider.create', entityType: 'appgate_identity_provider', entityId: row.id, after: row });
    return { ...row, inUse: 0 };
  });
}

export async function updateIdentityProvider({ ctx, input }: { ctx: AdminContext; input: AppgateIdentityProviderUpdateInput }) {
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.tx
      .select()
      .from(idp)
      .where(and(eq(idp.workspaceId, ctx.actor.workspaceId), eq(idp.id, input.id)))
      .for('update');
    if (!before) throw new NotFoundError('identity provider', input.id, 'APPGATE_IDP_NOT_FOUND');
    if (before.name === LOCAL_PROVIDER && input.type && input.type !== 'LocalDatabase')
      throw new PreconditionError('APPGATE_IDP_LOCAL', 'The local identity provider is always a LocalDatabase.');
    const { id, ...changes } = input;
    const [after] = await tx.tx
      .update(idp)
      .set({ ...changes, updatedAt: ctx.now() })
      .where(and(eq(idp.workspaceId, ctx.actor.workspaceId), eq(idp.id, id)))
      .returning();
    await audit(tx, { action: 'appgate.identityProvider.update', entityType: 'appgate_identity_provider', entityId: id, before, after });
    const [used] = await tx.tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(appgateClientProfiles)
      .where(
        and(eq(appgateClientProfiles.workspaceId, ctx.actor.workspaceId), eq(appgateClientProfiles.identityProviderName, before.name)),
      );
    return { ...after!, inUse: used?.n ?? 0 };
  });
}

export async function deleteIdentityProvider({ ctx, input }: { ctx: AdminContext; input: { id: string } }) {
  const ws = ctx.actor.workspaceId;
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.tx
      .select()
      .from(idp)
      .where(and(eq(idp.workspaceId, ws), eq(idp.id, input.id)))
      .for('update');
    if (!row) throw new NotFoundError('identity provider', input.id, 'APPGATE_IDP_NOT_FOUND');
    if (row.name === LOCAL_PROVIDER) throw new PreconditionError('APPGATE_IDP_LOCAL', 'The local identity provider cannot be deleted.');
    const [used] = await tx.tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(appgateClientProfiles)
      .where(and(eq(appgateClientProfiles.workspaceId, ws), eq(appgateClientProfiles.identityProviderName, row.name)));
    const [admins] = await tx.tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(appgateAdmins)
      .where(and(eq(appgateAdmins.workspaceId, ws), eq(appgateAdmins.providerName, row.name)));
    if ((used?.n ?? 0) + (admins?.n ?? 0) > 0)
      throw new ConflictError('APPGATE_IDP_IN_USE', `Identity provider '${row.name}' is used by client profiles or admin users.`);
    await tx.tx.delete(idp).where(and(eq(idp.workspaceId, ws), eq(idp.id, row.id)));
    await audit(tx, { action: 'appgate.identityProvider.delete', entityType: 'appgate_identity_provider', entityId: row.id, before: row });
    return { id: row.id };
  });
}
