import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type Clock, call, seededWorkspace, soajsError, startServer } from './testing';

// Requests a careless or hostile client sends, and the rules that hold whichever endpoint is used.

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
const E500 = soajsError([500, 'This record in locked. You cannot modify or delete it']);
const E415 = soajsError([415, 'Unable to find group.']);

function expectSame(res: Answer, body: unknown, status = 200) {
  expect({ status: res.status, body: res.body }).toEqual({ status, body });
}

type User = { _id: string; username: string; firstName: string; groups: string[]; config?: unknown };
type Group = { _id: string; code: string; name: string };
const data = <T>(res: Answer) => (res.body as { data: T }).data;

async function setup() {
  const ws = await seededWorkspace(handle, clock);
  const creds = { key: ws.demo.key, token: ws.demo.accessToken };
  const rootCreds = { key: ws.demo.rootKey, token: ws.demo.accessToken };
  const get = async (uId: string) => data<User>(await call(base, 'GET', `/urac/admin/getUser?uId=${uId}`, creds));
  const usernames = async () => data<User[]>(await call(base, 'GET', '/urac/admin/listUsers', creds)).map((u) => u.username);
  const groups = async (c = creds) => data<Group[]>(await call(base, 'GET', '/urac/admin/group/list', c));
  return { ...ws, creds, rootCreds, get, usernames, groups };
}

describe('values PostgreSQL cannot store (NUL, lone surrogates)', () => {
  it('answer the save failure of each endpoint, never a 500, and change nothing', async () => {
    const t = await setup();
    const names = await t.usernames();
    const person = (extra: Record<string, unknown>) => ({ username: 'nul', firstName: 'F', lastName: 'L', email: 'nul@x.io', ...extra });
    const e414 = soajsError([414, 'Unable to add user.']);
    expectSame(await call(base, 'POST', '/urac/admin/addUser', t.creds, person({ firstName: 'a\u0000b' })), e414);
    expectSame(await call(base, 'POST', '/urac/admin/addUser', t.creds, person({ profile: { x: '\u0000' } })), e414);
    expect(await t.usernames()).toEqual(names);

    const e407 = soajsError([407, 'Problem validating Request. Please try again.']);
    const before = await t.get(t.demo.userId);
    const editConfig = (config: unknown) => call(base, 'POST', `/urac/admin/editUserConfig?uId=${t.demo.userId}`, t.creds, { config });
    expectSame(await editConfig({ keys: { k: 'a\u0000' } }), e407);
    expectSame(await editConfig({ keys: { '\u0000': {} } }), e407);
    expectSame(await editConfig({ keys: { k: '\ud800' } }), e407);
    const editUser = { username: 'thyme', firstName: 'a\u0000', lastName: 'L', email: 'thyme@soajs.example', status: 'active' };
    expectSame(await call(base, 'POST', `/urac/admin/editUser?uId=${t.demo.userId}`, t.creds, editUser), e407);
    expect(await t.get(t.demo.userId)).toEqual(before);

    expectSame(
      await call(base, 'POST', '/urac/admin/group/add', t.creds, { code: 'nul', name: 'a\u0000' }),
      soajsError([416, 'Unable to create Group.']),
    );
    const [waiter] = await t.groups();
    expectSame(
      await call(base, 'POST', `/urac/admin/group/edit?gId=${waiter!._id}`, t.creds, { name: '\u0000' }),
      soajsError([418, 'Unable to edit Group.']),
    );
    expect(await t.groups()).toEqual([waiter, expect.objectContaining({ code: 'manager' })]);
  });

  it('a lone surrogate in a text field is stored as U+FFFD (editUser, group edit) rather than failing the audit', async () => {
    const t = await setup();
    const editUser = { username: 'thyme', firstName: 'a\ud800', lastName: 'L', email: 'thyme@soajs.example', status: 'active' };
    expectSame(await call(base, 'POST', `/urac/admin/editUser?uId=${t.demo.userId}`, t.creds, editUser), OK);
    expect((await t.get(t.demo.userId)).firstName).toBe('a\ufffd');
    const [waiter] = await t.groups();
    expectSame(await call(base, 'POST', `/urac/admin/group/edit?gId=${waiter!._id}`, t.creds, { name: '\udfff' }), OK);
    expect((await t.groups())[0]!.name).toBe('\ufffd');
  });

  it('a NUL in keywords matches nobody', async () => {
    const t = await setup();
    expectSame(await call(base, 'GET', '/urac/admin/listUsers?keywords=thy%00me', t.creds), { result: true, data: [] });
    expectSame(await call(base, 'GET', '/urac/admin/users/count?keywords=%00', t.creds), { result: true, data: { count: 0 } });
  });
});

describe('paging edge cases', () => {
  it('a start past any bigint returns no users; a negative limit returns at most |limit| (MongoDB)', async () => {
    const t = await setup();
    const huge = '99999999999999999999';
    expectSame(await call(base, 'GET', `/urac/admin/listUsers?start=${huge}`, t.creds), { result: true, data: [] });
    expectSame(await call(base, 'POST', `/urac/admin/listUsers/uId?start=${huge}`, t.creds, { uId: [t.demo.userId] }), {
      result: true,
      data: [],
    });
    // The root tenant's credentials, which reach all three demo users.
    const names = async (q: string) =>
      data<User[]>(await call(base, 'GET', `/urac/admin/listUsers${q}`, t.rootCreds)).map((u) => u.username);
    expect(await names('?limit=-1')).toEqual(['owner']);
    expect(await names('?limit=-2&start=1')).toEqual(['thyme', 'elvira']);
  });
});

describe('query strings are cast the way the gateway casts them', () => {
  it('integers by parseInt, booleans only from "true", repeated parameters joined with commas', async () => {
    const t = await setup();
    const names = async (q: string) =>
      data<User[]>(await call(base, 'GET', `/urac/admin/listUsers${q}`, t.rootCreds)).map((u) => u.username);
    expect(await names('?limit=1.9')).toEqual(['owner']);
    expect(await names('?limit=2abc&start=1e5')).toEqual(['thyme', 'elvira']);
    const configOf = async (q: string) =>
      data<User[]>(await call(base, 'GET', `/urac/admin/listUsers?keywords=thyme${q}`, t.creds)).map((u) => 'config' in u);
    expect(await configOf('&config=true')).toEqual([true]);
    expect(await configOf('&config=TRUE')).toEqual([false]);
    expect(await configOf('&config=1')).toEqual([false]);
    // ["thyme", "x"] becomes "thyme,x", which matches nobody; a repeated uId is no ObjectId.
    expect(await names('?keywords=thyme&keywords=x')).toEqual([]);
    expectSame(
      await call(base, 'GET', `/urac/admin/getUser?uId=${t.demo.userId}&uId=${t.demo.userId}`, t.creds),
      soajsError([411, 'invalid user id provided']),
    );
  });
});

describe('groups belong to their tenant', () => {
  it("an ordinary tenant cannot read, edit or delete another tenant's group; the root tenant can", async () => {
    const t = await setup();
    const [owner] = await t.groups(t.rootCreds);
    const [waiter] = await t.groups();
    expectSame(await call(base, 'GET', `/urac/admin/group?id=${owner!._id}`, t.creds), E415);
    expectSame(await call(base, 'POST', `/urac/admin/group/edit?gId=${owner!._id}`, t.creds, { name: 'hijacked' }), E415);
    expectSame(await call(base, 'DELETE', `/urac/admin/group/delete?gId=${owner!._id}`, t.creds), E415);
    expect(await t.groups(t.rootCreds)).toEqual([owner]);
    // The root user still holds the root tenant's group.
    const root = await call(base, 'GET', `/urac/admin/getUser?uId=${t.demo.lockedUserId}`, t.rootCreds);
    expect(data<User>(root).groups).toEqual(['owner']);
    expectSame(await call(base, 'GET', `/urac/admin/group?id=${waiter!._id}`, t.rootCreds), { result: true, data: waiter });
  });

  it('an ordinary tenant cannot delete a group a locked user holds (500, nothing changes); the root tenant can', async () => {
    const t = await setup();
    const elvira = data<User[]>(await call(base, 'GET', '/urac/admin/listUsers?keywords=elvira', t.creds))[0]!;
    await t.caller.soajs.user.setLocked({ uId: elvira._id, locked: true });
    const manager = (await t.groups()).find((g) => g.code === 'manager')!;
    const del = (c: typeof t.creds) => call(base, 'DELETE', `/urac/admin/group/delete?gId=${manager._id}`, c);
    expectSame(await del(t.creds), E500);
    expect((await t.groups()).map((g) => g.code)).toEqual(['waiter', 'manager']);
    expect((await t.get(elvira._id)).groups).toEqual(['manager']);
    expectSame(await del(t.rootCreds), OK);
    expect((await t.get(elvira._id)).groups).toEqual([]);
  });
});

describe('POST /urac/admin/editUser groups', () => {
  const full = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    firstName: 'F',
    lastName: 'L',
    email: `${username}@soajs.example`,
    status: 'active',
    ...extra,
  });

  it("checks the groups against the user's own tenant, whoever edits; 415 comes before 410", async () => {
    const t = await setup();
    const edit = (body: unknown, c = t.creds) => call(base, 'POST', `/urac/admin/editUser?uId=${t.demo.userId}`, c, body);
    // The root tenant edits a client user into the client tenant's group.
    expectSame(await edit(full('thyme', { groups: ['manager'] }), t.rootCreds), OK);
    expect((await t.get(t.demo.userId)).groups).toEqual(['manager']);
    // The root tenant's own group is not one of the client tenant's.
    expectSame(await edit(full('thyme', { groups: ['owner'] }), t.rootCreds), E415);
    expectSame(await edit(full('elvira', { groups: ['ghost'] })), E415);
  });

  it('a record without groups leaves the (unlocked) user in none, as URAC replaces the record', async () => {
    const t = await setup();
    expectSame(await call(base, 'POST', `/urac/admin/editUser?uId=${t.demo.userId}`, t.creds, full('thyme')), OK);
    expect((await t.get(t.demo.userId)).groups).toEqual([]);
  });
});

describe('reads', () => {
  it('mask every pin on every read path: getUser, listUsers, listUsers/uId, with and without config', async () => {
    const t = await setup();
    const paths: [string, string, unknown?][] = [
      ['GET', `/urac/admin/getUser?uId=${t.demo.userId}`],
      ['GET', '/urac/admin/listUsers'],
      ['GET', '/urac/admin/listUsers?config=true'],
      ['POST', '/urac/admin/listUsers/uId', { uId: [t.demo.userId] }],
      ['POST', '/urac/admin/listUsers/uId?config=true', { uId: [t.demo.userId] }],
    ];
    for (const [method, path, body] of paths) {
      const res = await call(base, method, path, t.creds, body);
      expect(res.status).toBe(200);
      expect(res.text).toContain('"tenant":{"id":"');
      expect(res.text).toContain('"pin":{"code":"****","allowed":true}');
      expect(res.text).not.toMatch(/sha256|1235|password/);
    }
  });

  it('keep a stored "__proto__" key as a plain key', async () => {
    const t = await setup();
    const body = '{"config":{"allowedTenants":[{"tenant":{"id":"A","__proto__":{"x":1},"pin":{"code":"12"}}}]}}';
    expectSame(await call(base, 'POST', `/urac/admin/editUserConfig?uId=${t.demo.userId}`, t.creds, body), OK);
    const res = await call(base, 'GET', `/urac/admin/getUser?uId=${t.demo.userId}`, t.creds);
    expect(res.text).toContain('"allowedTenants":[{"tenant":{"id":"A","pin":{"code":"****"},"__proto__":{"x":1}}}]');
  });

  it('show allowedTenants in the documented key order (tenant{id, code, pin{code, allowed}}, groups)', async () => {
    const t = await setup();
    const res = await call(base, 'GET', `/urac/admin/getUser?uId=${t.demo.userId}`, t.creds);
    expect(res.text).toContain(
      `"config":{"packages":{"TNT1_MAIN":{"acl":{"urac":{"access":true}}}},"keys":{},"allowedTenants":[{"tenant":{"id":"${t.client.id}","code":"TNT1","pin":{"code":"****","allowed":true}},"groups":["waiter"]},`,
    );
  });
});
