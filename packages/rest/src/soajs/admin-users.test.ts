import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type Clock, call, seededWorkspace, soajsError, startServer } from './testing';

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

const OK = { result: true, data: true };
const E405 = soajsError([405, 'Unable to find User. Please try again.']);
const E411 = soajsError([411, 'invalid user id provided']);
const E500 = soajsError([500, 'This record in locked. You cannot modify or delete it']);
const MISSING_ID = '5c8d0c505bb6aa2c5bbd6c7e';

function expectSame(res: Answer, body: unknown, status = 200) {
  expect({ status: res.status, body: res.body }).toEqual({ status, body });
}

type User = {
  _id: string;
  username: string;
  status: string;
  groups: string[];
  config?: unknown;
  tenant: { id: string; code: string; pin?: unknown };
};
const data = <T>(res: Answer) => (res.body as { data: T }).data;

async function setup() {
  const ws = await seededWorkspace(handle, clock);
  const creds = { key: ws.demo.key, token: ws.demo.accessToken };
  const rootCreds = { key: ws.demo.rootKey, token: ws.demo.accessToken };
  const get = (uId: string) => call(base, 'GET', `/urac/admin/getUser?uId=${uId}`, creds);
  const list = (query = '') => call(base, 'GET', `/urac/admin/listUsers${query}`, creds);
  const add = (body: Record<string, unknown>, c = creds) => call(base, 'POST', '/urac/admin/addUser', c, body);
  const person = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    firstName: 'First',
    lastName: 'Last',
    email: `${username}@example.com`,
    ...extra,
  });
  return { ...ws, creds, rootCreds, get, list, add, person };
}

describe('GET /urac/admin/getUser', () => {
  it('returns the record without password, with the tenant and masked pins; 411 and 405', async () => {
    const t = await setup();
    const res = await t.get(t.demo.userId);
    expect(res.status).toBe(200);
    expect(data<User>(res)).toEqual({
      _id: t.demo.userId,
      username: 'thyme',
      firstName: 'Thyme',
      lastName: 'Waiter',
      email: 'thyme@soajs.example',
      status: 'pendingNew',
      ts: expect.any(Number),
      profile: {},
      groups: ['waiter'],
      config: {
        packages: { TNT1_MAIN: { acl: { urac: { access: true } } } },
        keys: {},
        allowedTenants: [
          { tenant: { id: t.client.id, code: 'TNT1', pin: { code: '****', allowed: true } }, groups: ['waiter'] },
          { tenant: { id: t.root.id, code: 'DBTN' }, groups: ['manager'] },
        ],
      },
      tenant: { id: t.client.id, code: 'TNT1', pin: { code: '****', allowed: true } },
    });
    expect(res.text).not.toMatch(/password|sha256|1235/);
    // The root tenant's locked user: the root tenant reads it, an ordinary tenant does not reach it.
    const root = await call(base, 'GET', `/urac/admin/getUser?uId=${t.demo.lockedUserId}`, t.rootCreds);
    expect(data<User & { locked?: boolean }>(root).locked).toBe(true);
    expectSame(await t.get(t.demo.lockedUserId), E405);
    expectSame(await t.get('xyz'), E411);
    expectSame(await t.get(MISSING_ID), E405);
    expectSame(await call(base, 'GET', '/urac/admin/getUser', t.creds), soajsError([172, 'Missing required field: uId']));
  });
});

describe('GET /urac/admin/listUsers', () => {
  it('pages with start/limit, searches keywords case-insensitively, leaves config out unless asked', async () => {
    const t = await setup();
    for (const name of ['alpha', 'bravo', 'charlie']) expect((await t.add(t.person(name, { lastName: 'Searchable' }))).status).toBe(200);
    const all = data<User[]>(await t.list());
    // The calling tenant's users (the root tenant's owner is not among them).
    expect(all.map((u) => u.username)).toEqual(['thyme', 'elvira', 'alpha', 'bravo', 'charlie']);
    expect(all.every((u) => !('config' in u) && !('password' in u))).toBe(true);
    expect(data<User[]>(await t.list('?start=1&limit=2')).map((u) => u.username)).toEqual(['elvira', 'alpha']);
    expect(data<User[]>(await t.list('?keywords=SEARCHABLE')).map((u) => u.username)).toEqual(['alpha', 'bravo', 'charlie']);
    expect(data<User[]>(await t.list('?keywords=thyme@soajs')).map((u) => u.username)).toEqual(['thyme']);
    expect(data<User[]>(await t.list('?keywords=.*'))).toEqual([]);
    expect(data<User[]>(await t.list('?keywords=nobody'))).toEqual([]);
    const withConfig = data<User[]>(await t.list('?config=true&keywords=thyme'));
    expect(withConfig[0]!.config).toMatchObject({ allowedTenants: [{ tenant: { pin: { code: '****' } } }, {}] });
  });

  it('limit is at most 2000; start and limit must be integers', async () => {
    const t = await setup();
    expect(data<User[]>(await t.list('?limit=2000')).length).toBe(2);
    expectSame(
      await t.list('?limit=2001'),
      soajsError([
        173,
        "Validation failed for field: limit -> The parameter 'limit' failed due to: instance must have a maximum value of 2000",
      ]),
    );
    expectSame(
      await t.list('?start=x&limit=y'),
      soajsError([
        173,
        "Validation failed for field: start -> The parameter 'start' failed due to: instance is not of a type(s) integer, limit",
      ]),
    );
  });
});

describe('POST /urac/admin/listUsers/uId', () => {
  it('returns the users with valid ids, skipping invalid ones; [] when none is valid', async () => {
    const t = await setup();
    const res = await call(base, 'POST', '/urac/admin/listUsers/uId', t.creds, {
      uId: [t.demo.userId, 'bad', MISSING_ID, t.demo.lockedUserId],
    });
    // The root tenant's user is not the calling tenant's: left out, as an unknown id is.
    expect(data<User[]>(res).map((u) => u._id)).toEqual([t.demo.userId]);
    const asRoot = await call(base, 'POST', '/urac/admin/listUsers/uId', t.rootCreds, { uId: [t.demo.userId, t.demo.lockedUserId] });
    expect(data<User[]>(asRoot).map((u) => u._id)).toEqual([t.demo.lockedUserId, t.demo.userId].sort());
    expectSame(await call(base, 'POST', '/urac/admin/listUsers/uId', t.creds, { uId: ['bad'] }), { result: true, data: [] });
    expectSame(
      await call(base, 'POST', '/urac/admin/listUsers/uId', t.creds, { uId: [] }),
      soajsError([
        173,
        "Validation failed for field: uId -> The parameter 'uId' failed due to: instance does not meet minimum length of 1",
      ]),
    );
  });
});

describe('GET /urac/admin/users/count', () => {
  it("counts the calling tenant's users, with keywords", async () => {
    const t = await setup();
    expectSame(await call(base, 'GET', '/urac/admin/users/count', t.creds), { result: true, data: { count: 2 } });
    expectSame(await call(base, 'GET', '/urac/admin/users/count?keywords=ELV', t.creds), { result: true, data: { count: 1 } });
    expectSame(await call(base, 'GET', '/urac/admin/users/count', t.rootCreds), { result: true, data: { count: 1 } });
  });
});

describe('GET /urac/admin/changeUserStatus', () => {
  it('changes the status; 411, 405 (also for a locked user, even from the root tenant), 173 for a bad status', async () => {
    const t = await setup();
    const path = (uId: string, status: string) => `/urac/admin/changeUserStatus?uId=${uId}&status=${status}`;
    expectSame(await call(base, 'GET', path(t.demo.userId, 'inactive'), t.creds), OK);
    expect(data<User>(await t.get(t.demo.userId)).status).toBe('inactive');
    expectSame(await call(base, 'GET', path('nope', 'active'), t.creds), E411);
    expectSame(await call(base, 'GET', path(MISSING_ID, 'active'), t.creds), E405);
    expectSame(await call(base, 'GET', path(t.demo.lockedUserId, 'inactive'), t.rootCreds), E405);
    const root = await call(base, 'GET', `/urac/admin/getUser?uId=${t.demo.lockedUserId}`, t.rootCreds);
    expect(data<User>(root).status).toBe('active');
    expectSame(
      await call(base, 'GET', path(t.demo.userId, 'pendingNew'), t.creds),
      soajsError([
        173,
        "Validation failed for field: status -> The parameter 'status' failed due to: instance is not one of enum values: active,inactive",
      ]),
    );
    expect(data<User>(await t.get(t.demo.userId)).status).toBe('inactive');
  });
});

describe('POST /urac/admin/addUser', () => {
  it('creates a user in the calling tenant and returns its id', async () => {
    const t = await setup();
    const res = await t.add(t.person('newbie', { groups: ['waiter'], profile: { age: 3 }, pin: { code: true, allowed: false } }));
    expect(res.status).toBe(200);
    const { id } = data<{ id: string }>(res);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(data<User>(await t.get(id))).toMatchObject({
      username: 'newbie',
      status: 'pendingNew',
      groups: ['waiter'],
      profile: { age: 3 },
      config: {},
      tenant: { id: t.client.id, code: 'TNT1', pin: { code: '****', allowed: false } },
    });
  });

  it('402, 424, 408 and 172/173 with nothing created', async () => {
    const t = await setup();
    expectSame(await t.add(t.person('thyme')), soajsError([402, 'User account already exists.']));
    expectSame(await t.add(t.person('other', { email: 'THYME@soajs.example' })), soajsError([402, 'User account already exists.']));
    const e424 = soajsError([424, 'Invalid Request, cannot add a pending user account and provide a password at the same time.']);
    expectSame(await t.add(t.person('p1', { password: 'secret-1', confirmation: 'secret-1' })), e424);
    expectSame(await t.add(t.person('p2', { status: 'active' })), e424);
    expectSame(
      await t.add(t.person('p3', { status: 'active', password: 'secret-1', confirmation: 'secret-2' })),
      soajsError([408, 'The password and its confirmation do not match']),
    );
    expectSame(
      await t.add({ username: 'bad name', email: 'not-an-email' }),
      soajsError(
        [172, 'Missing required field: firstName, lastName'],
        [
          173,
          `Validation failed for field: username -> The parameter 'username' failed due to: instance does not match pattern "/^[a-zA-Z0-9_-]+$/", email`,
        ],
      ),
    );
    expect(data<User[]>(await t.list()).map((u) => u.username)).toEqual(['thyme', 'elvira']);
  });
});

describe('POST /urac/admin/editUser', () => {
  const edit = (t: Awaited<ReturnType<typeof setup>>, uId: string, body: Record<string, unknown>, c = t.creds) =>
    call(base, 'POST', `/urac/admin/editUser?uId=${uId}`, c, body);
  const full = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    firstName: 'New',
    lastName: 'Name',
    email: `${username}@example.com`,
    status: 'active',
    ...extra,
  });

  it('updates the record (config with the per-key rule)', async () => {
    const t = await setup();
    expectSame(await edit(t, t.demo.userId, full('thyme2', { groups: ['manager'], config: { keys: { k: {} } } })), OK);
    const user = data<User>(await t.get(t.demo.userId));
    expect(user).toMatchObject({ username: 'thyme2', firstName: 'New', status: 'active', groups: ['manager'] });
    expect(user.config).toMatchObject({ keys: { k: {} }, packages: { TNT1_MAIN: {} } });
  });

  it('408, 411, 405, 500, 410, 415 and 407 (an email another user has); nothing changes', async () => {
    const t = await setup();
    const before = data<User>(await t.get(t.demo.userId));
    expectSame(
      await edit(t, t.demo.userId, full('x', { password: 'a', confirmation: 'b' })),
      soajsError([408, 'The password and its confirmation do not match']),
    );
    expectSame(await edit(t, 'bad', full('x')), E411);
    expectSame(await edit(t, MISSING_ID, full('x')), E405);
    // The root tenant's locked user is out of reach (405); a locked user of the caller's own tenant is 500.
    expectSame(await edit(t, t.demo.lockedUserId, full('x')), E405);
    const elvira = data<User[]>(await t.list('?keywords=elvira'))[0]!;
    await t.caller.soajs.user.setLocked({ uId: elvira._id, locked: true });
    expectSame(await edit(t, elvira._id, full('x')), E500);
    expectSame(await edit(t, t.demo.userId, full('elvira')), soajsError([410, 'username taken, please choose another username']));
    expectSame(await edit(t, t.demo.userId, full('x', { groups: ['waiter', 'ghost'] })), soajsError([415, 'Unable to find group.']));
    expectSame(
      await edit(t, t.demo.userId, full('x', { email: 'ELVIRA@soajs.example' })),
      soajsError([407, 'Problem validating Request. Please try again.']),
    );
    expect(data<User>(await t.get(t.demo.userId))).toEqual(before);
  });

  it('the root tenant may edit a locked user, who keeps status, groups and config', async () => {
    const t = await setup();
    const getRoot = async () => data<User>(await call(base, 'GET', `/urac/admin/getUser?uId=${t.demo.lockedUserId}`, t.rootCreds));
    const before = await getRoot();
    expectSame(
      await edit(t, t.demo.lockedUserId, full('owner', { status: 'inactive', groups: [], config: { keys: { k: {} } } }), t.rootCreds),
      OK,
    );
    const after = await getRoot();
    expect(after).toEqual({ ...before, firstName: 'New', lastName: 'Name', email: 'owner@example.com' });
  });
});

describe('DELETE /urac/admin/user/delete', () => {
  it('deletes; an invalid id is 405 (not 411), a locked user 500 even for the root tenant', async () => {
    const t = await setup();
    const del = (uId: string, c = t.creds) => call(base, 'DELETE', `/urac/admin/user/delete?uId=${uId}`, c);
    expectSame(await del('bad'), E405);
    expectSame(await del(MISSING_ID), E405);
    expectSame(await del(t.demo.lockedUserId, t.rootCreds), E500);
    expectSame(await del(t.demo.userId), OK);
    expectSame(await t.get(t.demo.userId), E405);
    expectSame(await del(t.demo.userId), E405);
  });
});

describe('groups', () => {
  type Group = { _id: string; code: string; name: string; description: string; tenant: { id: string; code: string } };

  it("lists and reads the calling tenant's groups; 417 and 415", async () => {
    const t = await setup();
    const groups = data<Group[]>(await call(base, 'GET', '/urac/admin/group/list', t.creds));
    expect(groups.map((g) => g.code)).toEqual(['waiter', 'manager']);
    expect(groups[0]).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      code: 'waiter',
      name: 'Waiter',
      description: 'Front of house',
      tenant: { id: t.client.id, code: 'TNT1' },
    });
    expect(data<Group[]>(await call(base, 'GET', '/urac/admin/group/list', t.rootCreds)).map((g) => g.code)).toEqual(['owner']);
    expectSame(await call(base, 'GET', `/urac/admin/group?id=${groups[0]!._id}`, t.creds), { result: true, data: groups[0] });
    expectSame(await call(base, 'GET', '/urac/admin/group?id=zzz', t.creds), soajsError([417, 'Invalid group id provided']));
    expectSame(await call(base, 'GET', `/urac/admin/group?id=${MISSING_ID}`, t.creds), soajsError([415, 'Unable to find group.']));
  });

  it('adds (421 for a code the tenant has, 173 for a bad code), edits and deletes (removing it from users)', async () => {
    const t = await setup();
    const added = await call(base, 'POST', '/urac/admin/group/add', t.creds, { code: 'chef', name: 'Chef', description: 'Kitchen' });
    const group = data<Group>(added);
    expect(group).toMatchObject({ code: 'chef', name: 'Chef', tenant: { id: t.client.id, code: 'TNT1' } });
    expectSame(
      await call(base, 'POST', '/urac/admin/group/add', t.creds, { code: 'chef', name: 'Again' }),
      soajsError([421, 'Group code already exists. Choose another']),
    );
    // Another tenant may use the same code.
    expect((await call(base, 'POST', '/urac/admin/group/add', t.rootCreds, { code: 'chef', name: 'Chef' })).status).toBe(200);
    expectSame(
      await call(base, 'POST', '/urac/admin/group/add', t.creds, { code: 'bad-code!', name: 'X' }),
      soajsError([
        173,
        `Validation failed for field: code -> The parameter 'code' failed due to: instance does not conform to the "alphanumeric" format`,
      ]),
    );

    const editPath = (id: string) => `/urac/admin/group/edit?gId=${id}`;
    expectSame(await call(base, 'POST', editPath(group._id), t.creds, { name: 'Head chef', description: 'Runs the kitchen' }), OK);
    expect(data<Group>(await call(base, 'GET', `/urac/admin/group?id=${group._id}`, t.creds))).toMatchObject({
      name: 'Head chef',
      description: 'Runs the kitchen',
    });
    expectSame(await call(base, 'POST', editPath('x'), t.creds, { name: 'n' }), soajsError([417, 'Invalid group id provided']));
    expectSame(await call(base, 'POST', editPath(MISSING_ID), t.creds, { name: 'n' }), soajsError([415, 'Unable to find group.']));

    // Deleting the waiter group removes it from the tenant's users.
    const waiter = data<Group[]>(await call(base, 'GET', '/urac/admin/group/list', t.creds)).find((g) => g.code === 'waiter')!;
    expectSame(await call(base, 'DELETE', `/urac/admin/group/delete?gId=${waiter._id}`, t.creds), OK);
    expect(data<User>(await t.get(t.demo.userId)).groups).toEqual([]);
    expectSame(
      await call(base, 'DELETE', `/urac/admin/group/delete?gId=${waiter._id}`, t.creds),
      soajsError([415, 'Unable to find group.']),
    );
    expectSame(await call(base, 'DELETE', '/urac/admin/group/delete?gId=1', t.creds), soajsError([417, 'Invalid group id provided']));
  });
});

describe('tenants (docs/vendor-decisions.md, SOAJS)', () => {
  it("another tenant's key and token neither read nor change this tenant's users (405, as for an unknown user); the root tenant reaches them", async () => {
    const t = await setup();
    const other = await t.caller.soajs.tenant.create({ code: 'TNT2', name: 'Other tenant' });
    const { key: otherKey } = await t.caller.soajs.tenant.createKey({ tenantId: other.id, label: 'other key' });
    const otherCreds = { key: otherKey, token: t.demo.accessToken };
    const added = await t.add(t.person('stranger', { status: 'active', password: 'stranger-1', confirmation: 'stranger-1' }), otherCreds);
    const strangerId = data<{ id: string }>(added).id;
    const stranger = data<User>(await call(base, 'GET', `/urac/admin/getUser?uId=${strangerId}`, otherCreds));
    expect(stranger.tenant).toEqual({ id: other.id, code: 'TNT2' });

    // TNT1's credentials: the TNT2 user does not exist for them, whatever they try.
    expectSame(await t.get(strangerId), E405);
    expect(data<User[]>(await t.list()).map((u) => u.username)).not.toContain('stranger');
    expectSame(await call(base, 'POST', '/urac/admin/listUsers/uId', t.creds, { uId: [strangerId, t.demo.userId] }), {
      result: true,
      data: [expect.objectContaining({ _id: t.demo.userId })],
    });
    expectSame(await call(base, 'GET', `/urac/admin/changeUserStatus?uId=${strangerId}&status=inactive`, t.creds), E405);
    expectSame(
      await call(base, 'POST', `/urac/admin/editUser?uId=${strangerId}`, t.creds, {
        username: 'taken-over',
        firstName: 'A',
        lastName: 'B',
        email: 'taken-over@example.com',
        status: 'inactive',
      }),
      E405,
    );
    expectSame(await call(base, 'POST', `/urac/admin/editUserConfig?uId=${strangerId}`, t.creds, { config: { keys: { k: {} } } }), E405);
    expectSame(await call(base, 'DELETE', `/urac/admin/user/delete?uId=${strangerId}`, t.creds), E405);
    // Nothing changed, and TNT2 keeps reaching its user; TNT2 in turn cannot reach TNT1's.
    expect(data<User>(await call(base, 'GET', `/urac/admin/getUser?uId=${strangerId}`, otherCreds))).toEqual(stranger);
    expectSame(await call(base, 'GET', `/urac/admin/getUser?uId=${t.demo.userId}`, otherCreds), E405);
    // The root tenant (the dashboard owner) reaches every tenant's users.
    expect(data<User>(await call(base, 'GET', `/urac/admin/getUser?uId=${strangerId}`, t.rootCreds))).toEqual(stranger);
    expect(data<User[]>(await call(base, 'GET', '/urac/admin/listUsers', t.rootCreds)).map((u) => u.username)).toEqual(
      expect.arrayContaining(['owner', 'thyme', 'elvira', 'stranger']),
    );
  });

  it('concurrent adds of one username or e-mail: one wins, every loser gets 402', async () => {
    const t = await setup();
    const sameName = await Promise.all(Array.from({ length: 8 }, (_, i) => t.add(t.person('racer', { email: `racer-${i}@example.com` }))));
    const sameEmail = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.add(t.person(`mailer-${i}`, { email: 'shared-mail@example.com' }))),
    );
    for (const answers of [sameName, sameEmail]) {
      expect(answers.filter((a) => a.status === 200 && (a.body as { result: boolean }).result === true)).toHaveLength(1);
      for (const loser of answers.filter((a) => (a.body as { result: boolean }).result === false))
        expectSame(loser, soajsError([402, 'User account already exists.']));
    }
    const names = data<User[]>(await t.list()).map((u) => u.username);
    expect(names.filter((n) => n === 'racer' || n.startsWith('mailer-'))).toHaveLength(2);
  });
});
