import { createCaller } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, call, flexError, login, PASSWORD, seedDirectory, startServer } from './testing';

// Requests a hostile or careless client sends: each must get the documented TelecomX error and change nothing.

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-03-01T10:00:00Z') };
let dir: Awaited<ReturnType<typeof seedDirectory>>;
let admin: string;

const PROFILES = '/flexcare/dialog/profile';
const LANGUAGES = '/flexcare/dialog/language';

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  dir = await seedDirectory(handle, clock);
  admin = await login(base, dir.employees.admin.username);
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const nul = (path: string) => flexError(422, path, `${path} must not contain NUL characters`, { path, check: 'format' });

describe('NUL characters (PostgreSQL text cannot store them)', () => {
  it('are refused with 422 in every stored text field, and nothing changes', async () => {
    const profile = await call(base, 'POST', PROFILES, admin, { name: 'Clean', customer: dir.customers.c1a.id });
    expect(profile.status).toBe(200);
    const id = (profile.body as { _id: string })._id;
    const language = await call(base, 'POST', LANGUAGES, admin, { name: 'Clean' });
    expect(language.status).toBe(200);
    const languageId = (language.body as { _id: string })._id;

    const cases: [string, string, Record<string, unknown>, string][] = [
      ['POST', PROFILES, { name: 'a\u0000b', customer: dir.customers.c1a.id }, 'name'],
      ['POST', `${PROFILES}/${id}`, { name: 'a\u0000b' }, 'name'],
      ['POST', LANGUAGES, { name: 'x\u0000' }, 'name'],
      ['POST', LANGUAGES, { name: 'ok', disclaimer: 'a\u0000' }, 'disclaimer'],
      ['POST', `${LANGUAGES}/${languageId}`, { nativeName: '\u0000' }, 'nativeName'],
      ['POST', `${LANGUAGES}/${languageId}`, { keyboardConfigString: '{}\u0000' }, 'keyboardConfigString'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(base, method, path, admin, body);
      expect([res.status, res.body], `${path} ${field}`).toEqual([422, nul(field)]);
    }
    expect((await call(base, 'GET', `${PROFILES}/${id}`, admin)).body).toMatchObject({ name: 'Clean' });
    expect((await call(base, 'GET', `${LANGUAGES}/${languageId}`, admin)).body).toMatchObject({ nativeName: '', keyboardConfigString: '' });
    expect((await call(base, 'GET', `${PROFILES}?filter=Clean`, admin)).body).toMatchObject({ total: 1 });
  });

  it('in a list filter → 422 filter; in a login username → 422 username', async () => {
    const filter = await call(base, 'GET', `${PROFILES}?filter=%00`, admin);
    expect([filter.status, filter.body]).toEqual([422, nul('filter')]);
    const languages = await call(base, 'GET', `${LANGUAGES}?filter=a%00`, admin);
    expect([languages.status, languages.body]).toEqual([422, nul('filter')]);
    const res = await call(base, 'POST', '/auth/login', null, { username: 'a\u0000b@x.test', password: PASSWORD });
    expect([res.status, res.body]).toEqual([422, nul('username')]);
  });
});

describe('ids of any length are just ids that do not exist', () => {
  it('a 200-character profile or language id → 404, never a 422 about "id"', async () => {
    const long = 'a'.repeat(200);
    const notFound = flexError(404, 'not_found', 'Profile not found');
    expect((await call(base, 'GET', `${PROFILES}/${long}`, admin)).body).toEqual(notFound);
    expect((await call(base, 'POST', `${PROFILES}/${long}`, admin, { name: 'x' })).body).toEqual(notFound);
    expect((await call(base, 'DELETE', `${PROFILES}/${long}`, admin)).body).toEqual(notFound);
    const language = await call(base, 'POST', `${LANGUAGES}/${long}`, admin, {});
    expect([language.status, language.body]).toEqual([404, flexError(404, 'not_found', 'Language not found')]);
    const licenses = await call(base, 'GET', `${PROFILES}/license?profile=${long}`, admin);
    expect([licenses.status, licenses.body]).toEqual([404, flexError(404, 'id', 'Dialog profile not found')]);
  });

  it('an over-long token on validateToken → 401 Undecipherable (403 with simple)', async () => {
    const token = 'x'.repeat(600);
    const res = await call(base, 'GET', `/auth/validateToken?token=${token}`, null);
    expect([res.status, res.body]).toEqual([401, flexError(401, 'invalid_token', 'Undecipherable')]);
    const simple = await call(base, 'GET', `/auth/validateToken?simple&token=${token}`, null);
    expect(simple.status).toBe(403);
  });
});

describe('ipList', () => {
  it('refuses an IPv6 zone index (meaningless in a shared whitelist)', async () => {
    const res = await call(base, 'POST', PROFILES, admin, { name: 'Zoned', customer: dir.customers.c1a.id, ipList: ['fe80::1%eth0'] });
    expect([res.status, res.body]).toEqual([
      422,
      flexError(422, 'ipList.0', 'ipList.0 must be an IPv4/IPv6 address or a CIDR range', { path: 'ipList.0', check: 'ip' }),
    ]);
    expect((await call(base, 'GET', `${PROFILES}?filter=Zoned`, admin)).body).toMatchObject({ total: 0 });
  });
});

describe('POST /auth/login across workspaces', () => {
  it('NO_LOGIN namesakes in older workspaces do not crowd out the account that may log in', async () => {
    const username = `shared-${Date.now()}@x.test`;
    for (let i = 0; i < 5; i++) {
      const ws = await createTestWorkspace(handle.db);
      const owner = createCaller(ws.ctx);
      const customer = await owner.flexcare.customer.create({ name: 'C' });
      await owner.flexcare.employee.create({ customer: customer.id, username, accessLevel: 'NO_LOGIN', password: PASSWORD });
    }
    const ws = await createTestWorkspace(handle.db);
    const owner = createCaller(ws.ctx);
    const customer = await owner.flexcare.customer.create({ name: 'Newest' });
    const { employee } = await owner.flexcare.employee.create({
      customer: customer.id,
      username,
      accessLevel: 'ADMIN',
      password: PASSWORD,
    });
    const res = await call(base, 'POST', '/auth/login', null, { username, password: PASSWORD });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ employee: employee.id, customerName: 'Newest' });
  });

  it('the same username and password in two workspaces always opens the older one', async () => {
    const username = `twice-${Date.now()}@x.test`;
    const made: string[] = [];
    for (const name of ['Older', 'Newer']) {
      const ws = await createTestWorkspace(handle.db);
      const owner = createCaller(ws.ctx);
      const customer = await owner.flexcare.customer.create({ name });
      made.push(
        (await owner.flexcare.employee.create({ customer: customer.id, username, accessLevel: 'ADMIN', password: PASSWORD })).employee.id,
      );
    }
    for (let i = 0; i < 2; i++) {
      const res = await call(base, 'POST', '/auth/login', null, { username, password: PASSWORD });
      expect(res.body).toMatchObject({ employee: made[0], customerName: 'Older' });
    }
  });
});

describe('GET /auth/validateToken?simple', () => {
  it('turns only a refused token into 403; a database failure still answers as a server error', async () => {
    const broken = await createTestDb();
    const server = await startServer(broken, clock);
    try {
      await broken.close();
      const res = await call(server.base, 'GET', `/auth/validateToken?simple&token=${'A'.repeat(43)}`, null);
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect((res.body as { error: { status: number } }).error.status).toBe(res.status);
    } finally {
      await server.app.close();
    }
  });
});
