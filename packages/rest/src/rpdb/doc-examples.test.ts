import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, call, ownerCaller, startServer } from './testing';

// Replays every request/response on the seed page (rpdb.rpjosh.de/docs/api/profile) with the same ids:
// this file owns a fresh database, so identities start at 1 and fillers advance them to the doc's numbers.

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-03-01T10:00:00Z') };
let key: string;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  const { caller } = await ownerCaller(handle, clock);
  const password = 'a-long-account-password';
  const { account } = await caller.rpdb.account.create({ name: 'rpjosh', password });
  for (const name of ['one', 'two', 'three', 'four', 'five']) await caller.rpdb.attribute.create({ accountId: account.id, name });
  const created = await caller.rpdb.apiKey.create({ accountId: account.id, name: 'doc' });
  await caller.rpdb.apiKey.authorize({ id: created.apiKey.id, password });
  key = created.key;
  // Profiles 1..9 come and go so that the doc's profiles get ids 10 and 11.
  for (let i = 1; i <= 9; i++) {
    const p = await caller.rpdb.profile.create({ accountId: account.id, name: `filler ${i}` });
    await caller.rpdb.profile.delete({ accountId: account.id, id: p.id });
  }
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('RPdb seed page, request by request', () => {
  it('POST /profile creates the doc profiles (201)', async () => {
    const a = await call(base, 'POST', '/api/v1/profile', key, { name: 'vacation', sort_order: 0 });
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ id: 10, name: 'vacation', sort_order: 0, attributes: [] });
    const b = await call(base, 'POST', '/api/v1/profile', key, { name: 'vacation1', sort_order: 0, attributes: [1, 2] });
    expect(b.status).toBe(201);
    expect(b.body).toEqual({ id: 11, name: 'vacation1', sort_order: 0, attributes: [1, 2] });
  });

  it('GET /profile?ignore_rights=true answers the doc list (the attribute-less profile included)', async () => {
    const a = await call(base, 'GET', '/api/v1/profile?ignore_rights=true', key);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/^application\/json/);
    expect(a.body).toEqual([
      { id: 10, name: 'vacation', sort_order: 0, attributes: [] },
      { id: 11, name: 'vacation1', sort_order: 0, attributes: [1, 2] },
    ]);
  });

  it('GET /profile without ignore_rights hides the "empty" profile', async () => {
    const a = await call(base, 'GET', '/profile', key);
    expect(a.status).toBe(200);
    expect(a.body).toEqual([{ id: 11, name: 'vacation1', sort_order: 0, attributes: [1, 2] }]);
  });

  it('GET /profile/{id} answers the doc single profile, attributes in the order given', async () => {
    const filler = await call(base, 'POST', '/profile', key, { name: 'filler 12', attributes: [3] });
    expect((await call(base, 'DELETE', `/profile/${(filler.body as { id: number }).id}`, key)).status).toBe(200);
    const created = await call(base, 'POST', '/profile', key, { name: 'vacation DE', sort_order: 0, attributes: [5, 1] });
    expect(created.status).toBe(201);
    const a = await call(base, 'GET', '/api/v1/profile/13', key);
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ id: 13, name: 'vacation DE', sort_order: 0, attributes: [5, 1] });
  });

  it('POST /profile with the doc example body', async () => {
    const a = await call(base, 'POST', '/api/v1/profile', key, { name: 'Vacation', sort_order: 0 });
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ id: 14, name: 'Vacation', sort_order: 0, attributes: [] });
  });

  it('PUT /profile/{id} with the create body updates and answers the profile', async () => {
    const a = await call(base, 'PUT', '/api/v1/profile/14', key, { name: 'Vacation', sort_order: 2 });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ id: 14, name: 'Vacation', sort_order: 2, attributes: [] });
  });

  it('PATCH /profile/sort with the doc body shape reorders and answers the visible list', async () => {
    const a = await call(base, 'PATCH', '/api/v1/profile/sort', key, [
      { id: 13, sort_order: 3 },
      { id: 11, sort_order: 4 },
    ]);
    expect(a.status).toBe(200);
    expect(a.body).toEqual([
      { id: 13, name: 'vacation DE', sort_order: 3, attributes: [5, 1] },
      { id: 11, name: 'vacation1', sort_order: 4, attributes: [1, 2] },
    ]);
    const all = await call(base, 'GET', '/profile?ignore_rights=true&fields[]=id&fields[]=sort_order', key);
    expect(all.body).toEqual([
      { id: 10, sort_order: 0 },
      { id: 14, sort_order: 2 },
      { id: 13, sort_order: 3 },
      { id: 11, sort_order: 4 },
    ]);
  });

  it('DELETE /profile/{id} answers 200 with the deleted profile', async () => {
    const a = await call(base, 'DELETE', '/api/v1/profile/14', key);
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ id: 14, name: 'Vacation', sort_order: 2, attributes: [] });
    expect((await call(base, 'GET', '/profile/14?ignore_rights=true', key)).status).toBe(404);
  });
});
