import { isUniqueViolation, rpdbAttributes } from '@profilehub/db';
import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type {
  RpdbAccountRefInput,
  RpdbAttribute,
  RpdbAttributeCreateInput,
  RpdbAttributePageInput,
  RpdbAttributeUpdateInput,
  RpdbIdInput,
  RpdbVisibleAttribute,
  RpdbVisibleAttributeGetInput,
  RpdbVisibleAttributeListInput,
} from '../../contract/rpdb';
import { ConflictError, NotFoundError } from '../../errors';
import { audit, nextChange } from '../audit';
import { orderFor, pageOf, textFilter } from '../page';
import { inTransaction, type TxContext, together } from '../tx';
import { assertAccount, type RpdbPrincipal, resolvePrincipal } from './principal';

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

export async function pageRpdbAttributes({ ctx, input }: { ctx: AuthedContext; input: RpdbAttributePageInput }) {
  await assertAccount(ctx.db, ctx.actor.workspaceId, input.accountId);
  const where = and(
    eq(rpdbAttributes.workspaceId, ctx.actor.workspaceId),
    eq(rpdbAttributes.accountId, input.accountId),
    textFilter(input.q, [rpdbAttributes.name]),
  );
  const order = orderFor(
    input,
    { name: [rpdbAttributes.name], defaultRight: [rpdbAttributes.defaultRight], createdAt: [rpdbAttributes.createdAt] },
    rpdbAttributes.id,
  );
  return pageOf(
    ctx.db
      .select(columns)
      .from(rpdbAttributes)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(rpdbAttributes).where(where),
  );
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
      await together(
        audit(tx, { action: 'rpdb.attribute.create', entityType: 'rpdb_attribute', entityId: row!.id, after: row }),
        nextChange(tx.tx, ctx.actor.workspaceId, `rpdb:${input.accountId}`),
      );
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
      await together(
        audit(tx, { action: 'rpdb.attribute.update', entityType: 'rpdb_attribute', entityId: input.id, before, after }),
        nextChange(tx.tx, ctx.actor.workspaceId, `rpdb:${before.accountId}`),
      );
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
    await together(
      audit(tx, { action: 'rpdb.attribute.delete', entityType: 'rpdb_attribute', entityId: input.id, before }),
      nextChange(tx.tx, ctx.actor.workspaceId, `rpdb:${before.accountId}`),
    );
    return before;
  });
}

// Attribute reads for API keys (spec §2.7, RPJoshL/RPdb go/api/attribute.go): a key reads the attributes of
// its account it holds any right on (its own right, else the attribute's default_right; `none` hides the
// attribute, exactly as it hides profiles). Attributes carry no sort order here, so they come in id order.

/** The key's effective right on `rpdb_attributes` (explicit right, else the default); `all` for admins. */
function rightOf(p: RpdbPrincipal): SQL<RpdbVisibleAttribute['right']> {
  if (p.keyId === null) return sql<RpdbVisibleAttribute['right']>`'all'`;
  // The outer table is named in full: drizzle leaves columns in a select list unqualified, which inside this
  // subquery would bind to `r`.
  return sql<RpdbVisibleAttribute['right']>`coalesce((select r.right from rpdb_api_key_rights r
    where r.workspace_id = rpdb_attributes.workspace_id and r.api_key_id = ${p.keyId}
      and r.attribute_id = rpdb_attributes.id), rpdb_attributes.default_right)`;
}

async function selectVisible(ctx: AuthedContext, accountId: number | undefined, where: (p: RpdbPrincipal) => SQL | undefined) {
  const p = await resolvePrincipal(ctx, ctx.db, accountId);
  const right = rightOf(p);
  return ctx.db
    .select({ id: rpdbAttributes.id, name: rpdbAttributes.name, defaultRight: rpdbAttributes.defaultRight, right })
    .from(rpdbAttributes)
    .where(and(eq(rpdbAttributes.workspaceId, p.workspaceId), eq(rpdbAttributes.accountId, p.accountId), sql`${right} <> 'none'`, where(p)))
    .orderBy(asc(rpdbAttributes.id));
}

export async function listVisibleRpdbAttributes({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: RpdbVisibleAttributeListInput;
}): Promise<RpdbVisibleAttribute[]> {
  return selectVisible(ctx, input.accountId, () => (input.name === undefined ? undefined : eq(rpdbAttributes.name, input.name)));
}

/** One attribute; unknown, another account's, or `none` for this key → 404 ATTRIBUTE_NOT_FOUND. */
export async function getVisibleRpdbAttribute({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: RpdbVisibleAttributeGetInput;
}): Promise<RpdbVisibleAttribute> {
  const [row] = await selectVisible(ctx, input.accountId, () => eq(rpdbAttributes.id, input.id));
  if (!row) throw new NotFoundError('attribute', input.id, 'ATTRIBUTE_NOT_FOUND');
  return row;
}
