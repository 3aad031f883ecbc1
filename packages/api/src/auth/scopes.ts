import type { AccountRole } from '@profilehub/db';

// Scopes an API token (or a role) can hold. Vendor issues append their own `<resource>:read|write` pairs.
export const scopes = [
  'accounts:read',
  'accounts:write',
  'tokens:read',
  'tokens:write',
  'audit:read',
  'appgate:read',
  'appgate:write',
  'flexcare:read',
  'flexcare:write',
  'rpdb:read',
  'rpdb:write',
  'soajs:read',
  'soajs:write',
  'twon:read',
  'twon:write',
] as const;
export type Scope = (typeof scopes)[number];

export const readScopes: Scope[] = scopes.filter((s) => s.endsWith(':read'));

export function scopesForRole(role: AccountRole): Scope[] {
  return role === 'viewer' ? [...readScopes] : [...scopes];
}

export function isScope(value: string): value is Scope {
  return (scopes as readonly string[]).includes(value);
}
