import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, call, flexError, login, PASSWORD, seedDirectory, startServer } from './testing';

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-03-01T10:00:00Z') };
let dir: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  dir = await seedDirectory(handle, clock);
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const PROFILES = '/flexcare/dialog/profile';

describe('POST /auth/login', () => {
  it('answers a 15-minute token with the employee, customer and access level', async () => {
    const res = await call(base, 'POST', '/auth/login', null, { username: dir.employees.admin.username, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresInMinutes: 15,
      employee: dir.employees.admin.id,
      customer: dir.customers.direct.id,
      accessLevel: 'ADMIN',
      name: 'admin',
      language: 'en',
      customerName: 'Operator',
      customerFeatures: ['FLEXCARE'],
      customerIntegrations: [],
    });
  });

  it('accepts the username in any case and the GET form with query parameters', async () => {
    const upper = dir.employees.ra1.username.toUpperCase();
    const res = await call(base, 'GET', `/auth/login?username=${encodeURIComponent(upper)}&password=${PASSWORD}`, null);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ employee: dir.employees.ra1.id, accessLevel: 'RESELLER_ADMIN', customerName: 'Care home 1A' });
  });

  it('leaves customerIntegrations out for employees below RESELLER', async () => {
    const res = await call(base, 'POST', '/auth/login', null, { username: dir.lower.MANAGER!.username, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('customerIntegrations');
  });

  it('refuses a wrong password, an unknown user and a NO_LOGIN employee alike', async () => {
    const expected = flexError(401, 'credentials_invalid', 'Authorization required, please login');
    for (const body of [
      { username: dir.employees.admin.username, password: 'wrong-password' },
      { username: 'ghost@nowhere.test', password: PASSWORD },
      { username: dir.employees.noLogin.username, password: PASSWORD },
    ]) {
      const res = await call(base, 'POST', '/auth/login', null, body);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expected);
    }
  });

  it('answers 422 for a missing password and 400 for a body that is not JSON', async () => {
    const missing = await call(base, 'POST', '/auth/login', null, { username: 'x@y.test' });
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual(flexError(422, 'password', 'password is required', { path: 'password', check: 'required' }));
    const garbage = await call(base, 'POST', '/auth/login', null, '{"username":');
    expect(garbage.status).toBe(400);
    expect(garbage.body).toEqual(flexError(400, 'bad_request', 'Request body is not valid JSON'));
  });
});

describe('token transport and the generic 401 errors', () => {
  it('accepts the token as a Bearer header or as ?token=, and the header wins', async () => {
    const token = await login(base, dir.employees.admin.username);
    expect((await call(base, 'GET', PROFILES, token)).status).toBe(200);
    expect((await call(base, 'GET', `${PROFILES}?token=${token}`, null)).status).toBe(200);
    const headerWins = await call(base, 'GET', `${PROFILES}?token=${token}`, 'A'.repeat(43));
    expect(headerWins.status).toBe(401);
    expect(headerWins.body).toEqual(flexError(401, 'invalid_token', 'Please login'));
  });

  it('no token → credentials_invalid; another header format → format_error; garbage → Undecipherable', async () => {
    const none = await call(base, 'GET', PROFILES, null);
    expect(none.status).toBe(401);
    expect(none.body).toEqual(flexError(401, 'credentials_invalid', 'Authorization required, please login'));

    const basic = await call(base, 'GET', PROFILES, null, undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect(basic.body).toEqual(flexError(401, 'format_error', 'Authorization header format is Authorization: Bearer <token>'));

    const garbage = await call(base, 'GET', PROFILES, 'not-a-token');
    expect(garbage.status).toBe(401);
    expect(garbage.body).toEqual(flexError(401, 'invalid_token', 'Undecipherable'));
  });

  it('a token is valid for 15 minutes, then answers 401 expired', async () => {
    const token = await login(base, dir.employees.admin.username);
    const start = clock.now;
    try {
      clock.now = new Date(start.getTime() + 14 * 60_000);
      expect((await call(base, 'GET', PROFILES, token)).status).toBe(200);
      clock.now = new Date(start.getTime() + 15 * 60_000 + 1);
      const res = await call(base, 'GET', PROFILES, token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(flexError(401, 'expired', 'Session has expired, please login'));
    } finally {
      clock.now = start;
    }
  });

  it('a persist token never expires (expiresInMinutes -1)', async () => {
    const res = await call(base, 'POST', '/auth/login', null, { username: dir.employees.ra1.username, password: PASSWORD, persist: true });
    expect(res.body).toMatchObject({ expiresInMinutes: -1 });
    const token = (res.body as { token: string }).token;
    const start = clock.now;
    try {
      clock.now = new Date(start.getTime() + 400 * 24 * 60 * 60_000);
      expect((await call(base, 'GET', PROFILES, token)).status).toBe(200);
    } finally {
      clock.now = start;
    }
  });
});

describe('GET /auth/validateToken', () => {
  it('answers the session facts; simple answers 200/403 only; extend restarts the lifetime', async () => {
    const token = await login(base, dir.employees.ra2.username);
    const res = await call(base, 'GET', `/auth/validateToken?token=${token}`, null);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      expiresInMinutes: 15,
      employee: dir.employees.ra2.id,
      customer: dir.customers.c2a.id,
      accessLevel: 'RESELLER_ADMIN',
      name: 'ra2',
      language: 'en',
      customerName: 'Care home 2A',
    });

    expect((await call(base, 'GET', '/auth/validateToken?simple=true', token)).body).toEqual({ success: true });
    const bad = await call(base, 'GET', '/auth/validateToken?simple=true&token=nonsense', null);
    expect(bad.status).toBe(403);
    expect(bad.body).toEqual(flexError(403, 'access_denied', 'Insufficient access level'));

    const start = clock.now;
    try {
      clock.now = new Date(start.getTime() + 10 * 60_000);
      const extended = await call(base, 'GET', `/auth/validateToken?extend=true&token=${token}`, null);
      expect(extended.body).toMatchObject({ expiresInMinutes: 15 });
      clock.now = new Date(start.getTime() + 20 * 60_000);
      expect((await call(base, 'GET', PROFILES, token)).status).toBe(200);
      clock.now = new Date(start.getTime() + 26 * 60_000);
      const expired = await call(base, 'GET', `/auth/validateToken?token=${token}`, null);
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual(flexError(401, 'expired', 'Session has expired, please login'));
    } finally {
      clock.now = start;
    }
  });

  it('without any token answers 401 credentials_invalid', async () => {
    const res = await call(base, 'GET', '/auth/validateToken', null);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(flexError(401, 'credentials_invalid', 'Authorization required, please login'));
  });
});
