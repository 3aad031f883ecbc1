import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Clock, controller, login, startServer } from './testing';

// List bodies per peer version, as Appgate's published spec has them for each version
// (appgate/sdp-api-specification, branches version-18 … version-23, `common.yml` ResultList and
// `client_profile.yml` ClientProfileList):
// - v18: range, orderBy, descending, queries[], the deprecated `query` string, filterBy (no totalCount);
// - v19: the same plus totalCount;
// - v20 onwards: `query` is gone; ClientProfile gains `type` and Groups their `profileUrls`.
// Each request is sent the way the generated Go SDK sends it: GET, vendor Accept header, bearer token, no
// body and no Content-Type, the query string built by url.Values (keys sorted, `+` for spaces).

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-04-02T10:00:00.000Z') };
let token: string;
let profileId: string;
let groupId: string;
let memberId: string;

const created = '2026-04-02T10:00:00.000Z';

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  const ctl = await controller(handle, clock, 'sdp.example.com');
  const profile = await ctl.caller.appgate.clientProfile.create({
    name: 'Remote Staff',
    identityProviderName: 'local',
    notes: 'home office',
    tags: ['staff'],
  });
  profileId = profile.id;
  const { url } = await ctl.caller.appgate.clientProfile.exportUrl({ id: profile.id });
  const group = await ctl.caller.appgate.clientProfile.create({
    name: 'Remote Staff Group',
    type: 'Group',
    profileUrls: [{ url, weight: 7 }],
  });
  groupId = group.id;
  memberId = group.profileUrls[0]!.id;
  await ctl.caller.appgate.clientProfile.create({ name: 'Office', identityProviderName: 'local' });
  token = await login(base, ctl.admin.username, ADMIN_PASSWORD);
  // Generous: several scrypt hashes and a fresh database, on a machine that may be busy.
}, 180_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

/** The SDK's ClientProfilesGet: `url.Values{query, range, orderBy, descending}.Encode()`. */
async function sdkList(version: number, params: Record<string, string>) {
  const qs = new URLSearchParams(Object.entries(params).sort(([a], [b]) => a.localeCompare(b))).toString();
  const res = await fetch(`${base}/admin/client-profiles?${qs}`, {
    method: 'GET',
    headers: {
      Accept: `application/vnd.appgate.peer-v${version}+json`,
      Authorization: `Bearer ${token}`,
      'User-Agent': 'OpenAPI-Generator/1.0.0/go',
    },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const remoteStaffProfile = (version: number) => ({
  id: profileId,
  name: 'Remote Staff',
  notes: 'home office',
  created,
  updated: created,
  tags: ['staff'],
  ...(version >= 20 && { type: 'Profile' }),
  // Derived from the name when not given (deprecated in every version, still answered).
  spaKeyName: 'remote_staff',
  identityProviderName: 'local',
  globalHostname: 'sdp.example.com',
  exported: created,
});

const remoteStaffGroup = (version: number) => ({
  id: groupId,
  name: 'Remote Staff Group',
  notes: '',
  created,
  updated: created,
  tags: [],
  ...(version >= 20 && {
    type: 'Group',
    profileUrls: [{ id: memberId, hostname: 'sdp.example.com', profileName: 'Remote Staff', weight: 7 }],
  }),
});

describe('client-profile list bodies per peer version', () => {
  const expectedKeys: Record<number, string[]> = {
    18: ['data', 'range', 'orderBy', 'descending', 'queries', 'query', 'filterBy'],
    19: ['data', 'range', 'orderBy', 'descending', 'queries', 'query', 'totalCount', 'filterBy'],
    20: ['data', 'range', 'orderBy', 'descending', 'queries', 'totalCount', 'filterBy'],
    21: ['data', 'range', 'orderBy', 'descending', 'queries', 'totalCount', 'filterBy'],
    22: ['data', 'range', 'orderBy', 'descending', 'queries', 'totalCount', 'filterBy'],
    23: ['data', 'range', 'orderBy', 'descending', 'queries', 'totalCount', 'filterBy'],
  };

  for (const version of [18, 19, 20, 21, 22, 23]) {
    it(`v${version}: terraform's find-by-name list answers the ResultList of that version`, async () => {
      const res = await sdkList(version, { query: 'Remote Staff', orderBy: 'name', range: '0-10' });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(expectedKeys[version]);
      expect(res.body).toEqual({
        data: [remoteStaffProfile(version), remoteStaffGroup(version)],
        range: '0-2/2',
        orderBy: 'name',
        descending: false,
        queries: ['Remote Staff'],
        // Go decodes `query` into *string: an array here is what broke the v19 SDK.
        ...(version < 20 && { query: 'Remote Staff' }),
        ...(version >= 19 && { totalCount: 3 }),
        filterBy: [],
      });
    });

    it(`v${version}: a list without a query has empty queries${version < 20 ? ' and no query string' : ''}`, async () => {
      const res = await sdkList(version, { descending: 'true', orderBy: 'name', range: '0-1' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: [remoteStaffGroup(version)],
        range: '0-1/3',
        orderBy: 'name',
        descending: true,
        queries: [],
        ...(version >= 19 && { totalCount: 3 }),
        filterBy: [],
      });
    });
  }

  it('several queries: queries lists them all, the deprecated query (v18/v19) is the first one', async () => {
    const qs = 'query=Remote&query=Group&range=0-10';
    for (const version of [18, 19, 20]) {
      const res = await fetch(`${base}/admin/client-profiles?${qs}`, {
        headers: { Accept: `application/vnd.appgate.peer-v${version}+json`, Authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.queries, `v${version}`).toEqual(['Remote', 'Group']);
      if (version < 20) expect(body.query, `v${version}`).toBe('Remote');
      else expect(body, `v${version}`).not.toHaveProperty('query');
      expect((body.data as { id: string }[]).map((p) => p.id)).toEqual([groupId]);
    }
  });
});
