import { type AppgatePrivilege, appgateAdmins, appgateTokens, type Database } from '@profilehub/db';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import { generateSecret, sha256 } from '../../auth/secrets';
import type { AuthedContext, Context } from '../../context';
import type {
  AppgateAuthorizeInput,
  AppgateLoginInput,
  AppgateLoginOutput,
  AppgateOtpInitializeInput,
  AppgateOtpInput,
  AppgateSignInProviders,
} from '../../contract/appgate';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../errors';
import { cachedCredential, credentialGeneration } from '../actor-cache';
import { audit } from '../audit';
import { throttled } from '../throttle';
import { inTransaction } from '../tx';
import { APPGATE_VENDOR, LOCAL_PROVIDER, scopesForPrivileges } from './common';

// `POST /admin/login` → bearer token (spec §3.1). Tokens are random 384-bit strings; only their SHA-256 is
// stored. The request names no workspace (a real controller is one tenant), so the admin is found by
// provider + username across workspaces and the password decides; usernames are unique per workspace.

export const APPGATE_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** Same username in several workspaces: at most this many password checks per login. */
const MAX_CANDIDATES = 5;
const LOGIN_FAILED = 'Wrong username or password';

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
  const actor = adminActor(admin, credentialGeneration(ctx.db));
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
  const digest = sha256(token);
  const generation = credentialGeneration(db);
  const admin = await cachedCredential(db, 'appgate', digest, now, async () => {
    const [row] = await db
      .select({
        expiresAt: appgateTokens.expiresAt,
        admin: {
          workspaceId: appgateAdmins.workspaceId,
          id: appgateAdmins.id,
          username: appgateAdmins.username,
          privileges: appgateAdmins.privileges,
        },
        disabledAt: appgateAdmins.disabledAt,
      })
      .from(appgateTokens)
      .innerJoin(appgateAdmins, eq(appgateAdmins.id, appgateTokens.adminId))
      .where(eq(appgateTokens.tokenHash, digest))
      .limit(1);
    return row && row.expiresAt > now && !row.disabledAt ? { row: row.admin, validUntil: row.expiresAt } : null;
  });
  return admin ? adminActor(admin, generation) : null;
}

/** An Appgate admin as the actor of its calls; its privileges travel with it (see requireProfilePrivilege). */
function adminActor(
  admin: { workspaceId: string; id: string; username: string; privileges: AppgatePrivilege[] },
  /** The credential cache generation the admin was read in (actor-cache.ts). */
  generation: number,
): VendorActor {
  return {
    type: 'vendor',
    workspaceId: admin.workspaceId,
    vendor: APPGATE_VENDOR,
    principalId: admin.id,
    label: admin.username,
    scopes: scopesForPrivileges(admin.privileges),
    grants: { generation, values: { appgate: { privileges: admin.privileges } } },
  };
}

// Sign-in in steps, as sdpctl does it (login.yml `identity-provider-names`, `authentication`,
// `authentication-otp-initialize`, `authentication-otp`, `authorization`): authentication checks the
// credentials exactly as `/admin/login` does; authorization turns that token into the session's AuthToken.
// No Profilehub admin has multi-factor authentication, so authentication's token is already complete:
// authorization answers it unchanged (sdpctl calls authorization twice with it, and again later to test a
// stored token), and the OTP steps are refused as not applicable.

const TOKEN_ERROR = 'Unknown or expired Appgate token';

/**
 * `GET /admin/identity-providers/names` names no workspace and needs no credentials, so it can only answer
 * what every workspace has: the built-in `local` provider, which holds the admin passwords (type
 * `Credentials` in this answer, which sdpctl signs in with username and password). Listing the providers
 * of every workspace would show one tenant's names to anyone.
 */
export function appgateSignInProviders(): AppgateSignInProviders {
  return [{ name: LOCAL_PROVIDER, type: 'Credentials' }];
}

function requireAppgateAdmin(ctx: AuthedContext): VendorActor {
  const actor = ctx.actor;
  if (actor.type !== 'vendor' || actor.vendor !== APPGATE_VENDOR) throw new UnauthorizedError('APPGATE_TOKEN', TOKEN_ERROR);
  return actor;
}

/** `GET /admin/authorization`: the AuthToken with the admin's current privileges; none at all → 403. */
export async function appgateAuthorize({ ctx, input }: { ctx: AuthedContext; input: AppgateAuthorizeInput }): Promise<AppgateLoginOutput> {
  const actor = requireAppgateAdmin(ctx);
  const [row] = await ctx.db
    .select({ expiresAt: appgateTokens.expiresAt, username: appgateAdmins.username, privileges: appgateAdmins.privileges })
    .from(appgateTokens)
    .innerJoin(appgateAdmins, and(eq(appgateAdmins.workspaceId, appgateTokens.workspaceId), eq(appgateAdmins.id, appgateTokens.adminId)))
    .where(
      and(
        eq(appgateTokens.workspaceId, actor.workspaceId),
        eq(appgateTokens.adminId, actor.principalId),
        eq(appgateTokens.tokenHash, sha256(input.token)),
      ),
    );
  if (!row || row.expiresAt <= ctx.now()) throw new UnauthorizedError('APPGATE_TOKEN', TOKEN_ERROR);
  if (row.privileges.length === 0) throw new ForbiddenError('APPGATE_NO_ADMIN_RIGHTS', 'The admin holds no privileges');
  return {
    user: { name: row.username, needTwoFactorAuth: false, canAccessAuditLogs: false, privileges: row.privileges },
    token: input.token,
    expires: row.expiresAt,
  };
}

function mfaNotRequired(): ValidationError {
  return new ValidationError(
    [{ path: 'otp', message: 'multi-factor authentication is not required for this admin' }],
    'APPGATE_MFA_NOT_REQUIRED',
  );
}

/** `POST /admin/authentication/otp/initialize`: nothing to initialize for an admin without MFA → 422. */
export async function appgateOtpInitialize({ ctx }: { ctx: AuthedContext; input: AppgateOtpInitializeInput }): Promise<never> {
  requireAppgateAdmin(ctx);
  throw mfaNotRequired();
}

/** `POST /admin/authentication/otp`: no OTP is ever accepted for an admin without MFA → 422. */
export async function appgateOtpVerify({ ctx }: { ctx: AuthedContext; input: AppgateOtpInput }): Promise<never> {
  requireAppgateAdmin(ctx);
  throw mfaNotRequired();
}

/** `POST /admin/authentication/logout`: revokes the token of this session. */
export async function appgateLogout({ ctx, input }: { ctx: AuthedContext; input: { token: string } }) {
  const actor = ctx.actor;
  if (actor.type !== 'vendor' || actor.vendor !== APPGATE_VENDOR) throw new UnauthorizedError('APPGATE_TOKEN', TOKEN_ERROR);
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
    if (!gone) throw new UnauthorizedError('APPGATE_TOKEN', TOKEN_ERROR);
    await audit(tx, { action: 'appgate.logout', entityType: 'appgate_admin', entityId: actor.principalId });
  });
  return { ok: true as const };
}
