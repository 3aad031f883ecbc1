import { isUniqueViolation, soajsGroups, soajsUsers } from '@profilehub/db';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type {
  SoajsAddGroupInput,
  SoajsDeleteGroupInput,
  SoajsEditGroupInput,
  SoajsGetGroupInput,
  SoajsGroupPageInput,
  SoajsGroupRecord,
  SoajsListGroupsInput,
} from '../../contract/soajs';
import { audit } from '../audit';
import { orderFor, pageOf, textFilter } from '../page';
import { inTransaction } from '../tx';
import { newObjectId, parseObjectId, resolveCaller, rethrowSaveFailure, type SoajsCaller } from './common';
import { soajsError } from './errors';
import { toGroupRecord } from './records';

const inWorkspace = (ctx: AuthedContext) => eq(soajsGroups.workspaceId, ctx.actor.workspaceId);

/**
 * One group by id as the caller may see it: URAC keeps each tenant's groups in that tenant's own database,
 * so an ordinary tenant reaches only its own; the root (locked) tenant administers every tenant's.
 */
function groupById(ctx: AuthedContext, caller: SoajsCaller, id: string) {
  return and(inWorkspace(ctx), eq(soajsGroups.id, id), caller.locked ? undefined : eq(soajsGroups.tenantId, caller.tenantId));
}

/** The calling tenant's groups. */
export async function listGroups({ ctx, input }: { ctx: AuthedContext; input: SoajsListGroupsInput }): Promise<SoajsGroupRecord[]> {
  const caller = await resolveCaller(ctx, input.tenantId);
  const rows = await ctx.db
    .select()
    .from(soajsGroups)
    .where(and(inWorkspace(ctx), eq(soajsGroups.tenantId, caller.tenantId)))
    .orderBy(asc(soajsGroups.id));
  return rows.map(toGroupRecord);
}

/** The calling tenant's groups, a page at a time, filtered by code, name or description. */
export async function pageGroups({ ctx, input }: { ctx: AuthedContext; input: SoajsGroupPageInput }) {
  const caller = await resolveCaller(ctx, input.tenantId);
  const where = and(
    inWorkspace(ctx),
    eq(soajsGroups.tenantId, caller.tenantId),
    textFilter(input.q, [soajsGroups.code, soajsGroups.name, soajsGroups.description]),
  );
  const order = orderFor(input, { code: [soajsGroups.code], name: [soajsGroups.name] }, soajsGroups.id);
  const page = await pageOf(
    ctx.db
      .select()
      .from(soajsGroups)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(soajsGroups).where(where),
  );
  return { items: page.items.map(toGroupRecord), total: page.total };
}

export async function getGroup({ ctx, input }: { ctx: AuthedContext; input: SoajsGetGroupInput }): Promise<SoajsGroupRecord> {
  const id = parseObjectId(input.id);
  if (!id) throw soajsError('SOAJS_INVALID_GROUP_ID');
  const caller = await resolveCaller(ctx, input.tenantId);
  const [row] = await ctx.db
    .select()
    .from(soajsGroups)
    .where(groupById(ctx, caller, id));
  if (!row) throw soajsError('SOAJS_GROUP_NOT_FOUND');
  if (!caller.locked && row.locked) throw soajsError('SOAJS_LOCKED');
  return toGroupRecord(row);
}

/** Adds a group to the calling tenant; a code already used there answers 421. */
export async function addGroup({ ctx, input }: { ctx: AuthedContext; input: SoajsAddGroupInput }): Promise<SoajsGroupRecord> {
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const { code } = input;
    const [existing] = await tx.tx
      .select({ id: soajsGroups.id })
      .from(soajsGroups)
      .where(and(inWorkspace(ctx), eq(soajsGroups.tenantId, caller.tenantId), eq(soajsGroups.code, code)));
    if (existing) throw soajsError('SOAJS_GROUP_CODE_TAKEN');
    try {
      const [row] = await tx.tx
        .insert(soajsGroups)
        .values({
          workspaceId: ctx.actor.workspaceId,
          id: newObjectId(ctx.now()),
          tenantId: caller.tenantId,
          tenantCode: caller.tenantCode,
          code,
          name: input.name,
          description: input.description ?? '',
          config: input.config ?? null,
        })
        .returning();
      const record = toGroupRecord(row!);
      await audit(tx, { action: 'soajs.group.create', entityType: 'soajs_group', entityId: row!.id, after: record });
      return record;
    } catch (err) {
      if (isUniqueViolation(err)) throw soajsError('SOAJS_GROUP_CODE_TAKEN');
      rethrowSaveFailure(err, 'SOAJS_GROUP_NOT_ADDED');
    }
  });
}

export async function editGroup({ ctx, input }: { ctx: AuthedContext; input: SoajsEditGroupInput }): Promise<true> {
  const id = parseObjectId(input.gId);
  if (!id) throw soajsError('SOAJS_INVALID_GROUP_ID');
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const where = groupById(ctx, caller, id);
    const [before] = await tx.tx.select().from(soajsGroups).where(where).for('update');
    if (!before) throw soajsError('SOAJS_GROUP_NOT_FOUND');
    if (!caller.locked && before.locked) throw soajsError('SOAJS_LOCKED');
    const changes = {
      name: input.name,
      ...(input.description !== undefined && { description: input.description }),
      ...(input.config && { config: input.config }),
    };
    let after: typeof before | undefined;
    try {
      [after] = await tx.tx
        .update(soajsGroups)
        .set({ ...changes, updatedAt: ctx.now() })
        .where(where)
        .returning();
    } catch (err) {
      rethrowSaveFailure(err, 'SOAJS_GROUP_NOT_EDITED');
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
export async function deleteGroup({ ctx, input }: { ctx: AuthedContext; input: SoajsDeleteGroupInput }): Promise<true> {
  const id = parseObjectId(input.gId);
  if (!id) throw soajsError('SOAJS_INVALID_GROUP_ID');
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const where = groupById(ctx, caller, id);
    const [before] = await tx.tx.select().from(soajsGroups).where(where).for('update');
    if (!before) throw soajsError('SOAJS_GROUP_NOT_FOUND');
    // Root records are never deleted, whoever asks.
    if (before.locked) throw soajsError('SOAJS_LOCKED');
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
      if (lockedMember) throw soajsError('SOAJS_LOCKED');
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
