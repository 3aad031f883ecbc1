import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surfaceDocument } from '../openapi/surface';
import { startSurfaceServer, type TestServer } from '../testing';
import { acmeSurface } from './surface';

// docs/adding-a-surface.md, followed: a sixth vendor's REST layer (auth convention, route schemas, envelope)
// mounted the way the server mounts every surface, and called over real HTTP.

let handle: DbHandle;
let server: TestServer;
let key: string;

beforeAll(async () => {
  handle = await createTestDb();
  server = await startSurfaceServer(handle, [{ surface: acmeSurface, mounts: [''] }]);
  const ws = await createTestWorkspace(handle.db);
  key = (await ws.caller.apiToken.create({ name: 'acme', scopes: ['accounts:read', 'accounts:write'] })).token;
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
});

async function call(path: string, init: RequestInit & { authorization?: string | null } = {}) {
  const headers = new Headers(init.headers);
  const authorization = init.authorization === undefined ? `AcmeKey ${key}` : init.authorization;
  if (authorization !== null) headers.set('authorization', authorization);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(server.base + path, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('Acme, the private sixth surface', () => {
  it('creates and lists users in its own wire shape', async () => {
    const created = await call('/acme/v1/users', { method: 'POST', body: JSON.stringify({ user_name: 'ann', display_name: 'Ann' }) });
    expect(created).toMatchObject({ status: 201, body: { user_name: 'ann', display_name: 'Ann' } });
    expect(created.headers.get('location')).toBe(`/acme/v1/users/${created.body.id}`);
    const listed = await call('/acme/v1/users?limit=5');
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual({ id: created.body.id, user_name: 'ann', display_name: 'Ann' });
  });

  it('bad input is a 1400 fault naming the field (route schema and service alike), and writes nothing', async () => {
    expect(await call('/acme/v1/users', { method: 'POST', body: JSON.stringify({ user_name: 'bo', extra: 1 }) })).toEqual({
      status: 400,
      headers: expect.anything(),
      body: { fault: { code: 1400, reason: 'A field is invalid: extra', field: 'extra' } },
    });
    expect(await call('/acme/v1/users?limit=0')).toMatchObject({ status: 400, body: { fault: { code: 1400, field: 'limit' } } });
    // The route schema reuses the contract's user-name rule, so the fault names Acme's own field.
    expect(await call('/acme/v1/users', { method: 'POST', body: JSON.stringify({ user_name: 'no spaces' }) })).toMatchObject({
      status: 400,
      body: { fault: { code: 1400, field: 'user_name' } },
    });
    expect(await call('/acme/v1/users', { method: 'POST', body: '{"user_name":' })).toMatchObject({
      status: 400,
      body: { fault: { code: 1400, reason: 'The request body is not JSON' } },
    });
    expect((await call('/acme/v1/users')).body.map((u: { user_name: string }) => u.user_name)).not.toContain('no spaces');
  });

  it('a typed service code becomes Acme wording', async () => {
    await call('/acme/v1/users', { method: 'POST', body: JSON.stringify({ user_name: 'cy' }) });
    expect(await call('/acme/v1/users', { method: 'POST', body: JSON.stringify({ user_name: 'cy' }) })).toMatchObject({
      status: 409,
      body: { fault: { code: 1409, reason: 'That user_name is taken' } },
    });
  });

  it('auth failures: no key, another scheme, an unknown key', async () => {
    const missing = { status: 401, body: { fault: { code: 1001, reason: 'Send Authorization: AcmeKey <key>' } } };
    expect(await call('/acme/v1/users', { authorization: null })).toMatchObject(missing);
    expect(await call('/acme/v1/users', { authorization: `Bearer ${key}` })).toMatchObject(missing);
    expect(await call('/acme/v1/users', { authorization: 'AcmeKey ph_nope' })).toMatchObject({
      status: 401,
      body: { fault: { code: 1002, reason: 'The Acme key is not known' } },
    });
  });

  it('URLs under its prefix that no route takes answer in its envelope', async () => {
    expect(await call('/acme/v2/users')).toMatchObject({ status: 404, body: { fault: { code: 1404 } } });
    const wrong = await call('/acme/v1/users', { method: 'DELETE' });
    expect(wrong).toMatchObject({ status: 405, body: { fault: { code: 1405 } } });
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });

  it('the OpenAPI generator documents it from its route schemas', async () => {
    const doc = surfaceDocument(acmeSurface, ['']);
    const result = await new Validator().validate(doc as never);
    expect(result.errors).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: walking a generated JSON document
    const users = (doc.paths as Record<string, any>)['/acme/v1/users'];
    expect(Object.keys(users)).toEqual(['get', 'post']);
    expect(users.get.parameters).toMatchObject([{ name: 'limit', in: 'query', required: false }]);
    expect(users.post.requestBody.content['application/json'].schema).toMatchObject({
      required: ['user_name'],
      additionalProperties: false,
    });
    expect(Object.keys(users.post.responses)).toEqual(['201', '400', '401', '409']);
    expect(doc.components.securitySchemes).toHaveProperty('acmeKey');
    expect(doc.components.schemas.Error).toMatchObject({ required: ['fault'] });
  });
});
