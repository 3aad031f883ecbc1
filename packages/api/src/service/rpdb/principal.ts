import { type Database, type Queryable, rpdbAccounts, rpdbApiKeys } from '@profilehub/db';
import { and, eq } from 'drizzle-orm';
import { type Actor, vendorPrincipal } from '../../auth/actor';
import { sha256 } from '../../auth/secrets';
import type { AuthedContext } from '../../context';
import { NotFoundError, UnauthorizedError, ValidationError } from '../../errors';
import { cachedCredential, credentialGeneration, currentGrants } from '../actor-cache';

export const RPDB_VENDOR = 'rpdb';
/** "Privileged operations are allowed for 30 minutes after the last authorisation." [DOC api-key page] */
export const PRIVILEGE_TTL_MS = 30 * 60 * 1000;
export const RPDB_KEY_LENGTH = 64;
// Writing last-use on every request would turn reads into writes; a minute's precision is enough.
const TOUCH_INTERVAL_MS = 60 * 1000;

/**
 * On whose behalf an RPdb rule is evaluated. An API key sees through its rights; an admin (account or
 * workspace API token) manages the RPdb account as its owner and sees everything.
 */
export type RpdbPrincipal = {
  workspaceId: string;
  accountId: number;
  /** null for admin callers: no per-attribute rights apply. */
  keyId: number | null;
  privileged: boolean;
};

/** What an RPdb key grants: its account, and since when it is privileged. */
export type RpdbGrants = { accountId: number; lastAuthorizedAt: Date | null };

declare module '../../auth/actor' {
  interface VendorGrants {
    rpdb: RpdbGrants;
  }
}

export function privilegedUntil(lastAuthorizedAt: Date | null): Date | null {
  return lastAuthorizedAt ? new Date(lastAuthorizedAt.getTime() + PRIVILEGE_TTL_MS) : null;
}

export function isPrivileged(lastAuthorizedAt: Date | null, now: Date): boolean {
  const until = privilegedUntil(lastAuthorizedAt);
  return until !== null && until > now;
}

/**
 * Resolves an `X-Api-Key` to a vendor actor (the workspace comes from the key). Returns null for a missing,
 * malformed, unknown or revoked key; the caller answers 401.
 */
export async function authenticateRpdbKey(
  db: Database,
  key: string | undefined,
  now: Date,
): Promise<Extract<Actor, { type: 'vendor' }> | null> {
  if (!key || key.length !== RPDB_KEY_LENGTH) return null;
  const digest = sha256(key);
  const generation = credentialGeneration(db);
  const row = await cachedCredential(db, 'rpdb', digest, now, async () => {
    const [found] = await db
      .select({
        workspaceId: rpdbApiKeys.workspaceId,
        id: rpdbApiKeys.id,
        name: rpdbApiKeys.name,
        accountId: rpdbApiKeys.accountId,
        lastAuthorizedAt: rpdbApiKeys.lastAuthorizedAt,
        lastUsedAt: rpdbApiKeys.lastUsedAt,
        revokedAt: rpdbApiKeys.revokedAt,
      })
      .from(rpdbApiKeys)
      .where(eq(rpdbApiKeys.keyHash, digest))
      .limit(1);
    return found && !found.revokedAt ? { row: found, validUntil: null } : null;
  });
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    row.lastUsedAt = now;
    await db
      .update(rpdbApiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(rpdbApiKeys.workspaceId, row.workspaceId), eq(rpdbApiKeys.id, row.id)));
  }
  return {
    type: 'vendor',
    workspaceId: row.workspaceId,
    vendor: RPDB_VENDOR,
    principalId: String(row.id),
    label: row.name,
    scopes: ['rpdb:read', 'rpdb:write'],
    grants: { generation, values: { rpdb: { accountId: row.accountId, lastAuthorizedAt: row.lastAuthorizedAt } } },
  };
}

/** A key's grants read from its row (its actor's are stale or missing); a key revoked since is unknown. */
async function readGrants(db: Queryable, workspaceId: string, keyId: number): Promise<RpdbGrants> {
  const [key] = await db
    .select({ accountId: rpdbApiKeys.accountId, lastAuthorizedAt: rpdbApiKeys.lastAuthorizedAt, revokedAt: rpdbApiKeys.revokedAt })
    .from(rpdbApiKeys)
    .where(and(eq(rpdbApiKeys.workspaceId, workspaceId), eq(rpdbApiKeys.id, keyId)));
  if (!key || key.revokedAt) throw new UnauthorizedError('AUTHENTICATION_FAILED', 'The API key is unknown or revoked');
  return key;
}

async function accountExists(db: Queryable, workspaceId: string, accountId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: rpdbAccounts.id })
    .from(rpdbAccounts)
    .where(and(eq(rpdbAccounts.workspaceId, workspaceId), eq(rpdbAccounts.id, accountId)));
  return row !== undefined;
}

export async function assertAccount(db: Queryable, workspaceId: string, accountId: number): Promise<void> {
  if (!(await accountExists(db, workspaceId, accountId))) throw new NotFoundError('rpdb account', accountId, 'ACCOUNT_NOT_FOUND');
}

async function assertAccountCached(db: Database, workspaceId: string, accountId: number, now: Date): Promise<void> {
  const known = await cachedCredential(db, 'rpdb_account', `${workspaceId}:${accountId}`, now, async () =>
    (await accountExists(db, workspaceId, accountId)) ? { row: true, validUntil: null } : null,
  );
  if (!known) throw new NotFoundError('rpdb account', accountId, 'ACCOUNT_NOT_FOUND');
}

/** Whoever calls: an RPdb key acts on its own account; admins name the account they manage. */
export async function resolvePrincipal(ctx: AuthedContext, db: Queryable, accountId: number | undefined): Promise<RpdbPrincipal> {
  const actor = ctx.actor;
  const keyId = vendorPrincipal(actor, RPDB_VENDOR);
  if (keyId !== null) {
    const key = currentGrants(ctx.db, actor, 'rpdb') ?? (await readGrants(db, actor.workspaceId, Number(keyId)));
    if (accountId !== undefined && accountId !== key.accountId) throw new NotFoundError('rpdb account', accountId, 'ACCOUNT_NOT_FOUND');
    return {
      workspaceId: actor.workspaceId,
      accountId: key.accountId,
      keyId: Number(keyId),
      privileged: isPrivileged(key.lastAuthorizedAt, ctx.now()),
    };
  }
  if (accountId === undefined) throw new ValidationError([{ path: 'accountId', message: 'Required' }]);
  // Reads outside a transaction may take the account's existence from the credential cache (an account's
  // deletion is audited, which drops it everywhere); a transaction reads it, under its own snapshot.
  if (db === ctx.db) await assertAccountCached(ctx.db, actor.workspaceId, accountId, ctx.now());
  else await assertAccount(db, actor.workspaceId, accountId);
  return { workspaceId: actor.workspaceId, accountId, keyId: null, privileged: true };
}
