import { appgateAdmins, appgateIdentityProviders, appgateTokens } from '@profilehub/db';
import { and, asc, eq } from 'drizzle-orm';
import { hashPassword } from '../../auth/password';
import { generatePassword } from '../../auth/secrets';
import type { AdminContext } from '../../context';
import type { AppgateAdmin, AppgateAdminCreateInput, AppgateAdminUpdateInput } from '../../contract/appgate';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { audit } from '../audit';
import { inTransaction } from '../tx';
import { ensureAppgateDefaults } from './common';

// Appgate admin users: who may call the controller API, with privileges `{type, target}`. Only local
// (LocalDatabase) providers can hold passwords here. A password change or disabling revokes their tokens.

const a = appgateAdmins;
const publicColumns = {
  id: a.id,
  providerName: a.providerName,
  username: a.username,
  privileges: a.privileges,
  disabledAt: a.disabledAt,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
};

function dedupe<T extends { type: string; target: string }>(privileges: T[]): T[] {
  const seen = new Set<string>();
  return privileges.filter((p) => {
    const key = `${p.type}/${p.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function listAppgateAdmins({ ctx }: { ctx: AdminContext }): Promise<AppgateAdmin[]> {
  return ctx.db.select(publicColumns).from(a).where(eq(a.workspaceId, ctx.actor.workspaceId)).orderBy(asc(a.username));
}

export async function createAppgateAdmin({
  ctx,
  input,
}: {
  ctx: AdminContext;
  input: Omit<Required<AppgateAdminCreateInput>, 'password'> & { password?: string };
}) {
  const generated = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated!);
  const ws = ctx.actor.workspaceId;
  return inTransaction(ctx, async (tx) => {
    await ensureAppgateDefaults(tx.tx, ws);
    const [provider] = await tx.tx
      .select({ type: appgateIdentityProviders.type })
      .from(appgateIdentityProviders)
      .where(and(eq(appgateIdentityProviders.workspaceId, ws), eq(appgateIdentityProviders.name, input.providerName)));
    if (provider?.type !== 'LocalDatabase')
      throw new ValidationError(
        [{ path: 'providerName', message: provider ? 'must be a LocalDatabase identity provider' : 'no such identity provider' }],
        'APPGATE_INVALID',
      );
    const [admin] = await tx.tx
      .insert(a)
      .values({
        workspaceId: ws,
        providerName: input.providerName,
        username: input.username,
        passwordHash,
        privileges: dedupe(input.privileges),
      })
      .onConflictDoNothing()
      .returning(publicColumns);
    if (!admin)
      throw new ConflictError('APPGATE_ADMIN_EXISTS', `An admin named ${input.username} already exists for ${input.providerName}.`);
    await audit(tx, { action: 'appgate.admin.create', entityType: 'appgate_admin', entityId: admin.id, after: admin });
    return { admin, password: generated };
  });
}

export async function updateAppgateAdmin({ ctx, input }: { ctx: AdminContext; input: AppgateAdminUpdateInput }) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const ws = ctx.actor.workspaceId;
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.tx
      .select(publicColumns)
      .from(a)
      .where(and(eq(a.workspaceId, ws), eq(a.id, input.id)))
      .for('update');
    if (!before) throw new NotFoundError('appgate admin', input.id, 'APPGATE_ADMIN_NOT_FOUND');
    const [after] = await tx.tx
      .update(a)
      .set({
        ...(passwordHash && { passwordHash }),
        ...(input.privileges && { privileges: dedupe(input.privileges) }),
        ...(input.disabled !== undefined && { disabledAt: input.disabled ? (before.disabledAt ?? ctx.now()) : null }),
        updatedAt: ctx.now(),
      })
      .where(and(eq(a.workspaceId, ws), eq(a.id, input.id)))
      .returning(publicColumns);
    if (passwordHash || input.disabled) {
      await tx.tx.delete(appgateTokens).where(and(eq(appgateTokens.workspaceId, ws), eq(appgateTokens.adminId, input.id)));
    }
    await audit(tx, {
      action: 'appgate.admin.update',
      entityType: 'appgate_admin',
      entityId: input.id,
      before,
      after: { ...after, ...(passwordHash && { password: 'changed' }) },
    });
    return after!;
  });
}

export async function deleteAppgateAdmin({ ctx, input }: { ctx: AdminContext; input: { id: string } }) {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.tx
      .delete(a)
      .where(and(eq(a.workspaceId, ctx.actor.workspaceId), eq(a.id, input.id)))
      .returning(publicColumns);
    if (!row) throw new NotFoundError('appgate admin', input.id, 'APPGATE_ADMIN_NOT_FOUND');
    await audit(tx, { action: 'appgate.admin.delete', entityType: 'appgate_admin', entityId: row.id, before: row });
    return { id: row.id };
  });
}
