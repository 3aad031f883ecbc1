import { isUniqueViolation, rpdbAttributes } from '@profilehub/db';
import { and, asc, eq } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type {
  RpdbAccountRefInput,
  RpdbAttribute,
  RpdbAttributeCreateInput,
  RpdbAttributeUpdateInput,
  RpdbIdInput,
} from '../../contract/rpdb';
import { ConflictError, NotFoundError } from '../../errors';
import { audit, nextChange } from '../audit';
import { inTransaction, type TxContext } from '../tx';
import { assertAccount } from './principal';

const columns = {
  id: rpdbAttributes.id,
  accountId: rpdbAttributes.accountId,
  name: rpdbAttributes.name,
  defaultRight: rpdbAttributes.defaultRight,
  createdAt: rpdbAttributes.createdAt,
  updatedAt: rpdbAttributes.updatedAt,
};

function nameTaken(name: string) {
  return new ConflictError('ATTRIBUTE_ALREADY_EXISTS', `An attribute named ${name} already exists`);
}

export async function listRpdbAttributes({ ctx, input }: { ctx: AuthedContext; input: RpdbAccountRefInput }): Promise<RpdbAttribute[]> {
  await assertAccount(ctx.db, ctx.actor.workspaceId, input.accountId);
  return ctx.db
    .select(columns)
    .from(rpdbAttributes)
    .where(and(eq(rpdbAttributes.workspaceId, ctx.actor.workspaceId), eq(rpdbAttributes.accountId, input.accountId)))
    .orderBy(asc(rpdbAttributes.name), asc(rpdbAttributes.id));
}

export async function createRpdbAttribute({ ctx, input }: { ctx: AuthedContext; input: RpdbAttributeCreateInput }): Promise<RpdbAttribute> {
  return inTransaction(ctx, async (tx) => {
    await assertAccount(tx.tx, ctx.actor.workspaceId, input.accountId);
    try {
      const [row] = await tx.tx
        .insert(rpdbAttributes)
        .values({
          workspaceId: ctx.actor.workspaceId,
          accountId: input.accountId,
          name: input.name,
          defaultRight: input.defaultRight,
          createdAt: ctx.now(),
          updatedAt: ctx.now(),
        })
        .returning(columns);
      await nextChange(tx.tx, ctx.actor.workspaceId, `rpdb:${input.accountId}`);
      await audit(tx, { action: 'rpdb.attribute.create', entityType: 'rpdb_attribute', entityId: row!.id, after: row });
      return row!;
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    }
  });
}

async function loadForUpdate(tx: TxContext, id: number) {
  const [row] = await tx.tx
    .select(columns)
    .from(rpdbAttributes)
    .where(and(eq(rpdbAttributes.workspaceId, tx.actor.workspaceId), eq(rpdbAttributes.id, id)))
    .for('update');
  if (!row) throw new NotFoundError('attribute', id, 'ATTRIBUTE_NOT_FOUND');
  return row;
}

export async function updateRpdbAttribute({ ctx, input }: { ctx: AuthedContext; input: RpdbAttributeUpdateInput }): Promise<RpdbAttribute> {
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, input.id);
    try {
      const [after] = await tx.tx
        .update(rpdbAttributes)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.defaultRight !== undefined && { defaultRight: input.defaultRight }),
          updatedAt: ctx.now(),
        })
        .where(and(eq(rpdbAttributes.workspaceId, ctx.actor.workspaceId), eq(rpdbAttributes.id, input.id)))
        .returning(columns);
      await nextChange(tx.tx, ctx.actor.workspaceId, `rpdb:${before.accountId}`);
      await audit(tx, { action: 'rpdb.attribute.update', entityType: 'rpdb_attribute', entityId: input.id, before, after });
      return after!;
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name ?? before.name);
      throw err;
    }
  });
}

/** Deleting an attribute removes it from every profile and every key's rights (foreign keys cascade). */
export async function deleteRpdbAttribute({ ctx, input }: { ctx: AuthedContext; input: RpdbIdInput }): Promise<RpdbAttribute> {
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, input.id);
    await tx.tx.delete(rpdbAttributes).where(and(eq(rpdbAttributes.workspaceId, ctx.actor.workspaceId), eq(rpdbAttributes.id, input.id)));
    await nextChange(tx.tx, ctx.actor.workspaceId, `rpdb:${before.accountId}`);
    await audit(tx, { action: 'rpdb.attribute.delete', entityType: 'rpdb_attribute', entityId: input.id, before });
    return before;
  });
}
