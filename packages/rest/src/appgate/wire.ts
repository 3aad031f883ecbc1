import type { AppRouter } from '@profilehub/api';
import type { inferRouterOutputs } from '@trpc/server';

// Vendor ↔ internal shapes. The answer depends on the peer version the client asked for, as Appgate's
// published spec for that version has it (appgate/sdp-api-specification, branches version-18…23):
// - ClientProfile `type` and Group `profileUrls` exist from v20 (v18/v19 know only plain profiles);
// - ResultList: `queries` (string[]) in every version; the deprecated `query` (the first query, a string)
//   in v18 and v19 only; `totalCount` from v19.
// v21 → v22 only moved the bearer token from a header parameter to a security scheme; v23 = v22 here.

type Outputs = inferRouterOutputs<AppRouter>['appgate']['clientProfile'];
type AppgateClientProfile = Outputs['get'];
type AppgateClientProfileList = Outputs['list'];
type AppgateLoginResponse = inferRouterOutputs<AppRouter>['appgate']['session']['login'];

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);

export function profileToWire(p: AppgateClientProfile, version: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    notes: p.notes,
    created: iso(p.created),
    updated: iso(p.updated),
    tags: p.tags,
  };
  if (version >= 20) out.type = p.type;
  if (p.type === 'Profile') {
    out.spaKeyName = p.spaKeyName ?? undefined;
    out.identityProviderName = p.identityProviderName ?? undefined;
    out.hostname = p.hostname ?? undefined;
    out.globalHostname = p.globalHostname ?? undefined;
    out.exported = iso(p.exported);
  } else if (version >= 20) {
    // `profileName` is a string in the schema: a member URL that named no profile leaves it out, not null.
    out.profileUrls = p.profileUrls.map(({ id, hostname, profileName, weight }) => ({
      id,
      hostname,
      profileName: profileName ?? undefined,
      weight,
    }));
  }
  return out;
}

export function listToWire(list: AppgateClientProfileList, version: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    data: list.data.map((p) => profileToWire(p, version)),
    range: list.range,
    orderBy: list.orderBy,
    descending: list.descending,
    queries: list.queries,
  };
  // "The first query applied to the list": a string, absent when the list had no query.
  if (version < 20 && list.queries.length > 0) out.query = list.queries[0];
  if (version >= 19) out.totalCount = list.totalCount;
  out.filterBy = list.filterBy;
  return out;
}

/** LoginResponse (login.yml): `expires` as an ISO date-time. */
export function loginToWire(res: AppgateLoginResponse): Record<string, unknown> {
  return { user: res.user, token: res.token, expires: res.expires.toISOString() };
}

/**
 * Clients before v20 know neither `type` nor Groups: what they send is read as a Profile. Applied to a
 * create or replace body before its schema validates it.
 */
export function profileBodyForVersion(body: unknown, version: number): unknown {
  if (version >= 20 || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { type: _type, profileUrls: _urls, ...rest } = body as Record<string, unknown>;
  return rest;
}

const FILTER_KEY = /^filterBy\[([^\]]+)\]$/;

/** `?query=a&query=b&range=0-10&orderBy=name&descending=true&filterBy[tags]=x` → the list input. */
export function listQueryFromWire(query: Record<string, unknown>) {
  const all = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  const first = (v: unknown): string | undefined => all(v)[0];
  const filterBy: { name: string; value: string }[] = [];
  for (const [key, value] of Object.entries(query)) {
    const m = FILTER_KEY.exec(key);
    if (m) for (const v of all(value)) filterBy.push({ name: m[1]!, value: v });
  }
  const orderBy = first(query.orderBy);
  const range = first(query.range);
  return {
    queries: all(query.query).filter((q) => q !== ''),
    range: range === undefined || range === '' ? undefined : range,
    orderBy: orderBy === undefined || orderBy === '' ? undefined : orderBy,
    descending: first(query.descending)?.toLowerCase() === 'true',
    filterBy,
  };
}
