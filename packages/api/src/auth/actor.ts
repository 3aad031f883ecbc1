import type { AccountRole } from '@profilehub/db';
import { ForbiddenError } from '../errors';
import type { Scope } from './scope';

/** Who is calling, and in which workspace. Every service reads the workspace from here, never from input. */
export type Actor =
  | {
      type: 'account';
      workspaceId: string;
      accountId: string;
      label: string;
      role: AccountRole;
      scopes: Scope[];
      sessionId?: string;
    }
  | {
      type: 'api_token';
      workspaceId: string;
      accountId: string;
      tokenId: string;
      label: string;
      role: AccountRole;
      scopes: Scope[];
    }
  | {
      // A vendor surface's own credential (RPdb API key, 2N device account, …), resolved by its adapter.
      type: 'vendor';
      workspaceId: string;
      vendor: string;
      principalId: string;
      label: string;
      scopes: Scope[];
      /**
       * What the credential grants beyond its scopes (an RPdb key's account, a FlexCare employee's level),
       * read with the credential and cached with it, so a request does not read it again. `generation` is the
       * credential cache's generation it was read in: every change to a credential is audited, which starts a
       * new generation on every instance, and grants of an older one are read again (see actor-cache.ts).
       */
      grants?: { generation: number; values: Partial<VendorGrants> };
    };

/**
 * The grants of each vendor's credentials, keyed by vendor. Empty here: each vendor's principal module adds
 * its own key by declaration merging, so this file names no vendor.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the vendors' modules
export interface VendorGrants {}

/** Anyone acting for the workspace itself: a signed-in account or an API token. */
export type AdminActor = Exclude<Actor, { type: 'vendor' }>;

/** A vendor surface's credential. */
export type VendorActor = Extract<Actor, { type: 'vendor' }>;

/**
 * The principal behind `vendor`'s own credential (RPdb key, FlexCare employee, …), or null for an actor of
 * the workspace itself. A credential of another vendor lacks this vendor's scopes, so it is refused before
 * it gets here; should it, it is refused here too. Shutting vendor credentials out entirely is
 * `adminProcedure`'s job (trpc.ts), the one guard for that.
 */
export function vendorPrincipal(actor: Actor, vendor: string): string | null {
  if (actor.type !== 'vendor') return null;
  if (actor.vendor !== vendor) throw new ForbiddenError('FOREIGN_CREDENTIAL', 'Not a credential of this vendor');
  return actor.principalId;
}

export function actorAuditFields(actor: Actor | null) {
  if (!actor) return { actorType: 'system' as const, actorId: null, actorLabel: 'system' };
  switch (actor.type) {
    case 'account':
      return { actorType: 'account' as const, actorId: actor.accountId, actorLabel: actor.label };
    case 'api_token':
      return { actorType: 'api_token' as const, actorId: actor.tokenId, actorLabel: actor.label };
    case 'vendor':
      return { actorType: 'vendor' as const, actorId: actor.principalId, actorLabel: `${actor.vendor}:${actor.label}` };
  }
}
