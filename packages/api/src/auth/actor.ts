import type { AccountRole } from '@profilehub/db';
import type { Scope } from './scopes';

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
    };

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
