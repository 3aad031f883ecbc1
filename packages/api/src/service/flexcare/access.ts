import { type FlexcareAccessLevel, flexcareAccessLevels, flexcareCustomers, flexcareEmployees } from '@profilehub/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { vendorPrincipal } from '../../auth/actor';
import type { AuthedContext } from '../../context';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import { currentGrants } from '../actor-cache';

// TelecomX access levels (spec 1.2): ordered, so "at least RESELLER_ADMIN" is a rank comparison. Admin-UI
// actors (accounts, API tokens with flexcare scopes) act as ADMIN of the whole workspace.

export type FlexcareReach =
  | { kind: 'all' }
  // RESELLER_ADMIN: every customer of its own reseller (its own customer included).
  | { kind: 'reseller'; resellerId: string }
  // Anyone else below ADMIN whose customer has no reseller reaches only that customer.
  | { kind: 'customer'; customerId: string };

export type FlexcareAccess = {
  level: FlexcareAccessLevel;
  /** The calling employee; null for admin-UI actors. */
  employeeId: string | null;
  reach: FlexcareReach;
};

export const FLEXCARE_VENDOR = 'flexcare';

/** What an employee's credential grants: its level, and the customer (and reseller) it belongs to. */
export type FlexcareGrants = { level: FlexcareAccessLevel; customerId: string; resellerId: string | null };

declare module '../../auth/actor' {
  interface VendorGrants {
    flexcare: FlexcareGrants;
  }
}

export function levelRank(level: FlexcareAccessLevel): number {
  return flexcareAccessLevels.indexOf(level);
}

/**
 * The context of a FlexCare procedure: the caller's access, resolved once per call by the procedure
 * middleware (router/flexcare/procedures.ts) and passed down explicitly, so services never look it up again.
 */
export type FlexcareContext = AuthedContext & { flexcare: FlexcareAccess };

export async function resolveAccess(ctx: AuthedContext): Promise<FlexcareAccess> {
  const employeeId = vendorPrincipal(ctx.actor, FLEXCARE_VENDOR);
  if (employeeId === null) return { level: 'ADMIN', employeeId: null, reach: { kind: 'all' } };
  // Resolved with the credential; read again once any credential changed since (a demotion or a move to
  // another customer is audited, which starts a new generation everywhere: actor-cache.ts).
  const row = currentGrants(ctx.db, ctx.actor, 'flexcare') ?? (await readGrants(ctx, employeeId));
  const reach: FlexcareReach =
    row.level === 'ADMIN'
      ? { kind: 'all' }
      : row.resellerId
        ? { kind: 'reseller', resellerId: row.resellerId }
        : { kind: 'customer', customerId: row.customerId };
  return { level: row.level, employeeId, reach };
}

async function readGrants(ctx: AuthedContext, employeeId: string): Promise<FlexcareGrants> {
  const [row] = await ctx.db
    .select({ level: flexcareEmployees.accessLevel, customerId: flexcareEmployees.customerId, resellerId: flexcareCustomers.resellerId })
    .from(flexcareEmployees)
    .innerJoin(
      flexcareCustomers,
      and(eq(flexcareCustomers.workspaceId, flexcareEmployees.workspaceId), eq(flexcareCustomers.id, flexcareEmployees.customerId)),
    )
    .where(and(eq(flexcareEmployees.workspaceId, ctx.actor.workspaceId), eq(flexcareEmployees.id, employeeId)));
  if (!row) throw new UnauthorizedError('TOKEN_UNKNOWN', 'Unknown session token');
  return row;
}

/** Refuses anyone below `min` (FlexCare dialog pages: RESELLER_ADMIN, ADMIN). */
export function requireLevel(access: FlexcareAccess, min: FlexcareAccessLevel = 'RESELLER_ADMIN') {
  if (levelRank(access.level) < levelRank(min)) throw new ForbiddenError('ACCESS_DENIED', 'The access level does not allow this');
}

/** The condition on `flexcare_customers` selecting the customers the caller reaches (undefined = all). */
export function customerReach(access: FlexcareAccess): SQL | undefined {
  switch (access.reach.kind) {
    case 'all':
      return undefined;
    case 'reseller':
      return eq(flexcareCustomers.resellerId, access.reach.resellerId);
    case 'customer':
      return eq(flexcareCustomers.id, access.reach.customerId);
  }
}

/** The same condition for raw subqueries that alias `flexcare_customers` as `c`. */
export function customerReachRaw(access: FlexcareAccess): SQL {
  switch (access.reach.kind) {
    case 'all':
      return sql``;
    case 'reseller':
      return sql` and c.reseller_id = ${access.reach.resellerId}`;
    case 'customer':
      return sql` and c.id = ${access.reach.customerId}`;
  }
}

/** `%term%` for ILIKE with the pattern characters of the user's text escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
