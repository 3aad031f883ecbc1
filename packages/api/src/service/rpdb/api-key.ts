import { randomBytes } from 'node:crypto';
import { type Queryable, rpdbAccounts, rpdbApiKeyRights, rpdbApiKeys, rpdbAttributes } from '@profilehub/db';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import { sha256 } from '../../auth/secrets';
import type { AdminContext } from '../../context';
import type {
  RpdbAccountRefInput,
  RpdbApiKey,
  RpdbApiKeyAuthorizeInput,
  RpdbApiKeyCreateInput,
  RpdbApiKeyPageInput,
  RpdbApiKeySetRightsInput,
  RpdbIdInput,
  RpdbKeyRight,
} from '../../contract/rpdb';
import { ForbiddenError, NotFoundError, PreconditionError } from '../../errors';
import { audit } from '../audit';
import { orderFor, pageOf, textFilter } from '../page';
import { throttled } from '../throttle';
import { inTransaction, type TxContext } from '../tx';
import { assertAccount, isPrivileged, privilegedUntil, RPDB_KEY_LENGTH } from './principal';

// Enough to recognise a key in a list without weakening it.
const DISPLAY_PREFIX_LENGTH = 8;

type KeyRow = typeof rpdbApiKeys.$inferSelect;

function toApiKey(row: KeyRow, rights: RpdbApiKey['rights'], now: Date): RpdbApiKey {
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    prefix: row.prefix,
    privileged: !row.revokedAt && isPrivileged(row.lastAuthorizedAt, now),
    privilegedUntil: privilegedUntil(row.lastAuthorizedAt),
    lastAuthorizedAt: row.lastAuthorizedAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    status: row.revokedAt ? 'revoked' : 'active',
    rights,
  };
}

async function rightsOf(db: Queryable, workspaceId: string, keyIds: number[]) {
  const byKey = new Map<number, RpdbApiKey['rights']>(keyIds.map((id) => [id, []]));
  if (keyIds.length === 0) return byKey;
  const rows = await db
    .select({ apiKeyId: rpdbApiKeyRights.apiKeyId, attributeId: rpdbApiKeyRights.attributeId, right: rpdbApiKeyRights.right })
    .from(rpdbApiKeyRights)
    .where(and(eq(rpdbApiKeyRights.workspaceId, workspaceId), inArray(rpdbApiKeyRights.apiKeyId, keyIds)))
    .orderBy(asc(rpdbApiKeyRights.attributeId));
  for (const r of rows) byKey.get(r.apiKeyId)?.push({ attributeId: r.attributeId, right: r.right });
  return byKey;
}

/** Every attribute a right names must belong to the key's account. */
async function assertAttributes(tx: TxContext, accountId: number, rights: RpdbKeyRight[]) {
  if (rights.length === 0) return;
  const ids = rights.map((r) => r.attributeId);
  const found = await tx.tx
    .select({ id: rpdbAttributes.id })
    .from(rpdbAttributes)
    .where(
      and(eq(rpdbAttributes.workspaceId, tx.actor.workspaceId), eq(rpdbAttributes.accountId, accountId), inArray(rpdbAttributes.id, ids)),
    )
    // Keeps the attributes from being deleted before this transaction writes rights on them.
    .for('key share');
  const known = new Set(found.map((f) => f.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) throw new NotFoundError('attribute', missing, 'ATTRIBUTE_NOT_FOUND');
}

async function writeRights(tx: TxContext, keyId: number, rights: RpdbKeyRight[]) {
  await tx.tx
    .delete(rpdbApiKeyRights)
    .where(and(eq(rpdbApiKeyRights.workspaceId, tx.actor.workspaceId), eq(rpdbApiKeyRights.apiKeyId, keyId)));
  if (rights.length === 0) return;
  await tx.tx.insert(rpdbApiKeyRights).values(
    rights.map((r) => ({
      workspaceId: tx.actor.workspaceId,
      apiKeyId: keyId,
      attributeId: r.attributeId,
      right: r.right,
      createdAt: tx.now(),
      updatedAt: tx.now(),
    })),
  );
}

function sortedRights(rights: RpdbKeyRight[]) {
  return [...rights].sort((a, b) => a.attributeId - b.attributeId);
}

async function loadForUpdate(tx: TxContext, id: number): Promise<KeyRow> {
  const [row] = await tx.tx
    .select()
    .from(rpdbApiKeys)
    .where(and(eq(rpdbApiKeys.workspaceId, tx.actor.workspaceId), eq(rpdbApiKeys.id, id)))
    .for('update');
  if (!row) throw new NotFoundError('api key', id, 'API_KEY_NOT_FOUND');
  return row;
}

export async function listRpdbApiKeys({ ctx, input }: { ctx: AdminContext; input: RpdbAccountRefInput }): Promise<RpdbApiKey[]> {
  await assertAccount(ctx.db, ctx.actor.workspaceId, input.accountId);
  const rows = await ctx.db
    .select()
    .from(rpdbApiKeys)
    .where(and(eq(rpdbApiKeys.workspaceId, ctx.actor.workspaceId), eq(rpdbApiKeys.accountId, input.accountId)))
    .orderBy(desc(rpdbApiKeys.createdAt), desc(rpdbApiKeys.id));
  const rights = await rightsOf(
    ctx.db,
    ctx.actor.workspaceId,
    rows.map((r) => r.id),
  );
  const now = ctx.now();
  return rows.map((r) => toApiKey(r, rights.get(r.id) ?? [], now));
}

export async function pageRpdbApiKeys({ ctx, input }: { ctx: AdminContext; input: RpdbApiKeyPageInput }) {
  await assertAccount(ctx.db, ctx.actor.workspaceId, input.accountId);
  const where = and(
    eq(rpdbApiKeys.workspaceId, ctx.actor.workspaceId),
    eq(rpdbApiKeys.accountId, input.accountId),
    textFilter(input.q, [rpdbApiKeys.name, rpdbApiKeys.prefix]),
  );
  const order = orderFor(
    input,
    {
      createdAt: [rpdbApiKeys.createdAt],
      name: [rpdbApiKeys.name],
      lastUsedAt: [rpdbApiKeys.lastUsedAt],
      status: [sql`${rpdbApiKeys.revokedAt} is not null`],
    },
    rpdbApiKeys.id,
  );
  const page = await pageOf(
    ctx.db
      .select()
      .from(rpdbApiKeys)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(rpdbApiKeys).where(where),
  );
  const rights = await rightsOf(
    ctx.db,
    ctx.actor.workspaceId,
    page.items.map((r) => r.id),
  );
  const now = ctx.now();
  return { items: page.items.map((r) => toApiKey(r, rights.get(r.id) ?? [], now)), total: page.total };
}

/** Creates a key; the 64-character plaintext is returned here and never again (only its SHA-256 is kept). */
export async function createRpdbApiKey({ ctx, input }: { ctx: AdminContext; input: RpdbApiKeyCreateInput }) {
  const key = randomBytes(RPDB_KEY_LENGTH / 2).toString('hex');
  return inTransaction(ctx, async (tx) => {
    await assertAccount(tx.tx, ctx.actor.workspaceId, input.accountId);
    await assertAttributes(tx, input.accountId, input.rights);
    const [row] = await tx.tx
      .insert(rpdbApiKeys)
      .values({
        workspaceId: ctx.actor.workspaceId,
        accountId: input.accountId,
        name: input.name,
        prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
        keyHash: sha256(key),
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    await writeRights(tx, row!.id, input.rights);
    const apiKey = toApiKey(row!, sortedRights(input.rights), ctx.now());
    await audit(tx, { action: 'rpdb.api_key.create', entityType: 'rpdb_api_key', entityId: row!.id, after: apiKey });
    return { key, apiKey };
  });
}

/** Replaces the key's explicit rights; attributes left out fall back to their default right. */
export async function setRpdbApiKeyRights({ ctx, input }: { ctx: AdminContext; input: RpdbApiKeySetRightsInput }): Promise<RpdbApiKey> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadForUpdate(tx, input.id);
    await assertAttributes(tx, row.accountId, input.rights);
    const before = (await rightsOf(tx.tx, ctx.actor.workspaceId, [row.id])).get(row.id) ?? [];
    await writeRights(tx, row.id, input.rights);
    const [updated] = await tx.tx
      .update(rpdbApiKeys)
      .set({ updatedAt: ctx.now() })
      .where(and(eq(rpdbApiKeys.workspaceId, ctx.actor.workspaceId), eq(rpdbApiKeys.id, row.id)))
      .returning();
    const after = sortedRights(input.rights);
    await audit(tx, {
      action: 'rpdb.api_key.set_rights',
      entityType: 'rpdb_api_key',
      entityId: row.id,
      before: { rights: before },
      after: { rights: after },
    });
    return toApiKey(updated!, after, ctx.now());
  });
}

/** Re-authorising with the account password makes the key privileged for the next 30 minutes. */
export async function authorizeRpdbApiKey({ ctx, input }: { ctx: AdminContext; input: RpdbApiKeyAuthorizeInput }): Promise<RpdbApiKey> {
  return throttled(ctx, 'rpdb', `${ctx.actor.workspaceId}/${input.id}`, () => checkAndAuthorize({ ctx, input }));
}

async function checkAndAuthorize({ ctx, input }: { ctx: AdminContext; input: RpdbApiKeyAuthorizeInput }): Promise<RpdbApiKey> {
  const [found] = await ctx.db
    .select({ accountId: rpdbApiKeys.accountId, revokedAt: rpdbApiKeys.revokedAt, passwordHash: rpdbAccounts.passwordHash })
    .from(rpdbApiKeys)
    .innerJoin(rpdbAccounts, and(eq(rpdbAccounts.workspaceId, rpdbApiKeys.workspaceId), eq(rpdbAccounts.id, rpdbApiKeys.accountId)))
    .where(and(eq(rpdbApiKeys.workspaceId, ctx.actor.workspaceId), eq(rpdbApiKeys.id, input.id)));
  if (!found) {
    await burnPasswordCheck(input.password);
    throw new NotFoundError('api key', input.id, 'API_KEY_NOT_FOUND');
  }
  if (!(await verifyPassword(input.password, found.passwordHash))) throw new ForbiddenError('INVALID_PASSWORD', 'Wrong account password');
  return inTransaction(ctx, async (tx) => {
    const row = await loadForUpdate(tx, input.id);
    if (row.revokedAt) throw new PreconditionError('API_KEY_REVOKED', 'A revoked key cannot be authorised');
    const now = ctx.now();
    const [updated] = await tx.tx
      .update(rpdbApiKeys)
      .set({ lastAuthorizedAt: now, updatedAt: now })
      .where(and(eq(rpdbApiKeys.workspaceId, ctx.actor.workspaceId), eq(rpdbApiKeys.id, row.id)))
      .returning();
    const rights = (await rightsOf(tx.tx, ctx.actor.workspaceId, [row.id])).get(row.id) ?? [];
    await audit(tx, {
      action: 'rpdb.api_key.authorize',
      entityType: 'rpdb_api_key',
      entityId: row.id,
      before: { lastAuthorizedAt: row.lastAuthorizedAt },
      after: { lastAuthorizedAt: now },
    });
    return toApiKey(updated!, rights, now);
  });
}

export async function revokeRpdbApiKey({ ctx, input }: { ctx: AdminContext; input: RpdbIdInput }): Promise<RpdbApiKey> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadForUpdate(tx, input.id);
    const rights = (await rightsOf(tx.tx, ctx.actor.workspaceId, [row.id])).get(row.id) ?? [];
    if (row.revokedAt) return toApiKey(row, rights, ctx.now());
    const now = ctx.now();
    const [updated] = await tx.tx
      .update(rpdbApiKeys)
      .set({ revokedAt: now, updatedAt: now })
      .where(and(eq(rpdbApiKeys.workspaceId, ctx.actor.workspaceId), eq(rpdbApiKeys.id, row.id)))
      .returning();
    await audit(tx, {
      action: 'rpdb.api_key.revoke',
      entityType: 'rpdb_api_key',
      entityId: row.id,
      before: { revokedAt: null },
      after: { revokedAt: now },
    });
    return toApiKey(updated!, rights, now);
  });
}
