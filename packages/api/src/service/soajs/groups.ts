import { isUniqueViolation, soajsGroups, soajsUsers } from '@profilehub/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type { SoajsGroupRecord } from '../../contract/soajs';
import { audit } from '../audit';
import { inTransaction } from '../tx';
import { type SoajsArgs as Args, params } from './apis';
import { newObjectId, parseObjectId, resolveCaller, rethrowSaveFailure, type SoajsCaller, soajsError } from './common';
import { isObject, toGroupRecord } from './records';

const inWorkspace = (ctx: AuthedContext) => eq(soajsGroups.workspaceId, ctx.actor.workspaceId);

/**
 * One group by id as the caller may see it: URAC keeps each tenant's groups in that tenant's own database,
 * so an ordinary tenant reaches only its own; the root (locked) tenant administers every tenant's.
 */
function groupById(ctx: AuthedContext, caller: SoajsCaller, id: string) {
  return and(inWorkspace(ctx), eq(soajsGroups.id, id), caller.locked ? undefined : eq(soajsGroups.tenantId, caller.tenantId));
}

/** The calling tenant's groups. */
export async function listGroups({ ctx, input }: Args): Promise<SoajsGroupRecord[]> {
  params('listGroups', input);
  const caller = await resolveCaller(ctx, input.tenantId);
  const rows = await ctx.db
    .select()
    .from(soajsGroups)
    .where(and(inWorkspace(ctx), eq(soajsGroups.tenantId, caller.tenantId)))
    .orderBy(asc(soajsGroups.id));
  return rows.map(toGroupRecord);
}

export async function getGroup({ ctx, input }: Args): Promise<SoajsGroupRecord> {
  const data = params('getGroup', input);
  const id = parseObjectId(data.id);
  if (!id) throw soajsError(417);
  const caller = await resolveCaller(ctx, input.tenantId);
  const [row] = await ctx.db
    .select()
    .from(soajsGroups)
    .where(groupById(ctx, caller, id));
  if (!row) throw soajsError(415);
  if (!caller.locked && row.locked) throw soajsError(500);
  return toGroupRecord(row);
}

/** Adds a group to the calling tenant; a code already used there answers 421. */
export async function addGroup({ ctx, input }: Args): Promise<SoajsGroupRecord> {
  const data = params('addGroup', input);
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const code = data.code as string;
    const [existing] = await tx.tx
      .select({ id: soajsGroups.id })
      .from(soajsGroups)
      .where(and(inWorkspace(ctx), eq(soajsGroups.tenantId, caller.tenantId), eq(soajsGroups.code, code)));
    if (existing) throw soajsError(421);
    try {
      const [row] = await tx.tx
        .insert(soajsGroups)
        .values({
          workspaceId: ctx.actor.workspaceId,
          id: newObjectId(ctx.now()),
          tenantId: caller.tenantId,
          tenantCode: caller.tenantCode,
          code,
          name: data.name as string,
          description: (data.description as string | undefined) ?? '',
          config: isObject(data.config) ? data.config : null,
        })
        .returning();
      const record = toGroupRecord(row!);
      await audit(tx, { action: 'soajs.group.create', entityType: 'soajs_group', entityId: row!.id, after: record });
      return record;
    } catch (err) {
      if (isUniqueViolation(err)) throw soajsError(421);
      rethrowSaveFailure(err, 416);
    }
  });
}

export async function editGroup({ ctx, input }: Args): Promise<true> {
  const data = params('editGroup', input);
  const id = parseObjectId(data.gId);
  if (!id) throw soajsError(417);
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const where = groupById(ctx, caller, id);
    const [before] = await tx.tx.select().from(soajsGroups).where(where).for('update');
    if (!before) throw soajsError(415);
    if (!caller.locked && before.locked) throw soajsError(500);
    const changes = {
      name: data.name as string,
      ...(typeof data.description === 'string' && { description: data.description }),
      ...(isObject(data.config) && { config: data.config }),
    };
    let after: typeof before | undefined;
    try {
      [after] = await tx.tx
        .update(soajsGroups)
        .set({ ...changes, updatedAt: ctx.now() })
        .where(where)
        .returning();
    } catch (err) {
      rethrowSaveFailure(err, 418);
    }
    // The group as stored, not the input (the store normalises some text, e.g. a lone surrogate).
    await audit(tx, {
      action: 'soajs.group.update',
      entityType: 'soajs_group',
      entityId: id,
      before: toGroupRecord(before),
      after: toGroupRecord(after!),
    });
    return true as const;
  });
}

/** Deletes a group and removes its code from the users of its tenant, in one transaction. */
export async function deleteGroup({ ctx, input }: Args): Promise<true> {
  const data = params('deleteGroup', input);
  const id = parseObjectId(data.gId);
  if (!id) throw soajsError(417);
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const where = groupById(ctx, caller, id);
    const [before] = await tx.tx.select().from(soajsGroups).where(where).for('update');
    if (!before) throw soajsError(415);
    // Root records are never deleted, whoever asks.
    if (before.locked) throw soajsError(500);
    const members = and(
      eq(soajsUsers.workspaceId, ctx.actor.workspaceId),
      eq(soajsUsers.tenantId, before.tenantId),
      sql`${before.code} = any(${soajsUsers.groups})`,
    );
    // Taking the group away changes its members; a locked (root) member may only be changed by the root
    // tenant, so an ordinary tenant cannot delete a group a locked user holds.
    if (!caller.locked) {
      const [lockedMember] = await tx.tx
        .select({ id: soajsUsers.id })
        .from(soajsUsers)
        .where(and(members, eq(soajsUsers.locked, true)))
        .limit(1);
      if (lockedMember) throw soajsError(500);
    }
    await tx.tx.delete(soajsGroups).where(where);
    await tx.tx
      .update(soajsUsers)
      .set({ groups: sql`array_remove(${soajsUsers.groups}, ${before.code})`, updatedAt: ctx.now() })
      .where(members);
    await audit(tx, { action: 'soajs.group.delete', entityType: 'soajs_group', entityId: id, before: toGroupRecord(before) });
    return true as const;
  });
}
