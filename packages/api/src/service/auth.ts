import { accounts, adminSessions, apiTokens, type Database, workspaces } from '@profilehub/db';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { burnPasswordCheck, verifyPassword } from '../auth/password';
import { generateSecret, sha256 } from '../auth/secrets';
import type { AuthedContext, Context } from '../context';
import { UnauthorizedError } from '../errors';
import { isScope, scopesForRole } from '../scopes';
import { cachedCredential } from './actor-cache';
import { audit } from './audit';
import { throttled } from './throttle';
import { inTransaction } from './tx';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
// Writing last-use on every request would turn reads into writes; a minute's precision is enough.
const TOUCH_INTERVAL_MS = 60 * 1000;

export async function resolveActor(db: Database, creds: { bearer?: string; session?: string }, now: Date): Promise<Actor | null> {
  if (creds.bearer) return resolveApiToken(db, creds.bearer, now);
  if (creds.session) return resolveSession(db, creds.session, now);
  return null;
}

async function resolveApiToken(db: Database, token: string, now: Date): Promise<Actor | null> {
  const digest = sha256(token);
  const row = await cachedCredential(db, 'api_token', digest, now, async () => {
    const [found] = await db
      .select({ token: apiTokens, account: accounts })
      .from(apiTokens)
      .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
      .where(eq(apiTokens.tokenHash, digest))
      .limit(1);
    if (!found) return null;
    const { token: t, account } = found;
    if (t.revokedAt || account.disabledAt || (t.expiresAt && t.expiresAt <= now)) return null;
    return { row: found, validUntil: t.expiresAt };
  });
  if (!row) return null;
  const { token: t, account } = row;
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    t.lastUsedAt = now;
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
  }
  // A token never holds more than its owner's role allows today (a demoted owner demotes its tokens).
  const allowed = scopesForRole(account.role);
  return {
    type: 'api_token',
    workspaceId: t.workspaceId,
    accountId: account.id,
    tokenId: t.id,
    label: `${account.username}/${t.name}`,
    role: account.role,
    scopes: t.scopes.filter(isScope).filter((s) => allowed.includes(s)),
  };
}

async function resolveSession(db: Database, value: string, now: Date): Promise<Actor | null> {
  const digest = sha256(value);
  const row = await cachedCredential(db, 'session', digest, now, async () => {
    const [found] = await db
      .select({ session: adminSessions, account: accounts })
      .from(adminSessions)
      .innerJoin(accounts, eq(accounts.id, adminSessions.accountId))
      .where(eq(adminSessions.tokenHash, digest))
      .limit(1);
    if (!found || found.account.disabledAt || found.session.expiresAt <= now) return null;
    return { row: found, validUntil: found.session.expiresAt };
  });
  if (!row) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    row.session.lastSeenAt = now;
    await db.update(adminSessions).set({ lastSeenAt: now }).where(eq(adminSessions.id, row.session.id));
  }
  return {
    type: 'account',
    workspaceId: row.account.workspaceId,
    accountId: row.account.id,
    sessionId: row.session.id,
    label: row.account.username,
    role: row.account.role,
    scopes: scopesForRole(row.account.role),
  };
}

export type LoginInput = { workspace: string; username: string; password: string };

export async function login({ ctx, input }: { ctx: Context; input: LoginInput }) {
  return throttled(ctx, 'admin', `${input.workspace}/${input.username}`, () => checkLogin({ ctx, input }));
}

async function checkLogin({ ctx, input }: { ctx: Context; input: LoginInput }) {
  const [row] = await ctx.db
    .select({ account: accounts, workspace: workspaces })
    .from(accounts)
    .innerJoin(workspaces, eq(workspaces.id, accounts.workspaceId))
    .where(and(eq(workspaces.slug, input.workspace), sql`lower(${accounts.username}) = lower(${input.username})`))
    .limit(1);
  if (!row) {
    await burnPasswordCheck(input.password);
    throw new UnauthorizedError('INVALID_CREDENTIALS', 'Wrong workspace, username or password');
  }
  const ok = await verifyPassword(input.password, row.account.passwordHash);
  if (!ok || row.account.disabledAt) throw new UnauthorizedError('INVALID_CREDENTIALS', 'Wrong workspace, username or password');

  const secret = generateSecret('', 32);
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  const actor: Actor = {
    type: 'account',
    workspaceId: row.account.workspaceId,
    accountId: row.account.id,
    label: row.account.username,
    role: row.account.role,
    scopes: scopesForRole(row.account.role),
  };
  const session = await inTransaction({ ...ctx, actor } as AuthedContext, async (tx) => {
    // Expired sessions of this account are swept on each login instead of by a background job.
    await tx.tx.delete(adminSessions).where(and(eq(adminSessions.accountId, row.account.id), lt(adminSessions.expiresAt, now)));
    const [created] = await tx.tx
      .insert(adminSessions)
      .values({ workspaceId: row.account.workspaceId, accountId: row.account.id, tokenHash: sha256(secret), expiresAt, lastSeenAt: now })
      .returning();
    await audit(tx, { action: 'auth.login', entityType: 'account', entityId: row.account.id });
    return created!;
  });
  // The secret leaves only through the transport's session hook (an HttpOnly cookie over HTTP).
  ctx.response?.startSession(secret, expiresAt);
  return {
    expiresAt: session.expiresAt,
    account: { id: row.account.id, username: row.account.username, role: row.account.role },
    workspace: { id: row.workspace.id, slug: row.workspace.slug, name: row.workspace.name },
  };
}

export async function logout({ ctx }: { ctx: AuthedContext }) {
  const actor = ctx.actor;
  if (actor.type === 'account' && actor.sessionId) {
    await inTransaction(ctx, async (tx) => {
      await tx.tx
        .delete(adminSessions)
        .where(and(eq(adminSessions.workspaceId, actor.workspaceId), eq(adminSessions.id, actor.sessionId!)));
      await audit(tx, { action: 'auth.logout', entityType: 'account', entityId: actor.accountId });
    });
  }
  ctx.response?.endSession();
  return { ok: true as const };
}

export async function me({ ctx }: { ctx: AuthedContext }) {
  const [ws] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId));
  const accountId = ctx.actor.type === 'vendor' ? null : ctx.actor.accountId;
  const [account] = accountId
    ? await ctx.db
        .select({ id: accounts.id, username: accounts.username, displayName: accounts.displayName, role: accounts.role })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, ctx.actor.workspaceId), eq(accounts.id, accountId)))
    : [];
  return {
    actorType: ctx.actor.type,
    label: ctx.actor.label,
    scopes: ctx.actor.scopes,
    account: account ?? null,
    workspace: { id: ws!.id, slug: ws!.slug, name: ws!.name },
  };
}

/** Active tokens of a workspace: not revoked and not expired. */
export function activeTokenFilter(now: Date) {
  return and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), sql`${apiTokens.expiresAt} > ${now}`));
}
