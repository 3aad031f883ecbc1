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

// The config of the seed page, with its typo (`["manager]`) fixed.
const seedConfig = (thymeId: string, elviraId: string) => ({
  packages: {},
  keys: { '41eb3256ce660a891205d0a0eca19421': { config: { example01: { tenantName: 'Tenant name specific to user 123' } } } },
  allowedTenants: [
    { tenant: { id: thymeId, code: 'THYME_CODE', pin: { code: '1235', allowed: true } }, groups: ['waiter'] },
    { tenant: { id: elviraId, code: 'ELVIRA_CODE' }, groups: ['manager'] },
  ],
});

async function setup() {
  const ws = await seededWorkspace(handle, clock);
  const client = { key: ws.demo.key, token: ws.demo.accessToken };
  const root = { key: ws.demo.rootKey, token: ws.demo.accessToken };
  const edit = (uId: string, body: unknown, creds = client) => call(base, 'POST', `/urac/admin/editUserConfig?uId=${uId}`, creds, body);
  const get = async (uId: string, creds = client) => {
    const res = await call(base, 'GET', `/urac/admin/getUser?uId=${uId}`, creds);
    expect(res.status).toBe(200);
    return (res.body as { data: Record<string, unknown> }).data;
  };
  // A fresh ordinary user with an empty config.
  const newUser = async (username: string) => {
    const res = await call(base, 'POST', '/urac/admin/addUser', client, {
      username,
      firstName: 'F',
      lastName: 'L',
      email: `${username}@example.com`,
    });
    expect(res.status).toBe(200);
    return (res.body as { data: { id: string } }).data.id;
  };
  return { ...ws, clientTenant: ws.client, rootTenant: ws.root, client, rootCreds: root, edit, get, newUser };
}

function expectSame(res: Answer, body: unknown, status = 200) {
  expect({ status: res.status, body: res.body }).toEqual({ status, body });
}

describe('POST /urac/admin/editUserConfig', () => {
  it("accepts the seed page's example config and reads it back with the pin masked", async () => {
    const t = await setup();
    const uId = await t.newUser('seeduser');
    expectSame(await t.edit(uId, { config: seedConfig('THYME_tID', 'ELVIRA_tID') }), OK);
    const user = await t.get(uId);
    expect(user.config).toEqual({
      packages: {},
      keys: { '41eb3256ce660a891205d0a0eca19421': { config: { example01: { tenantName: 'Tenant name specific to user 123' } } } },
      allowedTenants: [
        { tenant: { id: 'THYME_tID', code: 'THYME_CODE', pin: { code: '****', allowed: true } }, groups: ['waiter'] },
        { tenant: { id: 'ELVIRA_tID', code: 'ELVIRA_CODE' }, groups: ['manager'] },
      ],
    });
    expect(user).not.toHaveProperty('password');
    // listUsers with config=true masks the same way.
    const list = await call(base, 'GET', '/urac/admin/listUsers?config=true&keywords=seeduser', t.client);
    expect((list.body as { data: { config: unknown }[] }).data[0]!.config).toEqual(user.config);
  });

  it('accepts pin.code as a boolean too (later v2) and masks only truthy codes', async () => {
    const t = await setup();
    const uId = await t.newUser('boolpin');
    const config = {
      allowedTenants: [
        { tenant: { id: 'A', code: 'A', pin: { code: true, allowed: true } } },
        { tenant: { id: 'B', code: 'B', pin: { code: false, allowed: false } } },
      ],
    };
    expectSame(await t.edit(uId, { config }), OK);
    expect((await t.get(uId)).config).toEqual({
      allowedTenants: [
        { tenant: { id: 'A', code: 'A', pin: { code: '****', allowed: true } } },
        { tenant: { id: 'B', code: 'B', pin: { code: false, allowed: false } } },
      ],
    });
  });

  it('replaces packages, keys and allowedTenants one by one: absent keys keep their old values', async () => {
    const t = await setup();
    const uId = await t.newUser('merge');
    const packages = { PROD_GOLD: { acl: { access: ['admin'], apis: { '/admin/getUser': { access: true } } } } };
    expectSame(
      await t.edit(uId, { config: { packages, keys: { k1: { a: 1 } }, allowedTenants: [{ tenant: { id: 'X', code: 'X' } }] } }),
      OK,
    );
    expectSame(await t.edit(uId, { config: { keys: { k2: { b: 2 } } } }), OK);
    expect((await t.get(uId)).config).toEqual({ packages, keys: { k2: { b: 2 } }, allowedTenants: [{ tenant: { id: 'X', code: 'X' } }] });
    // An empty list or object is a value, so it replaces.
    expectSame(await t.edit(uId, { config: { allowedTenants: [], packages: {} } }), OK);
    expect((await t.get(uId)).config).toEqual({ packages: {}, keys: { k2: { b: 2 } }, allowedTenants: [] });
    // An empty config changes nothing.
    expectSame(await t.edit(uId, { config: {} }), OK);
    expect((await t.get(uId)).config).toEqual({ packages: {}, keys: { k2: { b: 2 } }, allowedTenants: [] });
  });

  it('172: names every missing required field in one message', async () => {
    const t = await setup();
    expectSame(
      await call(base, 'POST', '/urac/admin/editUserConfig', t.client, {}),
      soajsError([172, 'Missing required field: uId, config']),
    );
  });

  it('173: reports the schema error stack of the failing parameter', async () => {
    const t = await setup();
    const uId = await t.newUser('bad173');
    const bad = { config: { allowedTenants: [{ tenant: { id: 'A', code: 'A' }, foo: 1 }] } };
    expectSame(
      await t.edit(uId, bad),
      soajsError([
        173,
        `Validation failed for field: config -> The parameter 'config' failed due to: instance.allowedTenants[0] additionalProperty "foo" exists in instance when not allowed`,
      ]),
    );
    const wrongTypes = { config: { keys: [], allowedTenants: [{ tenant: { id: 5, pin: { code: 1, x: true } } }] } };
    expectSame(
      await t.edit(uId, wrongTypes),
      soajsError([
        173,
        'Validation failed for field: config' +
          " -> The parameter 'config' failed due to: instance.keys is not of a type(s) object" +
          " -> The parameter 'config' failed due to: instance.allowedTenants[0].tenant.id is not of a type(s) string" +
          " -> The parameter 'config' failed due to: instance.allowedTenants[0].tenant.pin.code is not of a type(s) string,boolean" +
          ` -> The parameter 'config' failed due to: instance.allowedTenants[0].tenant.pin additionalProperty "x" exists in instance when not allowed`,
      ]),
    );
    const badAcl = { config: { packages: { P: { acl: { access: [], apisPermission: 'open' } } } } };
    expectSame(
      await t.edit(uId, badAcl),
      soajsError([
        173,
        'Validation failed for field: config' +
          " -> The parameter 'config' failed due to: instance.packages.P.acl.access is not exactly one from [subschema 0],[subschema 1]" +
          " -> The parameter 'config' failed due to: instance.packages.P.acl.apisPermission is not one of enum values: restricted",
      ]),
    );
    expect((await t.get(uId)).config).toEqual({});
  });

  it("173 names nested keys the way the jsonschema library does (api routes with '.', digits in [], odd keys quoted)", async () => {
    const t = await setup();
    const uId = await t.newUser('paths173');
    const config = {
      packages: {
        P: { acl: { apis: { '/admin/getUser': { access: 'yes' } } } },
        'a.b': 1,
        '12': 2,
        '1x': 3,
        'ü-ok': 4,
      },
    };
    const why = "The parameter 'config' failed due to: instance.packages";
    expectSame(
      await t.edit(uId, { config }),
      soajsError([
        173,
        'Validation failed for field: config' +
          ` -> ${why}[12] is not of a type(s) object` +
          ` -> ${why}.P.acl.apis./admin/getUser.access is not exactly one from [subschema 0],[subschema 1]` +
          ` -> ${why}["a.b"] is not of a type(s) object` +
          ` -> ${why}["1x"] is not of a type(s) object` +
          ` -> ${why}.ü-ok is not of a type(s) object`,
      ]),
    );
  });

  it('172 and 173 together in one answer', async () => {
    const t = await setup();
    expectSame(
      await call(base, 'POST', '/urac/admin/editUserConfig', t.client, { config: 'not an object' }),
      soajsError(
        [172, 'Missing required field: uId'],
        [173, "Validation failed for field: config -> The parameter 'config' failed due to: instance is not of a type(s) object"],
      ),
    );
  });

  it("the vendor doc's curl (a form post with config as a string) fails validation", async () => {
    const t = await setup();
    const uId = await t.newUser('formpost');
    const form = `config=${encodeURIComponent('{"keys": {"41eb3256ce660a891205d0a0eca19421":{"config": {}}}}')}`;
    const res = await call(base, 'POST', `/urac/admin/editUserConfig?uId=${uId}`, t.client, form, 'application/x-www-form-urlencoded');
    expectSame(
      res,
      soajsError([173, "Validation failed for field: config -> The parameter 'config' failed due to: instance is not of a type(s) object"]),
    );
  });

  it('411 for an id that is not an ObjectId, 405 for an unknown one', async () => {
    const t = await setup();
    const config = { config: { keys: {} } };
    expectSame(await t.edit('123', config), soajsError([411, 'invalid user id provided']));
    expectSame(await t.edit('5c8d0c505bb6aa2c5bbd6c7e', config), soajsError([405, 'Unable to find User. Please try again.']));
  });

  it('500 for a locked user through an ordinary tenant; the root tenant may change it', async () => {
    const t = await setup();
    // A locked user of the ordinary tenant (the root tenant's own users are not reachable from it: 405).
    expectSame(
      await t.edit(t.demo.lockedUserId, { config: { keys: { k: {} } } }),
      soajsError([405, 'Unable to find User. Please try again.']),
    );
    const locked = t.demo.userId;
    await t.caller.soajs.user.setLocked({ uId: locked, locked: true });
    const before = (await t.get(locked)).config;
    expectSame(
      await t.edit(locked, { config: { keys: { k: {} } } }),
      soajsError([500, 'This record in locked. You cannot modify or delete it']),
    );
    expect((await t.get(locked)).config).toEqual(before);
    expectSame(await t.edit(locked, { config: { keys: { k: {} } } }, t.rootCreds), OK);
    expect((await t.get(locked)).config).toEqual({ ...(before as object), keys: { k: {} } });
  });

  it("407 when the save fails: a pin another user already holds in that tenant (URAC's unique pin index)", async () => {
    const t = await setup();
    const a = await t.newUser('pina');
    const b = await t.newUser('pinb');
    const withPin = (pin: string) => ({
      config: { allowedTenants: [{ tenant: { id: 'T1', code: 'T1', pin: { code: pin, allowed: true } } }] },
    });
    expectSame(await t.edit(a, withPin('4321')), OK);
    expectSame(await t.edit(b, { config: { keys: { mine: {} } } }), OK);
    expectSame(await t.edit(b, withPin('4321')), soajsError([407, 'Problem validating Request. Please try again.']));
    // Nothing of the refused save stuck.
    expect((await t.get(b)).config).toEqual({ keys: { mine: {} } });
    // The same pin in another tenant is fine; and a read-modify-write with the masked pin keeps a's pin.
    expectSame(
      await t.edit(b, { config: { allowedTenants: [{ tenant: { id: 'T2', code: 'T2', pin: { code: '4321', allowed: true } } }] } }),
      OK,
    );
    const aConfig = (await t.get(a)).config;
    expectSame(await t.edit(a, { config: aConfig }), OK);
    expectSame(await t.edit(b, withPin('4321')), soajsError([407, 'Problem validating Request. Please try again.']));
    // Once a gives the pin up, b may take it.
    expectSame(await t.edit(a, { config: { allowedTenants: [] } }), OK);
    expectSame(await t.edit(b, withPin('4321')), OK);
  });

  it('407 when the stored config would exceed the size limit; nothing changes', async () => {
    const t = await setup();
    const uId = await t.newUser('bigconfig');
    const big = { config: { keys: { blob: { data: 'x'.repeat(300_000) } } } };
    expectSame(await t.edit(uId, big), soajsError([407, 'Problem validating Request. Please try again.']));
    expect((await t.get(uId)).config).toEqual({});
  });
});

describe('gateway credentials', () => {
  it('a missing or unknown key answers 132 with 403; a bad access_token 401', async () => {
    const t = await setup();
    const path = '/urac/admin/users/count';
    const e132 = soajsError([132, 'A valid key is needed to access any API.']);
    expectSame(await call(base, 'GET', path, { token: t.demo.accessToken }), e132, 403);
    expectSame(await call(base, 'GET', path, { key: 'f'.repeat(128), token: t.demo.accessToken }), e132, 403);
    expectSame(await call(base, 'GET', path, { key: t.demo.key }), soajsError([401, 'The access token was not found']), 401);
    expectSame(
      await call(base, 'GET', path, { key: t.demo.key, token: '0'.repeat(40) }),
      soajsError([401, 'The access token provided is invalid.']),
      401,
    );
    // Bearer header works as well as the query parameter.
    const res = await fetch(`${base}${path}`, { headers: { key: t.demo.key, authorization: `Bearer ${t.demo.accessToken}` } });
    expect(res.status).toBe(200);
  });

  it("a tenant's own token is refused with another tenant's key; expired and revoked credentials stop working", async () => {
    const t = await setup();
    const path = '/urac/admin/users/count';
    const own = await t.caller.soajs.tenant.createAccessToken({ tenantId: t.clientTenant.id, expiresInHours: 1 });
    expect((await call(base, 'GET', path, { key: t.demo.key, token: own.accessToken })).status).toBe(200);
    expectSame(
      await call(base, 'GET', path, { key: t.demo.rootKey, token: own.accessToken }),
      soajsError([401, 'The access token provided is invalid.']),
      401,
    );
    clock.now = new Date(clock.now.getTime() + 2 * 3_600_000);
    expectSame(
      await call(base, 'GET', path, { key: t.demo.key, token: own.accessToken }),
      soajsError([401, 'The access token provided has expired.']),
      401,
    );
    const key = (await t.caller.soajs.tenant.list()).find((x) => x.id === t.clientTenant.id)!.keys[0]!;
    await t.caller.soajs.tenant.revokeKey({ id: key.id });
    expectSame(
      await call(base, 'GET', path, { key: t.demo.key, token: t.demo.accessToken }),
      soajsError([132, 'A valid key is needed to access any API.']),
      403,
    );
  });

  it('an unknown URAC route answers 151 in the envelope', async () => {
    const t = await setup();
    expectSame(
      await call(base, 'GET', '/urac/admin/nope', t.client),
      soajsError([151, 'You are trying to reach an unknown rest service!']),
      400,
    );
    expectSame(
      await call(base, 'GET', '/urac/admin/editUserConfig', t.client),
      soajsError([151, 'You are trying to reach an unknown rest service!']),
      400,
    );
  });
});
