/**
 * What an actor may call: `<area>:read` or `<area>:write`. Which scopes exist is the catalog in `scopes.ts`
 * (core scopes plus each vendor manifest's); this type stays a pattern so that modules below the vendor
 * manifests can name scopes without importing them back.
 */
export type Scope = `${string}:read` | `${string}:write`;
