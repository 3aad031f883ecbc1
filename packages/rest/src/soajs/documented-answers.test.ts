import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { soajsSurface } from './surface';
import { type Clock, call, seededWorkspace, startServer } from './testing';

// The OpenAPI document is generated from the route schemas: real answers must parse with what it documents.

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-03-01T10:00:00Z') };

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

function documented(method: string, url: string): ZodType {
  const route = soajsSurface.routes.find((r) => r.method === method && r.url === url)!;
  return route.schema!.responses[200]!.body!;
}

describe('SOAJS answers match the documented response schemas', () => {
  it('users, a user, the count, groups, a refusal at HTTP 200 and a gateway error', async () => {
    const ws = await seededWorkspace(handle, clock);
    const creds = { key: ws.demo.key, token: ws.demo.accessToken };
    const users = await call(base, 'GET', '/urac/admin/listUsers', creds);
    expect(documented('GET', '/urac/admin/listUsers').parse(users.body)).toMatchObject({ result: true });
    const first = (users.body as { data: { _id: string }[] }).data[0]!;
    const user = await call(base, 'GET', `/urac/admin/getUser?uId=${first._id}`, creds);
    expect(documented('GET', '/urac/admin/getUser').parse(user.body)).toMatchObject({ result: true, data: { _id: first._id } });
    const count = await call(base, 'GET', '/urac/admin/users/count', creds);
    expect(documented('GET', '/urac/admin/users/count').parse(count.body)).toMatchObject({ result: true });
    const groups = await call(base, 'GET', '/urac/admin/group/list', creds);
    expect(documented('GET', '/urac/admin/group/list').parse(groups.body)).toMatchObject({ result: true });
    const missing = await call(base, 'GET', '/urac/admin/getUser', creds);
    expect(missing.status).toBe(200);
    expect(documented('GET', '/urac/admin/getUser').parse(missing.body)).toMatchObject({ result: false, errors: { codes: [172] } });
    const noKey = await call(base, 'GET', '/urac/admin/listUsers', { token: ws.demo.accessToken });
    expect(noKey.status).toBe(403);
    expect(soajsSurface.docs!.error.schema.parse(noKey.body)).toMatchObject({ errors: { codes: [132] } });
  });
});
