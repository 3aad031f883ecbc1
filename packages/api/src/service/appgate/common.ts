import { randomBytes } from 'node:crypto';
import {
  type AppgatePrivilege,
  type AppgatePrivilegeType,
  appgateAdmins,
  appgateIdentityProviders,
  appgateSettings,
  type Queryable,
} from '@profilehub/db';
import { and, eq } from 'drizzle-orm';
import { vendorPrincipal } from '../../auth/actor';
import type { Scope } from '../../auth/scope';
import type { AuthedContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { currentGrants } from '../actor-cache';

export const APPGATE_VENDOR = 'appgate';

declare module '../../auth/actor' {
  interface VendorGrants {
    /** An Appgate admin's privileges. */
    appgate: { privileges: AppgatePrivilege[] };
  }
}
/** The built-in credentials provider every controller has. */
export const LOCAL_PROVIDER = 'local';

const PERMISSION_DENIED = 'The admin lacks the privilege for this on client profiles';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

export function grants(privileges: AppgatePrivilege[], type: AppgatePrivilegeType): boolean {
  return privileges.some((p) => (p.type === type || p.type === 'All') && (p.target === 'ClientProfile' || p.target === 'All'));
}

/** What a logged-in Appgate admin may call through tRPC at all; the privilege itself is checked per action. */
export function scopesForPrivileges(privileges: AppgatePrivilege[]): Scope[] {
  const out: Scope[] = [];
  if (privileges.length > 0) out.push('appgate:read');
  if (privileges.some((p) => p.type !== 'View')) out.push('appgate:write');
  return out;
}

/**
 * Client-profile privilege check. Workspace accounts and API tokens are governed by their scopes (checked
 * by the router); an Appgate admin (vendor actor) needs a privilege of that type, or `All`, on target
 * ClientProfile or All. The privileges come with the credential, and are read again once any credential
 * changed since (a change to them is audited, which starts a new generation everywhere: actor-cache.ts).
 */
export async function requireProfilePrivilege(ctx: AuthedContext, type: AppgatePrivilegeType): Promise<void> {
  const adminId = vendorPrincipal(ctx.actor, APPGATE_VENDOR);
  if (adminId === null) return;
  const cached = currentGrants(ctx.db, ctx.actor, 'appgate');
  if (cached) {
    if (!grants(cached.privileges, type)) throw new ForbiddenError('APPGATE_PERMISSION', PERMISSION_DENIED);
    return;
  }
  const [row] = await ctx.db
    .select({ privileges: appgateAdmins.privileges })
    .from(appgateAdmins)
    .where(and(eq(appgateAdmins.workspaceId, ctx.actor.workspaceId), eq(appgateAdmins.id, adminId)));
  if (!row || !grants(row.privileges, type)) throw new ForbiddenError('APPGATE_PERMISSION', PERMISSION_DENIED);
}

/**
 * Every controller has the `local` provider and a settings row; both are created on first use, so a
 * workspace that never touched Appgate holds no Appgate rows.
 */
export async function ensureAppgateDefaults(db: Queryable, workspaceId: string): Promise<void> {
  await db
    .insert(appgateIdentityProviders)
    .values({ workspaceId, name: LOCAL_PROVIDER, type: 'LocalDatabase', notes: 'Built-in local user database.' })
    .onConflictDoNothing();
  await db
    .insert(appgateSettings)
    .values({ workspaceId, caFingerprint: randomBytes(32).toString('hex') })
    .onConflictDoNothing();
}

export async function readSettings(db: Queryable, workspaceId: string) {
  const [row] = await db.select().from(appgateSettings).where(eq(appgateSettings.workspaceId, workspaceId));
  return row ?? null;
}

/** Escapes LIKE wildcards so a query matches literally. */
export function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, '\\$&')}%`;
}
