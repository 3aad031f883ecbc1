import type { AccountRole } from '@profilehub/db';
import type { Scope } from './auth/scope';
import { vendors } from './vendors';

const coreScopes: Scope[] = ['accounts:read', 'accounts:write', 'tokens:read', 'tokens:write', 'audit:read'];

/** Every scope an API token (or a role) can hold: the core ones, then each vendor manifest's. */
export const scopes: readonly Scope[] = [...coreScopes, ...vendors.flatMap((v) => v.scopes)];

export const readScopes: Scope[] = scopes.filter((s) => s.endsWith(':read'));

export function scopesForRole(role: AccountRole): Scope[] {
  return role === 'viewer' ? [...readScopes] : [...scopes];
}

export function isScope(value: string): value is Scope {
  return scopes.includes(value as Scope);
}
