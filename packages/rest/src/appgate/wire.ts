import type { AppRouter } from '@profilehub/api';
import type { inferRouterOutputs } from '@trpc/server';
import { RestErrorThrown, restError } from '../framework/errors';

// Vendor ↔ internal shapes. The answer depends on the peer version the client asked for: `type` and
// Group `profileUrls` exist from v20; the list key `queries` was `query` before v21 (spec §3.5).

type Outputs = inferRouterOutputs<AppRouter>['appgate']['clientProfile'];
type AppgateClientProfile = Outputs['get'];
type AppgateClientProfileList = Outputs['list'];

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
  return {
    data: list.data.map((p) => profileToWire(p, version)),
    range: list.range,
    orderBy: list.orderBy,
    descending: list.descending,
    [version >= 21 ? 'queries' : 'query']: list.queries,
    totalCount: list.totalCount,
    filterBy: list.filterBy,
  };
}

/** A JSON body must be an object; anything else is the controller's 400 "JSON error". */
export function jsonObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new RestErrorThrown(restError('bad_request', 'JSON error. Check the JSON format.'));
  return body as Record<string, unknown>;
}

/** Clients before v20 know neither `type` nor Groups: what they send is read as a Profile. */
export function profileFromWire(body: unknown, version: number): Record<string, unknown> {
  const obj = jsonObject(body);
  if (version >= 20) return obj;
  const { type: _type, profileUrls: _urls, ...rest } = obj;
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
