import { resolveActor } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import { createDb, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSurfaceServer, type TestServer } from '../testing';
import { type RestErrorClass, RestErrorThrown, restError } from './errors';
import { defineSurface, type Surface } from './surface';

// A private surface (never mounted by the server) that exercises every error class through real HTTP.
const statusFor: Record<RestErrorClass, number> = {
  bad_request: 400,
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition: 412,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  unexpected: 500,
};

const testSurface: Surface = defineSurface({
  name: 'test',
  prefixes: ['/t'],
  authenticate: async (req, deps) => {
    const token = req.headers['x-test-token'];
    if (typeof token !== 'string') throw new RestErrorThrown(restError('unauthorized', 'Send X-Test-Token'));
    const actor = await resolveActor(deps.db, { bearer: token }, deps.now());
    if (!actor) throw new RestErrorThrown(restError('unauthorized', 'Unknown token'));
    return actor;
  },
  envelope: (err) => ({
    status: statusFor[err.class],
    body: {
      fail: {
        kind: err.class,
        message: err.message,
        code: err.code ?? null,
        fields: err.issues.map((i) => i.path),
        allow: err.allow ?? null,
      },
    },
    headers: err.allow ? { allow: err.allow.join(', ') } : undefined,
  }),
  routes: [
    { method: 'GET', url: '/t/accounts', handler: async ({ caller }) => (await caller.account.list()).map((a) => a.username) },
    {
      method: 'POST',
      url: '/t/accounts',
      handler: async ({ caller, req, reply }) => {
        const { account } = await caller.account.create(req.body as never);
        reply.status(201);
        return { id: account.id };
      },
    },
    {
      method: 'PUT',
      url: '/t/accounts/:id',
      handler: async ({ caller, req }) => caller.account.update({ ...(req.body as object), id: (req.params as { id: string }).id }),
    },
    { method: 'GET', url: '/t/boom', handler: async () => Promise.reject(new Error('secret internals at /etc/passwd')) },
    { method: 'GET', url: '/t/public', public: true, handler: async () => ({ ok: true }) },
  ],
});

function serve(db: DbHandle) {
  return startSurfaceServer(db, [{ surface: testSurface, mounts: [''] }], { bodyLimit: 1024 });
}

let handle: DbHandle;
let server: TestServer;
let token: string;

beforeAll(async () => {
  handle = await createTestDb();
  server = await serve(handle);
  const ws = await createTestWorkspace(handle.db);
  token = (await ws.caller.apiToken.create({ name: 'rest', scopes: ['accounts:read', 'accounts:write'] })).token;
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
});

async function call(path: string, init: RequestInit & { auth?: boolean } = {}) {
  const headers = new Headers(init.headers);
  if (init.auth !== false) headers.set('x-test-token', token);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(server.base + path, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('REST framework: every error class reaches the surface envelope', () => {
  it('success passes the handler result through', async () => {
    expect(await call('/t/accounts')).toMatchObject({ status: 200, body: ['owner'] });
    expect(await call('/t/public', { auth: false })).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('auth convention: missing and unknown credentials', async () => {
    expect(await call('/t/accounts', { auth: false })).toMatchObject({
      status: 401,
      body: { fail: { kind: 'unauthorized', message: 'Send X-Test-Token' } },
    });
    expect(await call('/t/accounts', { auth: false, headers: { 'x-test-token': 'ph_nope' } })).toMatchObject({
      status: 401,
      body: { fail: { kind: 'unauthorized', message: 'Unknown token' } },
    });
  });

  it('validation errors carry the failing fields', async () => {
    const res = await call('/t/accounts', { method: 'POST', body: JSON.stringify({ username: '!', password: 'x', extra: 1 }) });
    expect(res.status).toBe(422);
    expect(res.body.fail.kind).toBe('validation');
    expect(res.body.fail.fields).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('malformed JSON is a bad request; an unsupported content type is 415', async () => {
    expect(await call('/t/accounts', { method: 'POST', body: '{"username":' })).toMatchObject({
      status: 400,
      body: { fail: { kind: 'bad_request' } },
    });
    expect(
      await call('/t/accounts', { method: 'POST', body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    ).toMatchObject({
      status: 415,
      body: { fail: { kind: 'unsupported_media_type' } },
    });
  });

  it('not found and conflict come from the service with their domain codes', async () => {
    expect(
      await call('/t/accounts/00000000-0000-4000-8000-000000000000', { method: 'PUT', body: JSON.stringify({ displayName: 'x' }) }),
    ).toMatchObject({
      status: 404,
      body: { fail: { kind: 'not_found', code: 'ACCOUNT_NOT_FOUND' } },
    });
    const body = JSON.stringify({ username: 'twin', password: 'twin-password-1' });
    expect((await call('/t/accounts', { method: 'POST', body })).status).toBe(201);
    expect(await call('/t/accounts', { method: 'POST', body })).toMatchObject({
      status: 409,
      body: { fail: { kind: 'conflict', code: 'ACCOUNT_EXISTS' } },
    });
  });

  it('a body over the limit is 413 in the envelope', async () => {
    const res = await call('/t/accounts', { method: 'POST', body: JSON.stringify({ username: 'x'.repeat(4096) }) });
    expect(res).toMatchObject({ status: 413, body: { fail: { kind: 'too_large' } } });
  });

  it('an unexpected error is a 500 that leaks nothing', async () => {
    const res = await call('/t/boom');
    expect(res).toMatchObject({ status: 500, body: { fail: { kind: 'unexpected', message: 'Internal server error' } } });
    expect(JSON.stringify(res.body)).not.toContain('passwd');
  });

  it('unknown routes and wrong methods under the prefix get the envelope; others a plain 404', async () => {
    expect(await call('/t/nothing-here')).toMatchObject({ status: 404, body: { fail: { kind: 'route_not_found' } } });
    const wrong = await call('/t/accounts', { method: 'DELETE' });
    expect(wrong).toMatchObject({ status: 405, body: { fail: { kind: 'method_not_allowed', allow: ['GET', 'POST'] } } });
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    // A request to no route is answered as such, whatever its body (the Go RPdb client sends a JSON
    // content type with an empty body on every request).
    const empty = await call('/t/accounts', { method: 'DELETE', headers: { 'content-type': 'application/json' } });
    expect(empty).toMatchObject({ status: 405, body: { fail: { kind: 'method_not_allowed', allow: ['GET', 'POST'] } } });
    expect(await call('/t/nothing', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })).toMatchObject({
      status: 404,
      body: { fail: { kind: 'route_not_found' } },
    });
    // A path Fastify cannot even decode is still answered in the owning surface's envelope.
    expect(await call('/t/accounts/%ZZ')).toMatchObject({
      status: 400,
      body: { fail: { kind: 'bad_request', message: 'Malformed request URL' } },
    });
    const other = await call('/elsewhere');
    expect(other.status).toBe(404);
    expect(other.body.fail).toBeUndefined();
  });

  it('a database outage is 503 in the envelope, within seconds', async () => {
    // A real driver pointed at a port where nothing listens.
    const down = createDb({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DB_CONNECT_TIMEOUT_S: 2 });
    const dead = await serve(down);
    try {
      const started = Date.now();
      const res = await fetch(`${dead.base}/t/accounts`, { headers: { 'x-test-token': token } });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ fail: { kind: 'unavailable' } });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await dead.close();
      await down.close();
    }
  });
});
