import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, call, controller, login, startServer } from './testing';

// The controller's bean-validation wording for checks appgate.test.ts does not reach: sizes (with the
// vendor's lower bound), element types, list positions, query parameters and the login body. The contract
// words these plainly ("at most 255 characters"); only the surface answers like the controller.

const clock = { now: new Date('2026-01-01T00:00:00Z') };
let handle: DbHandle;
let app: FastifyInstance;
let base: string;
let token: string;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  const ctl = await controller(handle, clock);
  token = await login(base, ctl.admin.username, ADMIN_PASSWORD);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const errorsOf = (res: { status: number; body: Record<string, unknown> }) => {
  expect(res.status).toBe(422);
  return res.body.errors;
};
const create = (body: unknown) => call(base, 'POST', '/admin/client-profiles', { token, body });

describe('Appgate 422 field wording', () => {
  it('sizes name both bounds of the field, types and formats say what the field is', async () => {
    expect(
      errorsOf(await create({ name: 'x'.repeat(256), identityProviderName: 'local', notes: 'n'.repeat(4097), tags: Array(65).fill('t') })),
    ).toEqual([
      { field: 'name', message: 'size must be between 1 and 255' },
      { field: 'notes', message: 'size must be between 0 and 4096' },
      { field: 'tags', message: 'size must be between 0 and 64' },
    ]);
    expect(errorsOf(await create({ name: 'a\u0000b', identityProviderName: 'local', tags: ['t'.repeat(65), 1] }))).toEqual([
      { field: 'name', message: 'must not contain NUL characters' },
      { field: 'tags[0]', message: 'size must be between 1 and 64' },
      { field: 'tags[1]', message: 'must be a string' },
    ]);
    expect(errorsOf(await create({ name: 'g', type: 'Group', profileUrls: [{ weight: 1.5 }, { weight: 'x' }, 3, { id: 5 }] }))).toEqual([
      { field: 'profileUrls[0].weight', message: 'must be an integer' },
      { field: 'profileUrls[1].weight', message: 'must be an integer' },
      { field: 'profileUrls[2]', message: 'must be an object' },
      { field: 'profileUrls[3].id', message: 'must be a valid UUID' },
    ]);
  });

  it('query parameters and the login body', async () => {
    expect(errorsOf(await call(base, 'GET', '/admin/client-profiles?range=5-1', { token }))).toEqual([
      { field: 'range', message: 'start must not be greater than end' },
    ]);
    expect(errorsOf(await call(base, 'GET', '/admin/client-profiles?orderBy=bogus', { token }))).toEqual([
      { field: 'orderBy', message: 'must be one of [name, id, type, notes, identityProviderName, hostname, created, updated, exported]' },
    ]);
    const badLogin = { providerName: 5, deviceId: 7, username: 'x'.repeat(257), password: 3 };
    expect(errorsOf(await call(base, 'POST', '/admin/login', { body: badLogin }))).toEqual([
      { field: 'providerName', message: 'must be a string' },
      { field: 'deviceId', message: 'must be a valid UUID' },
      { field: 'username', message: 'size must be between 0 and 256' },
      { field: 'password', message: 'must be a string' },
    ]);
  });
});
