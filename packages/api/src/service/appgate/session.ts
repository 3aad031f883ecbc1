import { appgateAdmins, appgateTokens, type Database } from '@profilehub/db';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import { generateSecret, sha256 } from '../../auth/secrets';
import type { AuthedContext, Context } from '../../context';
import type { AppgateLoginInput, AppgateLoginOutput } from '../../contract/appgate';
import { UnauthorizedError } from '../../errors';
import { audit } from '../audit';
import { throttled } from '../throttle';
import { inTransaction } from '../tx';
import { APPGATE_VENDOR, scopesForPrivileges } from './common';

// `POST /admin/login` → bearer token (spec §3.1). Tokens are random 384-bit strings; only their SHA-256 is
// stored. The request names no workspace (a real controller is one tenant), so the admin is found by
// provider + username across workspaces and the password decides; usernames are unique per workspace.

export const APPGATE_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** Same username in several workspaces: at most this many password checks per login. */
const MAX_CANDIDATES = 5;
export const LOGIN_FAILED = 'Invalid username or password.';

type VendorActor = Extract<Actor, { type: 'vendor' }>;

export async function appgateLogin({ ctx, input }: { ctx: Context; input: AppgateLoginInput }): Promise<AppgateLoginOutput> {
  return throttled(ctx, 'appgate', `${input.providerName}/${input.username ?? ''}`, () => checkAppgateLogin({ ctx, input }));
}

async function checkAppgateLogin({ ctx, input }: { ctx: Context; input: AppgateLoginInput }): Promise<AppgateLoginOutput> {
  const { username, password } = input;
  if (!username || !password) {
    await burnPasswordCheck(password ?? '');
    throw new UnauthorizedError('APPGATE_LOGIN_FAILED', LOGIN_FAILED);
  }
  const candidates = await ctx.db
    .select()
    .from(appgateAdmins)
    .where(
      and(
        eq(appgateAdmins.providerName, input.providerName),
        sql`lower(${appgateAdmins.username}) = lower(${username})`,
        isNull(appgateAdmins.disabledAt),
      ),
    )
    .orderBy(asc(appgateAdmins.createdAt), asc(appgateAdmins.id))
    .limit(MAX_CANDIDATES);
  if (candidates.length === 0) await burnPasswordCheck(password);
  let admin: (typeof candidates)[number] | undefined;
  for (const c of candidates) {
    if (await verifyPassword(password, c.passwordHash)) {
      admin = c;
      break;
    }
  }
  if (!admin) throw new UnauthorizedError('APPGATE_LOGIN_FAILED', LOGIN_FAILED);

  const now = ctx.now();
  const expires = new Date(now.getTime() + APPGATE_TOKEN_TTL_MS);
  const token = generateSecret('', 48);
  const actor: VendorActor = {
    type: 'vendor',
    workspaceId: admin.workspaceId,
    vendor: APPGATE_VENDOR,
    principalId: admin.id,
    label: admin.username,
    scopes: scopesForPrivileges(admin.privileges),
  };
  const found = admin;
  await inTransaction({ ...ctx, actor } as AuthedContext, async (tx) => {
    // Expired tokens of this admin are swept at login rather than by a background job.
    await tx.tx
      .delete(appgateTokens)
      .where(and(eq(appgateTokens.workspaceId, found.workspaceId), eq(appgateTokens.adminId, found.id), lt(appgateTokens.expiresAt, now)));
    await tx.tx.insert(appgateTokens).values({
      workspaceId: found.workspaceId,
      adminId: found.id,
      tokenHash: sha256(token),
      deviceId: input.deviceId,
      expiresAt: expires,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, { action: 'appgate.login', entityType: 'appgate_admin', entityId: found.id, after: { deviceId: input.deviceId } });
  });
  return {
    user: { name: admin.username, needTwoFactorAuth: false, canAccessAuditLogs: false, privileges: admin.privileges },
    token,
    expires,
  };
}

/** The Appgate admin behind a bearer token, or null when it is unknown, expired or the admin is disabled. */
export async function resolveAppgateToken(db: Database, token: string, now: Date): Promise<VendorActor | null> {
  const [row] = await db
    .select({ token: appgateTokens, admin: appgateAdmins })
    .from(appgateTokens)
    .innerJoin(appgateAdmins, eq(appgateAdmins.id, appgateTokens.adminId))
    .where(eq(appgateTokens.tokenHash, sha256(token)))
    .limit(1);
  if (!row || row.token.expiresAt <= now || row.admin.disabledAt) return null;
  return {
    type: 'vendor',
    workspaceId: row.admin.workspaceId,
    vendor: APPGATE_VENDOR,
    principalId: row.admin.id,
    label: row.admin.username,
    scopes: scopesForPrivileges(row.admin.privileges),
  };
}

/** `POST /admin/authentication/logout`: revokes the token of this session. */
export async function appgateLogout({ ctx, input }: { ctx: AuthedContext; input: { token: string } }) {
  const actor = ctx.actor;
  if (actor.type !== 'vendor' || actor.vendor !== APPGATE_VENDOR) throw new UnauthorizedError('APPGATE_TOKEN', 'Token error. Login again.');
  await inTransaction(ctx, async (tx) => {
    const [gone] = await tx.tx
      .delete(appgateTokens)
      .where(
        and(
          eq(appgateTokens.workspaceId, actor.workspaceId),
          eq(appgateTokens.adminId, actor.principalId),
          eq(appgateTokens.tokenHash, sha256(input.token)),
        ),
      )
      .returning({ id: appgateTokens.id });
    if (!gone) throw new UnauthorizedError('APPGATE_TOKEN', 'Token error. Login again.');
    await audit(tx, { action: 'appgate.logout', entityType: 'appgate_admin', entityId: actor.principalId });
  });
  return { ok: true as const };
}
