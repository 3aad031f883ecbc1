import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSurface } from '../framework/surface';
import { startSurfaceServer, type TestServer } from '../testing';
import { rpdbSurface } from './surface';
import { type Clock, ownerCaller, startServer } from './testing';

// The official Go client's attribute calls (RPJoshL/RPdb go/api/attribute.go) replayed as it sends them:
// base URL `/api/v1`, GET with X-Api-Key, Java-Client, Language, Multi-Instance, Client-Version and
// `Content-Type: application/json;charset=UTF-8` on every request, `?name=` built by url.Values.Encode.
// Answers are checked for what the client decodes (go/models/attribute.go) and, for errors, for what
// handlePHPError needs to report the server's message instead of "Unknown error": a JSON
// `{"error":{"id","message"}}` with a non-empty message.

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-03-01T10:00:00Z') };
let owner: Awaited<ReturnType<typeof ownerCaller>>;
let f: Awaited<ReturnType<typeof fixture>>;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  owner = await ownerCaller(handle, clock);
  f = await fixture();
  // Generous: several scrypt hashes and a fresh database, on a machine that may be busy.
}, 180_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

/**
 * An account with attributes heating (default all), garage (default read), alarm (default none) and
 * "front door" (default all); key `full` holds `write` on heating and `all` on alarm; key `blind` holds
 * `none` on everything; a second account owns an attribute named heating too.
 */
async function fixture() {
  const caller = owner.caller;
  const { account } = await caller.rpdb.account.create({ name: 'attributes', password: 'the-rpdb-account-password' });
  const attr = async (accountId: number, name: string, defaultRight: 'all' | 'read' | 'none') =>
    (await caller.rpdb.attribute.create({ accountId, name, defaultRight })).id;
  const heating = await attr(account.id, 'heating', 'all');
  const garage = await attr(account.id, 'garage', 'read');
  const alarm = await attr(account.id, 'alarm', 'none');
  const door = await attr(account.id, 'front door', 'all');
  const full = await caller.rpdb.apiKey.create({
    accountId: account.id,
    name: 'full',
    rights: [
      { attributeId: heating, right: 'write' },
      { attributeId: alarm, right: 'all' },
    ],
  });
  const blind = await caller.rpdb.apiKey.create({
    accountId: account.id,
    name: 'blind',
    rights: [heating, garage, alarm, door].map((attributeId) => ({ attributeId, right: 'none' as const })),
  });
  const { account: other } = await caller.rpdb.account.create({ name: 'other', password: 'the-rpdb-account-password' });
  const otherHeating = await attr(other.id, 'heating', 'all');
  return { attrs: { heating, garage, alarm, door, otherHeating }, keys: { full: full.key, blind: blind.key } };
}

type Got = { status: number; text: string; json: unknown; headers: Headers };

/** api.GetRequest + DoRequest as the Go client does them. */
async function goClient(path: string, key: string, method = 'GET', prefix = '/api/v1'): Promise<Got> {
  const res = await fetch(base + prefix + path, {
    method,
    headers: {
      'X-Api-Key': key,
      'Java-Client': 'false',
      Language: 'en',
      'Multi-Instance': 'false',
      'Client-Version': '4.4.0',
      'Content-Type': 'application/json;charset=UTF-8',
    },
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** What handlePHPError makes of a >= 300 answer: the server's id and message, or "Unknown error". */
function clientError(res: Got) {
  const body = res.json as { error?: { id?: unknown; message?: unknown } } | null;
  if (res.status >= 500 || typeof body?.error?.message !== 'string' || body.error.message === '') return { message: 'Unknown error' };
  return { id: body.error.id, message: body.error.message };
}

const attribute = (id: number, name: string, rights: string, defaultRight: string) => ({
  id,
  name,
  execute_always: false,
  no_db: false,
  execution_response: { enabled: false, allow_delayed_execution: false, default_timeout: 0 },
  rights,
  default_right: defaultRight,
  parameters: [],
  sort_order: 0,
});

describe('GET /attribute (GetAttributes)', () => {
  it('lists the attributes the key has a right on, with its right on each, in id order', async () => {
    const res = await goClient('/attribute', f.keys.full);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json).toEqual([
      attribute(f.attrs.heating, 'heating', 'write', 'all'),
      attribute(f.attrs.garage, 'garage', 'read', 'read'),
      attribute(f.attrs.alarm, 'alarm', 'all', 'none'),
      attribute(f.attrs.door, 'front door', 'all', 'all'),
    ]);
    // Mounted at the root as well.
    expect((await goClient('/attribute', f.keys.full, 'GET', '')).json).toEqual(res.json);
  });

  it('a key with no right on anything gets 204 and an empty body (the client returns an empty list)', async () => {
    const res = await goClient('/attribute', f.keys.blind);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });
});

describe('GET /attribute?name= (GetAttributeByName)', () => {
  it('answers an array with exactly the attribute of that name, url-encoded as url.Values does', async () => {
    const door = await goClient(`/attribute?${new URLSearchParams({ name: 'front door' })}`, f.keys.full);
    expect(door.status).toBe(200);
    expect(door.json).toEqual([attribute(f.attrs.door, 'front door', 'all', 'all')]);
    // Another account's attribute of the same name is not this key's.
    const heating = await goClient('/attribute?name=heating', f.keys.full);
    expect(heating.json).toEqual([attribute(f.attrs.heating, 'heating', 'write', 'all')]);
  });

  it('no match answers an empty array (decodable; the client then reports ATTRIBUTE_NOT_FOUND), never 204', async () => {
    for (const [name, key] of [
      ['Heating', f.keys.full],
      ['nothing', f.keys.full],
      ['heating', f.keys.blind],
    ] as const) {
      const res = await goClient(`/attribute?${new URLSearchParams({ name })}`, key);
      expect(res.status, name).toBe(200);
      expect(res.json, name).toEqual([]);
    }
  });
});

describe('GET /attribute/{id} (GetAttribute)', () => {
  it('answers the attribute with the key rights', async () => {
    const res = await goClient(`/attribute/${f.attrs.alarm}`, f.keys.full);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(attribute(f.attrs.alarm, 'alarm', 'all', 'none'));
  });

  it('unknown, another account’s, or hidden from the key → 404 ATTRIBUTE_NOT_FOUND in the RPdb envelope', async () => {
    for (const [id, key] of [
      [2_000_000_000, f.keys.full],
      [f.attrs.otherHeating, f.keys.full],
      [f.attrs.heating, f.keys.blind],
    ] as const) {
      const res = await goClient(`/attribute/${id}`, key);
      expect(res.status).toBe(404);
      expect(clientError(res)).toEqual({ id: 'ATTRIBUTE_NOT_FOUND', message: 'The given attribute was not found' });
    }
  });

  it('a malformed id → 400 INVALID_ID; no or a wrong key → 401 AUTHENTICATION_FAILED', async () => {
    const bad = await goClient('/attribute/abc', f.keys.full);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error: { id: 'INVALID_ID', message: 'Invalid ID supplied', detailedErrorDescription: 'id: "abc" is not a valid attribute ID' },
    });
    const anonymous = await goClient('/attribute', 'x'.repeat(64));
    expect(anonymous.status).toBe(401);
    expect(clientError(anonymous)).toEqual({ id: 'AUTHENTICATION_FAILED', message: 'Authentication failed' });
  });
});

describe('every other URL under the RPdb prefixes answers in RPdb’s envelope', () => {
  it('unknown paths → 404 ROUTE_NOT_FOUND, known paths with another method → 405 with Allow', async () => {
    for (const [path, prefix] of [
      ['/entry', '/api/v1'],
      ['/entry/12', '/api/v1'],
      ['/update', '/api/v1'],
      ['//profile', '/api/v1'],
      ['', '/api/v1'],
      ['/', '/api/v1'],
      ['/attribute/1/parameters', '/api/v1'],
      ['/entry', ''],
      ['/attribute/1/parameters', ''],
    ] as const) {
      const res = await goClient(path, f.keys.full, 'GET', prefix);
      expect(res.status, prefix + path).toBe(404);
      expect(res.headers.get('content-type'), prefix + path).toMatch(/^application\/json/);
      expect(clientError(res), prefix + path).toEqual({ id: 'ROUTE_NOT_FOUND', message: 'The requested resource does not exist' });
    }
    const post = await goClient('/attribute', f.keys.full, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect(clientError(post)).toEqual({ id: 'METHOD_NOT_ALLOWED', message: 'The method is not allowed for this resource' });
  });

  it('RPdb keeps /api/v1 beside a surface answering the rest of /api, whatever the mount order', async () => {
    // Stands for a surface owning all of `/api` (2N answers its unknown `/api/*` paths), mounted first.
    const apiWide = defineSurface({
      name: 'api-wide',
      prefixes: ['/api'],
      routes: [],
      authenticate: async () => {
        throw new Error('no routes');
      },
      envelope: () => ({ status: 200, body: { success: false, error: { code: 2 } } }),
    });
    let both: TestServer | undefined;
    try {
      both = await startSurfaceServer(handle, [
        { surface: apiWide, mounts: [''] },
        { surface: rpdbSurface, mounts: ['', '/api/v1'] },
      ]);
      const entry = await fetch(`${both.base}/api/v1/entry`, { headers: { 'X-Api-Key': f.keys.full } });
      expect(entry.status).toBe(404);
      expect(((await entry.json()) as { error: { id: string } }).error.id).toBe('ROUTE_NOT_FOUND');
      const attributes = await fetch(`${both.base}/api/v1/attribute`, { headers: { 'X-Api-Key': f.keys.full } });
      expect(attributes.status).toBe(200);
      const system = await fetch(`${both.base}/api/system/info`);
      expect(await system.json()).toEqual({ success: false, error: { code: 2 } });
    } finally {
      await both?.close();
    }
  });
});
