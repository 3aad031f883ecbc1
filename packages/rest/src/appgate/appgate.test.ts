import { appgateTokens, auditLog, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  type Clock,
  call,
  controller,
  login,
  peer,
  startServer,
  VIEWER_PASSWORD,
  type WireList,
  type WireProfile,
} from './testing';

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-05-20T13:35:31.836Z') };
let ctl: Awaited<ReturnType<typeof controller>>;
let adminToken: string;
let viewerToken: string;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  ctl = await controller(handle, clock);
  adminToken = await login(base, ctl.admin.username, ADMIN_PASSWORD);
  viewerToken = await login(base, ctl.viewer.username, VIEWER_PASSWORD);
  // Generous: four scrypt hashes and a fresh database, on a machine that may be busy.
}, 300_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

async function create(body: Record<string, unknown>, token = adminToken, version = 22) {
  return call<WireProfile>(base, 'POST', '/admin/client-profiles', { token, version, body });
}

describe('version negotiation', () => {
  it('GET /admin/version answers without auth or vendor Accept header', async () => {
    const res = await call(base, 'GET', '/admin/version', { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ peerVersion: 23, lowestPeerVersionSupported: 18 });
  });

  it('refuses an unsupported version with 406 and the supported range, before auth and body parsing', async () => {
    const res = await call(base, 'POST', '/admin/login', { version: 5, body: '{not json' });
    expect(res.status).toBe(406);
    expect(res.body).toEqual({
      id: 'not acceptable',
      message:
        "Invalid 'Accept' header. Current version: application/vnd.appgate.peer-v23+json, Received: application/vnd.appgate.peer-v5+json",
      minSupportedVersion: 18,
      maxSupportedVersion: 23,
    });
    // fetch sends `*/*` when no Accept header is set
    for (const accept of [peer(17), peer(24), 'application/json', null]) {
      const r = await call(base, 'GET', '/admin/client-profiles', { accept, token: adminToken });
      expect(r.status).toBe(406);
      expect(r.body.id).toBe('not acceptable');
      expect(r.body.message).toBe(
        `Invalid 'Accept' header. Current version: application/vnd.appgate.peer-v23+json, Received: ${accept ?? '*/*'}`,
      );
    }
  });

  it('reads Accept as media ranges: exact vendor type, q=0 refuses, best weight then newest version wins', async () => {
    const refused = [
      `${peer(22)}x`,
      `x${peer(22)}`,
      `text/html;x=${peer(22)}`,
      `${peer(22)};q=0`,
      `${peer(22)};q=abc`,
      'application/vnd.appgate.peer-v022+json',
      '*/*',
      'application/*',
      '',
    ];
    for (const accept of refused) {
      const res = await call(base, 'GET', '/admin/client-profiles?range=0-0', { accept, token: adminToken });
      expect(res.status, accept).toBe(406);
      expect(res.body).toEqual({
        id: 'not acceptable',
        message: `Invalid 'Accept' header. Current version: application/vnd.appgate.peer-v23+json, Received: ${accept}`,
        minSupportedVersion: 18,
        maxSupportedVersion: 23,
      });
    }
    // Which version answered shows in the list body: the deprecated string `query` exists before v20 only.
    const answered = async (accept: string) => {
      const res = await call<WireList>(base, 'GET', '/admin/client-profiles?range=0-0&query=x', { accept, token: adminToken });
      expect(res.status, accept).toBe(200);
      return 'query' in res.body ? 'v18-19' : 'v20+';
    };
    expect(await answered(`application/json, ${peer(19)}`)).toBe('v18-19');
    expect(await answered(`${peer(24)}, ${peer(19)}`)).toBe('v18-19');
    expect(await answered(`${peer(19)}, ${peer(22)}`)).toBe('v20+');
    expect(await answered(`${peer(22)};q=0.5, ${peer(19)}`)).toBe('v18-19');
    expect(await answered(`${peer(22)};q=0, ${peer(19)}`)).toBe('v18-19');
    expect(await answered('APPLICATION/VND.APPGATE.PEER-V19+JSON; charset=utf-8')).toBe('v18-19');
  });

  it('accepts every version from 18 to 23', async () => {
    for (let v = 18; v <= 23; v++) {
      const res = await call(base, 'GET', '/admin/client-profiles?range=0-0', { version: v, token: adminToken });
      expect(res.status, `v${v}`).toBe(200);
    }
  });

  it('answers as the version asked for: no `type` before v20, the deprecated `query` string beside `queries` before v20', async () => {
    const name = unique('Versioned');
    const created = await create({ name, identityProviderName: 'local' }, adminToken, 19);
    expect(created.status).toBe(200);
    expect(created.body).not.toHaveProperty('type');
    const v22 = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${created.body.id}`, { token: adminToken, version: 22 });
    expect(v22.body.type).toBe('Profile');
    const v19 = await call<WireList>(base, 'GET', `/admin/client-profiles?query=${encodeURIComponent(name)}`, {
      token: adminToken,
      version: 19,
    });
    expect(v19.body).toHaveProperty('query', name);
    expect(v19.body).toHaveProperty('queries', [name]);
    expect(v19.body.data[0]).not.toHaveProperty('type');
    const v20 = await call<WireList>(base, 'GET', `/admin/client-profiles?query=${encodeURIComponent(name)}`, {
      token: adminToken,
      version: 20,
    });
    expect(v20.body).toHaveProperty('queries', [name]);
    expect(v20.body).not.toHaveProperty('query');
  });
});

describe('login and tokens', () => {
  it('logs in with the LoginRequest and answers token, expiry and the user with privileges', async () => {
    const res = await call(base, 'POST', '/admin/login', {
      body: {
        providerName: 'local',
        deviceId: '4c07bc67-57ea-42dd-b702-c2d6c45419fc',
        username: ctl.viewer.username,
        password: VIEWER_PASSWORD,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        name: ctl.viewer.username,
        needTwoFactorAuth: false,
        canAccessAuditLogs: false,
        privileges: [{ type: 'View', target: 'ClientProfile' }],
      },
      token: expect.any(String),
      expires: new Date(clock.now.getTime() + 24 * 3600_000).toISOString(),
    });
  });

  it('refuses wrong credentials with the controller 401 body', async () => {
    const expected = { id: 'unauthorized', message: 'Invalid username or password.', failureType: 'Login' };
    const deviceId = '4c07bc67-57ea-42dd-b702-c2d6c45419fc';
    for (const body of [
      { providerName: 'local', deviceId, username: ctl.admin.username, password: 'wrong' },
      { providerName: 'local', deviceId, username: 'nobody', password: ADMIN_PASSWORD },
      { providerName: 'ldap', deviceId, username: ctl.admin.username, password: ADMIN_PASSWORD },
      { providerName: 'local', deviceId, username: ctl.admin.username },
    ]) {
      const res = await call(base, 'POST', '/admin/login', { body });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expected);
    }
  });

  it('validates the login request: 422 field list, 400 malformed JSON', async () => {
    const res = await call(base, 'POST', '/admin/login', { body: { deviceId: 'not-a-uuid', username: 'x', password: 'y' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      id: 'unprocessable entity',
      message: 'Request validation error. Check "errors" array for details.',
      errors: [
        { field: 'providerName', message: 'may not be null' },
        { field: 'deviceId', message: 'must be a valid UUID' },
      ],
    });
    const bad = await call(base, 'POST', '/admin/login', { body: '{"providerName":' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ id: 'bad request', message: 'JSON error. Check the JSON format.' });
  });

  it('answers 401 TokenError without, with an unknown, and with an expired token', async () => {
    const expected = { id: 'unauthorized', message: 'Token error. Login again.' };
    const none = await call(base, 'GET', '/admin/client-profiles', {});
    expect(none.status).toBe(401);
    expect(none.body).toEqual(expected);
    const unknown = await call(base, 'GET', '/admin/client-profiles', { token: 'bm90LWEtdG9rZW4=' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(expected);

    const token = await login(base, ctl.admin.username, ADMIN_PASSWORD);
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 24 * 3600_000);
    try {
      const expired = await call(base, 'GET', '/admin/client-profiles', { token });
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual(expected);
    } finally {
      clock.now = saved;
    }
  });

  it('logout revokes the token (204, then 401) and stores tokens only hashed', async () => {
    const token = await login(base, ctl.admin.username, ADMIN_PASSWORD);
    expect((await call(base, 'GET', '/admin/client-profiles', { token })).status).toBe(200);
    const out = await call(base, 'POST', '/admin/authentication/logout', { token });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect((await call(base, 'GET', '/admin/client-profiles', { token })).status).toBe(401);
    expect((await call(base, 'POST', '/admin/authentication/logout', { token })).status).toBe(401);
    const hashes = (await handle.db.select({ h: appgateTokens.tokenHash }).from(appgateTokens)).map((r) => r.h);
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes).not.toContain(adminToken);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it('a disabled admin and a revoked privilege take effect at once', async () => {
    const extra = await ctl.caller.appgate.admin.create({
      username: `temp-${ctl.slug}`,
      password: ADMIN_PASSWORD,
      privileges: [{ type: 'All', target: 'ClientProfile' }],
    });
    const token = await login(base, extra.admin.username, ADMIN_PASSWORD);
    expect((await create({ name: unique('Temp'), identityProviderName: 'local' }, token)).status).toBe(200);
    await ctl.caller.appgate.admin.update({ id: extra.admin.id, privileges: [{ type: 'View', target: 'ClientProfile' }] });
    const denied = await create({ name: unique('Temp'), identityProviderName: 'local' }, token);
    expect(denied.status).toBe(403);
    await ctl.caller.appgate.admin.update({ id: extra.admin.id, disabled: true });
    expect((await call(base, 'GET', '/admin/client-profiles', { token })).status).toBe(401);
  });
});

describe('privileges', () => {
  it('the viewer reads but every write and export answers 403 PermissionError, changing nothing', async () => {
    const { body: p } = await create({ name: unique('Guarded'), identityProviderName: 'local' });
    const forbidden = { id: 'forbidden', message: "You don't have permission to access this resource." };
    expect((await call(base, 'GET', `/admin/client-profiles/${p.id}`, { token: viewerToken })).status).toBe(200);
    expect((await call(base, 'GET', '/admin/client-profiles', { token: viewerToken })).status).toBe(200);
    const attempts = [
      call(base, 'POST', '/admin/client-profiles', { token: viewerToken, body: { name: unique('Nope'), identityProviderName: 'local' } }),
      call(base, 'PUT', `/admin/client-profiles/${p.id}`, { token: viewerToken, body: { name: 'Renamed', identityProviderName: 'local' } }),
      call(base, 'DELETE', `/admin/client-profiles/${p.id}`, { token: viewerToken }),
      call(base, 'GET', `/admin/client-profiles/${p.id}/url`, { token: viewerToken }),
      call(base, 'GET', `/admin/client-profiles/${p.id}/barcode`, { token: viewerToken }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body).toEqual(forbidden);
    }
    const after = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${p.id}`, { token: adminToken });
    expect(after.body).toEqual(p);
  });
});

describe('privileges on reads', () => {
  it('an admin without a ClientProfile privilege gets 403 on list and read, before any 404', async () => {
    const none = await ctl.caller.appgate.admin.create({ username: `none-${ctl.slug}`, password: ADMIN_PASSWORD, privileges: [] });
    const token = await login(base, none.admin.username, ADMIN_PASSWORD);
    const forbidden = { id: 'forbidden', message: "You don't have permission to access this resource." };
    for (const path of ['/admin/client-profiles', '/admin/client-profiles/7d2b8a4e-0c47-4a4e-9d8a-3d6f1e9b1a11']) {
      const res = await call(base, 'GET', path, { token });
      expect(res.status, path).toBe(403);
      expect(res.body).toEqual(forbidden);
    }
  });
});

describe('POST /admin/client-profiles (seed example)', () => {
  it('creates a Profile with every documented field and answers 200 with it', async () => {
    const body = {
      id: '4c07bc67-57ea-42dd-b702-c2d6c45419fc',
      name: 'Company Employee',
      notes: 'This object has been created for test purposes.',
      tags: ['developer', 'api-created'],
      type: 'Profile',
      spaKeyName: 'test_key',
      identityProviderName: 'local',
      hostname: 'appgate.company.com',
      // read-only fields a client echoes back are ignored
      created: '2020-01-01T00:00:00Z',
      globalHostname: 'ignored.example.com',
      exported: '2022-05-20T13:35:31.836Z',
    };
    const res = await create(body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      id: '4c07bc67-57ea-42dd-b702-c2d6c45419fc',
      name: 'Company Employee',
      notes: 'This object has been created for test purposes.',
      created: clock.now.toISOString(),
      updated: clock.now.toISOString(),
      tags: ['developer', 'api-created'],
      type: 'Profile',
      spaKeyName: 'test_key',
      identityProviderName: 'local',
      hostname: 'appgate.company.com',
      globalHostname: 'sdp.example.com',
    });
    const read = await call(base, 'GET', `/admin/client-profiles/${body.id}`, { token: adminToken });
    expect(read.body).toEqual(res.body);
  });

  it('assigns a random uuid, defaults type to Profile and derives the SPA key name when omitted', async () => {
    const res = await create({ name: 'Sales Team EU', identityProviderName: 'local' });
    expect(res.status).toBe(200);
    expect(res.body.id).toMatch(UUID);
    expect(res.body).toMatchObject({ type: 'Profile', notes: '', tags: [], spaKeyName: 'sales_team_eu' });
  });

  it('creates a Group from exported profile URLs; url is write-only, hostname and profileName are parsed', async () => {
    const { body: member } = await create({ name: unique('Member'), identityProviderName: 'local', hostname: 'eu.example.com' });
    const { body: exported } = await call<{ url: string }>(base, 'GET', `/admin/client-profiles/${member.id}/url`, { token: adminToken });
    const res = await create({
      name: unique('Group'),
      type: 'Group',
      profileUrls: [{ url: exported.url }, { url: exported.url, weight: 5 }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID),
      name: res.body.name,
      notes: '',
      created: clock.now.toISOString(),
      updated: clock.now.toISOString(),
      tags: [],
      type: 'Group',
      profileUrls: [
        { id: expect.stringMatching(UUID), hostname: 'eu.example.com', profileName: member.name, weight: 100 },
        { id: expect.stringMatching(UUID), hostname: 'eu.example.com', profileName: member.name, weight: 5 },
      ],
    });
  });

  it("a member URL that names no profile (the vendor's example) answers without profileName", async () => {
    const example =
      'appgate://appgate.company.com/eyJjYUZpbmdlcnByaW50IjoiMmM4ZTBiNTM5YTM4NjRkYmVkYzhiOWRkMTcwYzM0NGFhMjZjZTVhNjA4MmY3YTI0YzRkZTU4ZGQ3NWRjNWZhMCIsImlkZW50aXR5UHJvdmlkZXJOYW1lIjoibG9jYWwifQ==';
    const res = await create({ name: unique('Example group'), type: 'Group', profileUrls: [{ url: example, weight: 10 }] });
    expect(res.status).toBe(200);
    expect(res.body.profileUrls).toEqual([{ id: expect.stringMatching(UUID), hostname: 'appgate.company.com', weight: 10 }]);
    expect(res.text).not.toContain('null');
  });

  it('422 lists every invalid field', async () => {
    const res = await create({ notes: 'no name', tags: 'x' });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      id: 'unprocessable entity',
      message: 'Request validation error. Check "errors" array for details.',
      errors: [
        { field: 'name', message: 'may not be null' },
        { field: 'tags', message: 'must be an array of strings' },
        { field: 'identityProviderName', message: 'may not be null' },
      ],
    });
    const more = await create({ name: '', type: 'Other', id: 'abc', hostname: 'not a host' });
    expect(more.status).toBe(422);
    expect(more.body.errors).toEqual([
      { field: 'id', message: 'must be a valid UUID' },
      { field: 'name', message: 'may not be empty' },
      { field: 'type', message: 'must be one of [Profile, Group]' },
      { field: 'hostname', message: 'must be a valid hostname' },
    ]);
    const idp = await create({ name: unique('Bad IdP'), identityProviderName: 'nope' });
    expect(idp.status).toBe(422);
    expect(idp.body.errors).toEqual([{ field: 'identityProviderName', message: "Identity Provider 'nope' does not exist." }]);
    const group = await create({
      name: unique('Bad group'),
      type: 'Group',
      profileUrls: [{ weight: 1 }, { url: 'https://x' }, { url: 'x', weight: -1 }],
    });
    expect(group.status).toBe(422);
    expect(group.body.errors).toEqual([{ field: 'profileUrls[2].weight', message: 'must be greater than or equal to 0' }]);
    const group2 = await create({ name: unique('Bad group'), type: 'Group', profileUrls: [{ weight: 1 }, { url: 'https://x' }] });
    expect(group2.body.errors).toEqual([
      { field: 'profileUrls[0].url', message: 'may not be null' },
      { field: 'profileUrls[1].url', message: 'must be a valid appgate:// profile URL' },
    ]);
  });

  it('400 for malformed JSON or a body that is not an object', async () => {
    const expected = { id: 'bad request', message: 'JSON error. Check the JSON format.' };
    for (const body of ['{"name": "x",', '[]', '"text"']) {
      const res = await create(body as never);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(expected);
    }
    const empty = await call(base, 'POST', '/admin/client-profiles', { token: adminToken, body: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual(expected);
  });

  it('409 for a duplicate name (case-sensitive) or id; nothing written, no audit row', async () => {
    const name = unique('Unique');
    const first = await create({ name, identityProviderName: 'local' });
    const dup = await create({ name, identityProviderName: 'local' });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ id: 'conflict', message: `A Client Profile named '${name}' already exists.` });
    const sameId = await create({ id: first.body.id, name: unique('Other'), identityProviderName: 'local' });
    expect(sameId.status).toBe(409);
    expect(sameId.body).toEqual({ id: 'conflict', message: `A Client Profile with id '${first.body.id}' already exists.` });
    expect((await create({ name: name.toUpperCase(), identityProviderName: 'local' })).status).toBe(200);
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctl.actor.workspaceId), eq(auditLog.entityId, first.body.id)));
    expect(audits.map((a) => a.action)).toEqual(['appgate.clientProfile.create']);
  });

  it('413 for a body over the 1 MiB limit, in the vendor envelope', async () => {
    const res = await create({ name: 'big', identityProviderName: 'local', notes: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ id: 'payload too large', message: 'The request body is too large.' });
  });

  it('415 for a body that is not JSON', async () => {
    const res = await call(base, 'POST', '/admin/client-profiles', {
      token: adminToken,
      body: 'name=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ id: 'unsupported media type', message: 'Send the body as application/json.' });
  });
});

describe('GET|PUT|DELETE /admin/client-profiles/{id}', () => {
  it('404 for an unknown or malformed id on every item route', async () => {
    const notFound = { id: 'not found', message: 'The requested resource can not be found.' };
    for (const id of ['7d2b8a4e-0c47-4a4e-9d8a-3d6f1e9b1a11', 'not-a-uuid']) {
      for (const [method, suffix, body] of [
        ['GET', '', undefined],
        ['PUT', '', { name: unique('X'), identityProviderName: 'local' }],
        ['DELETE', '', undefined],
        ['GET', '/url', undefined],
        ['GET', '/barcode', undefined],
      ] as const) {
        const res = await call(base, method, `/admin/client-profiles/${id}${suffix}`, { token: adminToken, body });
        expect(res.status, `${method} ${id}${suffix}`).toBe(404);
        expect(res.body).toEqual(notFound);
      }
    }
  });

  it('PUT replaces the whole object (omitted fields are cleared) and refreshes `updated`', async () => {
    const { body: p } = await create({
      name: unique('Replace'),
      notes: 'old',
      tags: ['a'],
      identityProviderName: 'local',
      hostname: 'old.example.com',
    });
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 60_000);
    try {
      const res = await call<WireProfile>(base, 'PUT', `/admin/client-profiles/${p.id}`, {
        token: adminToken,
        body: { id: p.id, name: `${p.name} v2`, identityProviderName: 'local', created: '1999-01-01T00:00:00Z' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: p.id,
        name: `${p.name} v2`,
        notes: '',
        created: p.created,
        updated: clock.now.toISOString(),
        tags: [],
        type: 'Profile',
        spaKeyName: p.spaKeyName,
        identityProviderName: 'local',
        globalHostname: 'sdp.example.com',
      });
    } finally {
      clock.now = saved;
    }
  });

  it('PUT validates like POST (422, 400) and a rename onto another name is a 409', async () => {
    const { body: a } = await create({ name: unique('Left'), identityProviderName: 'local' });
    const { body: b } = await create({ name: unique('Right'), identityProviderName: 'local' });
    const invalid = await call(base, 'PUT', `/admin/client-profiles/${a.id}`, {
      token: adminToken,
      body: { identityProviderName: 'local' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([{ field: 'name', message: 'may not be null' }]);
    const malformed = await call(base, 'PUT', `/admin/client-profiles/${a.id}`, { token: adminToken, body: '{' });
    expect(malformed.status).toBe(400);
    const clash = await call(base, 'PUT', `/admin/client-profiles/${a.id}`, {
      token: adminToken,
      body: { name: b.name, identityProviderName: 'local' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toEqual({ id: 'conflict', message: `A Client Profile named '${b.name}' already exists.` });
    expect((await call(base, 'GET', `/admin/client-profiles/${a.id}`, { token: adminToken })).body).toEqual(a);
  });

  it('PUT on a Group keeps a member sent by id only and keeps the type when it is omitted', async () => {
    const { body: m } = await create({ name: unique('GM'), identityProviderName: 'local' });
    const { body: u } = await call<{ url: string }>(base, 'GET', `/admin/client-profiles/${m.id}/url`, { token: adminToken });
    const { body: g } = await create({ name: unique('G'), type: 'Group', profileUrls: [{ url: u.url }] });
    const memberId = (g.profileUrls as { id: string }[])[0]!.id;
    const res = await call<WireProfile>(base, 'PUT', `/admin/client-profiles/${g.id}`, {
      token: adminToken,
      body: { name: g.name, profileUrls: [{ id: memberId, weight: 7 }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('Group');
    expect(res.body.profileUrls).toEqual([{ id: memberId, hostname: 'sdp.example.com', profileName: m.name, weight: 7 }]);
  });

  it('a v19 client replacing a Group it cannot see the members of keeps them; v22 omitting them clears them', async () => {
    const { body: m } = await create({ name: unique('Old member'), identityProviderName: 'local' });
    const { body: u } = await call<{ url: string }>(base, 'GET', `/admin/client-profiles/${m.id}/url`, { token: adminToken });
    const { body: g } = await create({ name: unique('Old group'), type: 'Group', profileUrls: [{ url: u.url, weight: 3 }] });
    const { body: seen } = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${g.id}`, { token: adminToken, version: 19 });
    expect(seen).not.toHaveProperty('profileUrls');
    const old = await call<WireProfile>(base, 'PUT', `/admin/client-profiles/${g.id}`, {
      token: adminToken,
      version: 19,
      body: { ...seen, notes: 'edited by an old client' },
    });
    expect(old.status).toBe(200);
    const { body: after } = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${g.id}`, { token: adminToken });
    expect(after).toMatchObject({ type: 'Group', notes: 'edited by an old client', profileUrls: g.profileUrls });
    const cleared = await call<WireProfile>(base, 'PUT', `/admin/client-profiles/${g.id}`, {
      token: adminToken,
      body: { name: g.name, type: 'Group' },
    });
    expect(cleared.body.profileUrls).toEqual([]);
  });

  it('DELETE answers 204 with no body, then 404', async () => {
    const { body: p } = await create({ name: unique('Doomed'), identityProviderName: 'local' });
    const res = await call(base, 'DELETE', `/admin/client-profiles/${p.id}`, { token: adminToken });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await call(base, 'GET', `/admin/client-profiles/${p.id}`, { token: adminToken })).status).toBe(404);
    expect((await call(base, 'DELETE', `/admin/client-profiles/${p.id}`, { token: adminToken })).status).toBe(404);
  });

  it('405 for a method the path does not have, 404 for an unknown /admin path', async () => {
    const res = await call(base, 'PATCH', '/admin/client-profiles', { token: adminToken, body: {} });
    expect(res.status).toBe(405);
    expect(res.body.id).toBe('method not allowed');
    expect(res.headers.get('allow')).toBe('GET, POST');
    const unknown = await call(base, 'GET', '/admin/unknown-things', { token: adminToken });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ id: 'not found', message: 'The requested resource can not be found.' });
  });
});

describe('URL and barcode export', () => {
  it('url is appgate://<hostname>/<base64 JSON> and sets `exported`', async () => {
    const { body: p } = await create({ name: unique('Export'), identityProviderName: 'local', hostname: 'appgate.company.com' });
    expect(p).not.toHaveProperty('exported');
    const res = await call<{ url: string }>(base, 'GET', `/admin/client-profiles/${p.id}/url`, { token: adminToken });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['url']);
    const m = /^appgate:\/\/appgate\.company\.com\/([A-Za-z0-9+/]+={0,2})$/.exec(res.body.url);
    expect(m).not.toBeNull();
    const payload = JSON.parse(Buffer.from(m![1]!, 'base64').toString('utf8'));
    expect(payload).toEqual({ caFingerprint: ctl.settings.caFingerprint, identityProviderName: 'local', profileName: p.name });
    expect(ctl.settings.caFingerprint).toMatch(/^[0-9a-f]{64}$/);
    const after = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${p.id}`, { token: adminToken });
    expect(after.body.exported).toBe(clock.now.toISOString());
  });

  it('without a profile hostname the URL uses the global Profile Hostname', async () => {
    const { body: p } = await create({ name: unique('Global'), identityProviderName: 'local' });
    const res = await call<{ url: string }>(base, 'GET', `/admin/client-profiles/${p.id}/url`, { token: adminToken });
    expect(res.body.url.startsWith('appgate://sdp.example.com/')).toBe(true);
  });

  it('barcode is a base64 PNG whose QR code decodes to the URL, and sets `exported`', async () => {
    const { body: p } = await create({ name: unique('QR'), identityProviderName: 'local' });
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 5_000);
    try {
      const res = await call<{ barcode: string }>(base, 'GET', `/admin/client-profiles/${p.id}/barcode`, { token: adminToken });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['barcode']);
      const png = PNG.sync.read(Buffer.from(res.body.barcode, 'base64'));
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      const { body: url } = await call<{ url: string }>(base, 'GET', `/admin/client-profiles/${p.id}/url`, { token: adminToken });
      expect(decoded?.data).toBe(url.url);
      const after = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${p.id}`, { token: adminToken });
      expect(after.body.exported).toBe(clock.now.toISOString());
    } finally {
      clock.now = saved;
    }
  });
});

describe('GET /admin/client-profiles list parameters', () => {
  let tag: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    tag = `list-${Date.now()}`;
    ids = {};
    for (const [name, extra] of [
      ['alpha office', { tags: [tag, 'office'], notes: 'Berlin' }],
      ['Beta remote', { tags: [tag, 'remote'], notes: 'home office workers' }],
      ['gamma office', { tags: [tag], notes: 'Paris' }],
    ] as const) {
      const res = await create({ name: `${name} ${tag}`, identityProviderName: 'local', ...extra });
      ids[name] = res.body.id;
    }
  });

  async function list(qs: string) {
    const res = await call<WireList>(base, 'GET', `/admin/client-profiles?${qs}`, { token: adminToken });
    expect(res.status, res.text).toBe(200);
    return res.body;
  }

  it('range 0-3 of three matches answers "0-3/3"; the shape is the ResultList', async () => {
    const body = await list(`query=${tag}&range=0-3`);
    expect(body.range).toBe('0-3/3');
    expect(body.data.map((p) => p.id)).toEqual([ids['alpha office'], ids['Beta remote'], ids['gamma office']]);
    expect(Object.keys(body)).toEqual(['data', 'range', 'orderBy', 'descending', 'queries', 'totalCount', 'filterBy']);
    expect(body).toMatchObject({ orderBy: 'name', descending: false, queries: [tag], filterBy: [] });
  });

  it('range arithmetic: 0-based start, exclusive end, total after query; totalCount ignores the query', async () => {
    const all = await list('');
    const page = await list(`query=${tag}&range=1-2`);
    expect(page.range).toBe('1-2/3');
    expect(page.data.map((p) => p.id)).toEqual([ids['Beta remote']]);
    expect(page.totalCount).toBe(all.totalCount);
    expect(all.totalCount).toBe(all.data.length);
    expect(all.range).toBe(`0-${all.data.length}/${all.data.length}`);
    expect((await list(`query=${tag}&range=2-10`)).range).toBe('2-3/3');
    const beyond = await list(`query=${tag}&range=5-8`);
    expect(beyond.range).toBe('5-5/3');
    expect(beyond.data).toEqual([]);
  });

  it('orderBy and descending; names sort case-insensitively', async () => {
    const desc = await list(`query=${tag}&orderBy=name&descending=true`);
    expect(desc.data.map((p) => p.id)).toEqual([ids['gamma office'], ids['Beta remote'], ids['alpha office']]);
    expect(desc.descending).toBe(true);
    const byNotes = await list(`query=${tag}&orderBy=notes`);
    expect(byNotes.data.map((p) => p.id)).toEqual([ids['alpha office'], ids['Beta remote'], ids['gamma office']]);
    expect(byNotes.orderBy).toBe('notes');
  });

  it('every orderBy field sorts both ways; orderBy=id follows the uuid order', async () => {
    const sorted = Object.values(ids).sort();
    expect((await list(`query=${tag}&orderBy=id`)).data.map((p) => p.id)).toEqual(sorted);
    expect((await list(`query=${tag}&orderBy=id&descending=true`)).data.map((p) => p.id)).toEqual([...sorted].reverse());
    for (const field of ['type', 'notes', 'identityProviderName', 'hostname', 'created', 'updated', 'exported']) {
      for (const descending of ['false', 'true']) {
        const body = await list(`query=${tag}&orderBy=${field}&descending=${descending}`);
        expect(body.data, field).toHaveLength(3);
        expect(body).toMatchObject({ orderBy: field, descending: descending === 'true' });
      }
    }
  });

  it('without query or filter: every orderBy both ways orders as with a query, and a page past the end still counts', async () => {
    const mine = new Set(Object.values(ids));
    for (const field of ['name', 'id', 'type', 'notes', 'identityProviderName', 'hostname', 'created', 'updated', 'exported']) {
      for (const descending of ['false', 'true']) {
        const all = await list(`orderBy=${field}&descending=${descending}`);
        const matching = await list(`query=${tag}&orderBy=${field}&descending=${descending}`);
        expect(
          all.data.map((p) => p.id).filter((id) => mine.has(id)),
          `${field} ${descending}`,
        ).toEqual(matching.data.map((p) => p.id));
        expect(all).toMatchObject({ orderBy: field, descending: descending === 'true', range: `0-${all.totalCount}/${all.totalCount}` });
      }
    }
    const n = (await list('')).totalCount;
    expect(await list(`range=${n + 2}-${n + 5}`)).toMatchObject({ data: [], range: `${n + 2}-${n + 2}/${n}`, totalCount: n });
    expect(await list('range=1-1')).toMatchObject({ data: [], range: `1-1/${n}`, totalCount: n });
  });

  it('several `query` parameters are ANDed; matching is case-insensitive over name, notes and tags', async () => {
    expect((await list(`query=${tag}&query=OFFICE`)).data.map((p) => p.id)).toEqual([
      ids['alpha office'],
      ids['Beta remote'],
      ids['gamma office'],
    ]);
    expect((await list(`query=${tag}&query=remote`)).data.map((p) => p.id)).toEqual([ids['Beta remote']]);
    expect((await list(`query=${tag}&query=paris&query=gamma`)).data.map((p) => p.id)).toEqual([ids['gamma office']]);
    expect((await list(`query=${tag}&query=100%25`)).data).toEqual([]);
  });

  it('query and filterBy together: filterBy checks inclusion on its field only', async () => {
    const body = await list(`query=${tag}&filterBy[name]=office`);
    expect(body.data.map((p) => p.id)).toEqual([ids['alpha office'], ids['gamma office']]);
    expect(body.filterBy).toEqual([{ name: 'name', value: 'office' }]);
    expect(body.range).toBe('0-2/2');
    const tags = await list(`query=${tag}&filterBy[tags]=remote`);
    expect(tags.data.map((p) => p.id)).toEqual([ids['Beta remote']]);
    const both = await list(`query=${tag}&filterBy[name]=office&filterBy[notes]=paris`);
    expect(both.data.map((p) => p.id)).toEqual([ids['gamma office']]);
  });

  it('422 for an unusable range, orderBy or filter field', async () => {
    for (const [qs, field] of [
      ['range=abc', 'range'],
      ['range=5-2', 'range'],
      ['orderBy=password', 'orderBy'],
      ['filterBy[secret]=x', 'filterBy[0].name'],
    ] as const) {
      const res = await call(base, 'GET', `/admin/client-profiles?${qs}`, { token: adminToken });
      expect(res.status, qs).toBe(422);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual([field]);
    }
  });
});

describe('workspace isolation', () => {
  it("another controller's admin sees none of these profiles and cannot touch them", async () => {
    const other = await controller(handle, clock, 'other.example.com');
    const token = await login(base, other.admin.username, ADMIN_PASSWORD);
    const { body: mine } = await create({ name: unique('Mine'), identityProviderName: 'local' });
    const list = await call<WireList>(base, 'GET', '/admin/client-profiles', { token });
    expect(list.body.data).toEqual([]);
    expect(list.body.totalCount).toBe(0);
    expect((await call(base, 'GET', `/admin/client-profiles/${mine.id}`, { token })).status).toBe(404);
    expect((await call(base, 'DELETE', `/admin/client-profiles/${mine.id}`, { token })).status).toBe(404);
    // The same id and name may exist in another workspace.
    const clone = await create({ id: mine.id, name: mine.name, identityProviderName: 'local' }, token);
    expect(clone.status).toBe(200);
    expect(clone.body.globalHostname).toBe('other.example.com');
  });
});

describe('hostile input', () => {
  const invalid = (errors: { field: string; message: string }[]) => ({
    id: 'unprocessable entity',
    message: 'Request validation error. Check "errors" array for details.',
    errors,
  });
  const nul = 'must not contain NUL characters';

  it('a NUL character in any stored or searched string is a 422, never a 500, and nothing is written', async () => {
    const before = await call<WireList>(base, 'GET', '/admin/client-profiles?range=0-0', { token: adminToken });
    for (const [body, field] of [
      [{ name: 'a\u0000b', identityProviderName: 'local' }, 'name'],
      [{ name: unique('Nul'), notes: 'x\u0000', identityProviderName: 'local' }, 'notes'],
      [{ name: unique('Nul'), tags: ['ok', 't\u0000'], identityProviderName: 'local' }, 'tags[1]'],
      [{ name: unique('Nul'), spaKeyName: 'k\u0000', identityProviderName: 'local' }, 'spaKeyName'],
      [{ name: unique('Nul'), identityProviderName: 'lo\u0000cal' }, 'identityProviderName'],
      [{ name: unique('Nul'), type: 'Group', profileUrls: [{ url: 'appgate://h/\u0000' }] }, 'profileUrls[0].url'],
    ] as const) {
      const res = await create(body);
      expect(res.status, field).toBe(422);
      expect(res.body).toEqual(invalid([{ field, message: nul }]));
    }
    const { body: p } = await create({ name: unique('NulPut'), identityProviderName: 'local' });
    const put = await call(base, 'PUT', `/admin/client-profiles/${p.id}`, {
      token: adminToken,
      body: { name: 'x\u0000', identityProviderName: 'local' },
    });
    expect(put.status).toBe(422);
    expect(put.body).toEqual(invalid([{ field: 'name', message: nul }]));
    expect((await call(base, 'GET', `/admin/client-profiles/${p.id}`, { token: adminToken })).body).toEqual(p);
    for (const [qs, field] of [
      ['query=%00', 'queries[0]'],
      ['filterBy[name]=a%00', 'filterBy[0].value'],
      ['filterBy[tags]=%00', 'filterBy[0].value'],
    ] as const) {
      const res = await call(base, 'GET', `/admin/client-profiles?${qs}`, { token: adminToken });
      expect(res.status, qs).toBe(422);
      expect(res.body).toEqual(invalid([{ field, message: nul }]));
    }
    const after = await call<WireList>(base, 'GET', '/admin/client-profiles?range=0-0', { token: adminToken });
    expect(after.body.totalCount).toBe(before.body.totalCount + 1);
  });

  it('an unpaired surrogate is a 422: not a 500 in jsonb (Group member URL), not a silent U+FFFD in text', async () => {
    const payload = Buffer.from(JSON.stringify({ profileName: 'x' })).toString('base64');
    for (const url of [`appgate://h\uD800st/${payload}`, `appgate://h${'\u0000'}/${payload}`]) {
      const res = await create({ name: unique('Surrogate'), type: 'Group', profileUrls: [{ url }] });
      expect(res.status, JSON.stringify(url)).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'profileUrls[0].url', message: expect.any(String) }]);
    }
    const name = await create({ name: 'lone \uD800 surrogate', identityProviderName: 'local' });
    expect(name.status).toBe(422);
    expect(name.body.errors).toEqual([{ field: 'name', message: 'must not contain unpaired surrogates' }]);
    // The payload's profileName is stored too: escapes jsonb refuses make the URL invalid.
    for (const profileName of ['x\uD800', 'x\u0000']) {
      const encoded = `appgate://h.example.com/${Buffer.from(JSON.stringify({ profileName })).toString('base64')}`;
      const res = await create({ name: unique('Surrogate'), type: 'Group', profileUrls: [{ url: encoded }] });
      expect(res.status, res.text).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'profileUrls[0].url', message: 'must be a valid appgate:// profile URL' }]);
    }
  });

  it('a NUL character in the login request is a 422, not a 500', async () => {
    const deviceId = '4c07bc67-57ea-42dd-b702-c2d6c45419fc';
    for (const [body, field] of [
      [{ providerName: 'local', deviceId, username: 'a\u0000b', password: 'x' }, 'username'],
      [{ providerName: 'lo\u0000cal', deviceId, username: 'a', password: 'x' }, 'providerName'],
    ] as const) {
      const res = await call(base, 'POST', '/admin/login', { body });
      expect(res.status, field).toBe(422);
      expect(res.body).toEqual(invalid([{ field, message: nul }]));
    }
  });

  it('a path id of any length that is not a uuid is a 404', async () => {
    const res = await call(base, 'GET', `/admin/client-profiles/${'a'.repeat(5000)}`, { token: adminToken });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ id: 'not found', message: 'The requested resource can not be found.' });
  });

  it('a null Group member is reported in the controller wording', async () => {
    const res = await create({ name: unique('Null member'), type: 'Group', profileUrls: [null, 'appgate://h/e30='] });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(
      invalid([
        { field: 'profileUrls[0]', message: 'may not be null' },
        { field: 'profileUrls[1]', message: 'must be an object' },
      ]),
    );
  });

  it('a JSON body that starts with a UTF-8 byte order mark is read as JSON', async () => {
    const name = unique('Bom');
    const res = await call<WireProfile>(base, 'POST', '/admin/client-profiles', {
      token: adminToken,
      body: `\uFEFF${JSON.stringify({ name, identityProviderName: 'local' })}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(name);
  });

  it('a body sent as the vendor media type with parameters is read as JSON', async () => {
    const name = unique('Vendor type');
    const res = await call<WireProfile>(base, 'POST', '/admin/client-profiles', {
      token: adminToken,
      body: { name, identityProviderName: 'local' },
      contentType: `${peer(22)}; charset=utf-8`,
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(name);
  });

  it('a text/plain body is 415 like any other non-JSON body', async () => {
    const res = await call(base, 'POST', '/admin/client-profiles', {
      token: adminToken,
      body: JSON.stringify({ name: unique('Plain'), identityProviderName: 'local' }),
      contentType: 'text/plain',
    });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ id: 'unsupported media type', message: 'Send the body as application/json.' });
  });

  it('a barcode the URL cannot fit answers 412 and does not stamp `exported`', async () => {
    // A Group carries its members' URLs; one long member is enough to outgrow the largest QR symbol.
    const member = `appgate://h.example.com/${Buffer.from(JSON.stringify({ profileName: 'm'.repeat(3000) })).toString('base64')}`;
    const { body: g } = await create({ name: unique('Huge group'), type: 'Group', profileUrls: [{ url: member }] });
    const res = await call(base, 'GET', `/admin/client-profiles/${g.id}/barcode`, { token: adminToken });
    expect(res.status).toBe(412);
    expect(res.body).toEqual({ id: 'precondition failed', message: 'The Client Profile URL is too long to be encoded as a QR code.' });
    const after = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${g.id}`, { token: adminToken });
    expect(after.body).toEqual(g);
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctl.actor.workspaceId), eq(auditLog.entityId, g.id)));
    expect(audits.map((a) => a.action)).toEqual(['appgate.clientProfile.create']);
    // The URL itself is still available.
    expect((await call(base, 'GET', `/admin/client-profiles/${g.id}/url`, { token: adminToken })).status).toBe(200);
  });
});
