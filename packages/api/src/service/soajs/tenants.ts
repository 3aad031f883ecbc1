import { randomBytes } from 'node:crypto';
import { type Database, isUniqueViolation, soajsAccessTokens, soajsTenantKeys, soajsTenants } from '@profilehub/db';
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../auth/actor';
import { sha256 } from '../../auth/secrets';
import type { AuthedContext } from '../../context';
import type {
  SoajsAccessTokenCreateInput,
  SoajsIdInput,
  SoajsKeyCreateInput,
  SoajsTenant,
  SoajsTenantCreateInput,
  SoajsTenantPageInput,
  SoajsTenantUpdateInput,
} from '../../contract/soajs';
import { ConflictError, NotFoundError } from '../../errors';
import { cachedCredential } from '../actor-cache';
import { audit } from '../audit';
import { orderFor, pageOf, textFilter } from '../page';
import { throttled } from '../throttle';
import { inTransaction, type TxContext } from '../tx';
import { newObjectId, SOAJS_VENDOR } from './common';
import { soajsError } from './errors';

/** Tenant external keys look like SOAJS ones (long hex); only their SHA-256 is stored. */
function generateExtKey(): string {
  return randomBytes(64).toString('hex');
}

/** oauth2-server style bearer tokens: 40 hex characters. */
function generateAccessToken(): string {
  return randomBytes(20).toString('hex');
}

const DISPLAY_PREFIX = 8;

/**
 * Resolves a SOAJS credential pair: the tenant external key (missing or unknown: SOAJS_KEY_INVALID) and the
 * oauth access token (missing, unknown, revoked, expired or another tenant's: SOAJS_TOKEN_*).
 */
export async function authenticateSoajs(
  db: Database,
  creds: { key?: string; accessToken?: string },
  now: Date,
  client?: { ip?: string },
): Promise<Extract<Actor, { type: 'vendor' }>> {
  if (!client) return checkSoajsCredentials(db, creds, now);
  // Keys and tokens are random and name no account: each guess is a new value, so failures are counted per
  // address (all SOAJS credentials from it as one "account").
  return throttled({ db, now: () => now, meta: { ip: client.ip } }, 'soajs', 'tenant-key', () => checkSoajsCredentials(db, creds, now));
}

async function checkSoajsCredentials(
  db: Database,
  creds: { key?: string; accessToken?: string },
  now: Date,
): Promise<Extract<Actor, { type: 'vendor' }>> {
  if (!creds.key) throw soajsError('SOAJS_KEY_INVALID');
  // One round trip: the key with its tenant, and the token (if any) with the tenant that issued it.
  const tokenTenant = alias(soajsTenants, 'soajs_token_tenant');
  const keyDigest = sha256(creds.key);
  const tokenDigest = sha256(creds.accessToken ?? '');
  const lookup = () =>
    db
      .select({
        workspaceId: soajsTenantKeys.workspaceId,
        tenantId: soajsTenantKeys.tenantId,
        code: soajsTenants.code,
        token: {
          prefix: soajsAccessTokens.prefix,
          tenantId: soajsAccessTokens.tenantId,
          expiresAt: soajsAccessTokens.expiresAt,
          revokedAt: soajsAccessTokens.revokedAt,
        },
        rootIssued: tokenTenant.locked,
      })
      .from(soajsTenantKeys)
      .innerJoin(
        soajsTenants,
        and(eq(soajsTenants.workspaceId, soajsTenantKeys.workspaceId), eq(soajsTenants.id, soajsTenantKeys.tenantId)),
      )
      .leftJoin(
        soajsAccessTokens,
        and(eq(soajsAccessTokens.workspaceId, soajsTenantKeys.workspaceId), eq(soajsAccessTokens.tokenHash, tokenDigest)),
      )
      .leftJoin(
        tokenTenant,
        and(eq(tokenTenant.workspaceId, soajsAccessTokens.workspaceId), eq(tokenTenant.id, soajsAccessTokens.tenantId)),
      )
      .where(and(eq(soajsTenantKeys.keyHash, keyDigest), isNull(soajsTenantKeys.revokedAt)))
      .limit(1)
      .then((rows) => rows[0]);
  // A good pair is cached (keyed by digests of both) until the token expires; failures always reach the
  // database. A key, token or tenant change is audited and drops the cache.
  let loaded: Awaited<ReturnType<typeof lookup>> | undefined;
  const cached = creds.accessToken
    ? await cachedCredential(db, 'soajs', `${keyDigest}:${tokenDigest}`, now, async () => {
        loaded = await lookup();
        const token = loaded?.token;
        const good = token && !token.revokedAt && (token.tenantId === loaded!.tenantId || loaded!.rootIssued);
        return good ? { row: loaded!, validUntil: token.expiresAt } : null;
      })
    : null;
  const row = cached ?? (creds.accessToken ? loaded : await lookup());
  if (!row) throw soajsError('SOAJS_KEY_INVALID');
  if (!creds.accessToken) throw soajsError('SOAJS_TOKEN_MISSING');
  const key = row;
  const token = row.token;
  // A token is good with its own tenant's keys; one issued by the root (locked) tenant with any tenant's.
  if (!token || token.revokedAt || (token.tenantId !== key.tenantId && !row.rootIssued)) throw soajsError('SOAJS_TOKEN_INVALID');
  if (token.expiresAt && token.expiresAt <= now) throw soajsError('SOAJS_TOKEN_EXPIRED');
  return {
    type: 'vendor',
    workspaceId: key.workspaceId,
    vendor: SOAJS_VENDOR,
    principalId: key.tenantId,
    label: `${key.code}/${token.prefix}`,
    scopes: ['soajs:read', 'soajs:write'],
  };
}

type TenantRow = typeof soajsTenants.$inferSelect;

/** Tenants with their keys and access tokens (read by the tenant index of each). */
async function withCredentials(ctx: AuthedContext, tenants: TenantRow[]): Promise<SoajsTenant[]> {
  if (tenants.length === 0) return [];
  const ws = ctx.actor.workspaceId;
  const ids = tenants.map((t) => t.id);
  const [keys, tokens] = await Promise.all([
    ctx.db
      .select()
      .from(soajsTenantKeys)
      .where(and(eq(soajsTenantKeys.workspaceId, ws), inArray(soajsTenantKeys.tenantId, ids)))
      .orderBy(asc(soajsTenantKeys.createdAt)),
    ctx.db
      .select()
      .from(soajsAccessTokens)
      .where(and(eq(soajsAccessTokens.workspaceId, ws), inArray(soajsAccessTokens.tenantId, ids)))
      .orderBy(asc(soajsAccessTokens.createdAt)),
  ]);
  const now = ctx.now();
  return tenants.map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    locked: t.locked,
    createdAt: t.createdAt,
    keys: keys
      .filter((k) => k.tenantId === t.id)
      .map((k) => ({ id: k.id, label: k.label, prefix: k.prefix, createdAt: k.createdAt, revokedAt: k.revokedAt })),
    accessTokens: tokens
      .filter((k) => k.tenantId === t.id)
      .map((k) => ({
        id: k.id,
        label: k.label,
        prefix: k.prefix,
        createdAt: k.createdAt,
        expiresAt: k.expiresAt,
        revokedAt: k.revokedAt,
        status: k.revokedAt ? ('revoked' as const) : k.expiresAt && k.expiresAt <= now ? ('expired' as const) : ('active' as const),
      })),
  }));
}

export async function listTenants({ ctx }: { ctx: AuthedContext }): Promise<SoajsTenant[]> {
  const tenants = await ctx.db
    .select()
    .from(soajsTenants)
    .where(eq(soajsTenants.workspaceId, ctx.actor.workspaceId))
    .orderBy(asc(soajsTenants.createdAt), asc(soajsTenants.id));
  return withCredentials(ctx, tenants);
}

/** The tenants table: a page at a time, filtered by code, name or description. */
export async function pageTenants({ ctx, input }: { ctx: AuthedContext; input: SoajsTenantPageInput }) {
  const where = and(
    eq(soajsTenants.workspaceId, ctx.actor.workspaceId),
    textFilter(input.q, [soajsTenants.code, soajsTenants.name, soajsTenants.description]),
  );
  const order = orderFor(
    input,
    { createdAt: [soajsTenants.createdAt], code: [soajsTenants.code], name: [soajsTenants.name] },
    soajsTenants.id,
  );
  const page = await pageOf(
    ctx.db
      .select()
      .from(soajsTenants)
      .where(where)
      .orderBy(...order)
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(soajsTenants).where(where),
  );
  return { items: await withCredentials(ctx, page.items), total: page.total };
}

export async function createTenant({ ctx, input }: { ctx: AuthedContext; input: SoajsTenantCreateInput }) {
  return inTransaction(ctx, async (tx) => {
    try {
      const [row] = await tx.tx
        .insert(soajsTenants)
        .values({
          workspaceId: ctx.actor.workspaceId,
          id: newObjectId(ctx.now()),
          code: input.code,
          name: input.name,
          description: input.description ?? '',
          locked: input.locked ?? false,
        })
        .returning();
      await audit(tx, { action: 'soajs.tenant.create', entityType: 'soajs_tenant', entityId: row!.id, after: row });
      return { id: row!.id, code: row!.code, name: row!.name, description: row!.description, locked: row!.locked };
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('SOAJS_TENANT_EXISTS', `A tenant with code ${input.code} already exists`);
      throw err;
    }
  });
}

export async function updateTenant({ ctx, input }: { ctx: AuthedContext; input: SoajsTenantUpdateInput }) {
  return inTransaction(ctx, async (tx) => {
    const where = and(eq(soajsTenants.workspaceId, ctx.actor.workspaceId), eq(soajsTenants.id, input.id));
    const [before] = await tx.tx.select().from(soajsTenants).where(where).for('update');
    if (!before) throw new NotFoundError('soajs_tenant', input.id);
    const [after] = await tx.tx
      .update(soajsTenants)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.locked !== undefined && { locked: input.locked }),
        updatedAt: ctx.now(),
      })
      .where(where)
      .returning();
    await audit(tx, { action: 'soajs.tenant.update', entityType: 'soajs_tenant', entityId: input.id, before, after });
    return { id: after!.id, code: after!.code, name: after!.name, description: after!.description, locked: after!.locked };
  });
}

async function assertTenant(tx: TxContext, workspaceId: string, tenantId: string) {
  const [t] = await tx.tx
    .select({ id: soajsTenants.id })
    .from(soajsTenants)
    .where(and(eq(soajsTenants.workspaceId, workspaceId), eq(soajsTenants.id, tenantId)));
  if (!t) throw new NotFoundError('soajs_tenant', tenantId);
}

/** Issues an external key; the plaintext is returned here only. */
export async function createTenantKey({ ctx, input }: { ctx: AuthedContext; input: SoajsKeyCreateInput }) {
  const key = generateExtKey();
  return inTransaction(ctx, async (tx) => {
    await assertTenant(tx, ctx.actor.workspaceId, input.tenantId);
    const [row] = await tx.tx
      .insert(soajsTenantKeys)
      .values({
        workspaceId: ctx.actor.workspaceId,
        tenantId: input.tenantId,
        label: input.label ?? '',
        prefix: key.slice(0, DISPLAY_PREFIX),
        keyHash: sha256(key),
      })
      .returning();
    await audit(tx, {
      action: 'soajs.key.create',
      entityType: 'soajs_tenant_key',
      entityId: row!.id,
      after: { tenantId: row!.tenantId, label: row!.label, prefix: row!.prefix },
    });
    return { id: row!.id, key };
  });
}

export async function revokeTenantKey({ ctx, input }: { ctx: AuthedContext; input: SoajsIdInput }) {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const [row] = await tx.tx
      .update(soajsTenantKeys)
      .set({ revokedAt: now, updatedAt: now })
      .where(
        and(eq(soajsTenantKeys.workspaceId, ctx.actor.workspaceId), eq(soajsTenantKeys.id, input.id), isNull(soajsTenantKeys.revokedAt)),
      )
      .returning();
    if (!row) throw new NotFoundError('soajs_tenant_key', input.id);
    await audit(tx, { action: 'soajs.key.revoke', entityType: 'soajs_tenant_key', entityId: row.id, after: { revokedAt: now } });
    return { ok: true as const };
  });
}

/** Issues an oauth access token for a tenant; the plaintext is returned here only. */
export async function createAccessToken({ ctx, input }: { ctx: AuthedContext; input: SoajsAccessTokenCreateInput }) {
  const token = generateAccessToken();
  const now = ctx.now();
  return inTransaction(ctx, async (tx) => {
    await assertTenant(tx, ctx.actor.workspaceId, input.tenantId);
    const [row] = await tx.tx
      .insert(soajsAccessTokens)
      .values({
        workspaceId: ctx.actor.workspaceId,
        tenantId: input.tenantId,
        label: input.label ?? '',
        prefix: token.slice(0, DISPLAY_PREFIX),
        tokenHash: sha256(token),
        expiresAt: input.expiresInHours ? new Date(now.getTime() + input.expiresInHours * 3_600_000) : null,
      })
      .returning();
    await audit(tx, {
      action: 'soajs.access_token.create',
      entityType: 'soajs_access_token',
      entityId: row!.id,
      after: { tenantId: row!.tenantId, label: row!.label, prefix: row!.prefix, expiresAt: row!.expiresAt },
    });
    return { id: row!.id, accessToken: token, expiresAt: row!.expiresAt };
  });
}

export async function revokeAccessToken({ ctx, input }: { ctx: AuthedContext; input: SoajsIdInput }) {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const [row] = await tx.tx
      .update(soajsAccessTokens)
      .set({ revokedAt: now, updatedAt: now })
      .where(
        and(
          eq(soajsAccessTokens.workspaceId, ctx.actor.workspaceId),
          eq(soajsAccessTokens.id, input.id),
          isNull(soajsAccessTokens.revokedAt),
        ),
      )
      .returning();
    if (!row) throw new NotFoundError('soajs_access_token', input.id);
    await audit(tx, { action: 'soajs.access_token.revoke', entityType: 'soajs_access_token', entityId: row.id, after: { revokedAt: now } });
    return { ok: true as const };
  });
}
