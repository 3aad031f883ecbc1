import { appgateAdmins, auditLog, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../root';
import { appgateDemoSeeder } from '../../service/appgate/demo';
import { resolveAppgateToken } from '../../service/appgate/session';
import { createTestContext, createTestWorkspace } from '../../testing';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const deviceId = '4c07bc67-57ea-42dd-b702-c2d6c45419fc';

describe('appgate admin procedures', () => {
  it('the local provider and settings exist on first use; settings update is audited', async () => {
    const ws = await createTestWorkspace(handle.db);
    const idps = await ws.caller.appgate.identityProvider.list();
    expect(idps.map((i) => [i.name, i.type])).toEqual([['local', 'LocalDatabase']]);
    const before = await ws.caller.appgate.settings.get();
    expect(before.profileHostname).toBeNull();
    expect(before.caFingerprint).toMatch(/^[0-9a-f]{64}$/);
    const after = await ws.caller.appgate.settings.update({ profileHostname: 'sdp.example.com', caFingerprint: 'AB'.repeat(32) });
    expect(after).toMatchObject({ profileHostname: 'sdp.example.com', caFingerprint: 'ab'.repeat(32) });
    await expect(ws.caller.appgate.settings.update({ profileHostname: 'not a host' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const rows = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.actor.workspaceId), eq(auditLog.action, 'appgate.settings.update')));
    expect(rows).toHaveLength(1);
  });

  it('identity providers: unique names, in-use and local ones cannot be deleted, counts of use', async () => {
    const ws = await createTestWorkspace(handle.db);
    const ldap = await ws.caller.appgate.identityProvider.create({ name: 'ldap', type: 'Ldap' });
    await expect(ws.caller.appgate.identityProvider.create({ name: 'ldap', type: 'Radius' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await ws.caller.appgate.clientProfile.create({ name: 'Uses LDAP', identityProviderName: 'ldap' });
    expect((await ws.caller.appgate.identityProvider.list()).find((i) => i.name === 'ldap')?.inUse).toBe(1);
    expect((await ws.caller.appgate.identityProvider.update({ id: ldap.id, notes: 'directory' })).inUse).toBe(1);
    await expect(ws.caller.appgate.identityProvider.delete({ id: ldap.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const local = (await ws.caller.appgate.identityProvider.list()).find((i) => i.name === 'local')!;
    await expect(ws.caller.appgate.identityProvider.delete({ id: local.id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const spare = await ws.caller.appgate.identityProvider.create({ name: 'spare', type: 'Saml', tags: ['x'] });
    expect(await ws.caller.appgate.identityProvider.delete({ id: spare.id })).toEqual({ id: spare.id });
  });

  it('admin users: password generated once and stored hashed, only LocalDatabase providers, privileges deduplicated', async () => {
    const ws = await createTestWorkspace(handle.db);
    const created = await ws.caller.appgate.admin.create({
      username: 'ops',
      privileges: [
        { type: 'View', target: 'ClientProfile' },
        { type: 'View', target: 'ClientProfile' },
      ],
    });
    expect(created.password).toMatch(/^\S{20}$/);
    expect(created.admin.privileges).toEqual([{ type: 'View', target: 'ClientProfile' }]);
    const [row] = await handle.db.select().from(appgateAdmins).where(eq(appgateAdmins.id, created.admin.id));
    expect(row!.passwordHash.startsWith('scrypt$')).toBe(true);
    await expect(ws.caller.appgate.admin.create({ username: 'OPS', password: 'long-enough-pass' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await ws.caller.appgate.identityProvider.create({ name: 'ldap', type: 'Ldap' });
    await expect(ws.caller.appgate.admin.create({ username: 'x', providerName: 'ldap' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a NUL character in a name is refused as bad input, not a database failure', async () => {
    const ws = await createTestWorkspace(handle.db);
    await expect(ws.caller.appgate.identityProvider.create({ name: 'ld\u0000ap', type: 'Ldap' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(ws.caller.appgate.admin.create({ username: 'a\u0000b', password: 'long-enough-pass' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(ws.caller.appgate.admin.create({ username: 'ab', providerName: 'lo\u0000cal' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await ws.caller.appgate.admin.list()).toEqual([]);
  });

  it('a password change revokes the admin tokens', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { admin, password } = await ws.caller.appgate.admin.create({
      username: `rot-${ws.slug}`,
      privileges: [{ type: 'All', target: 'All' }],
    });
    const anon = createCaller(createTestContext(handle.db));
    const { token } = await anon.appgate.session.login({ providerName: 'local', deviceId, username: admin.username, password: password! });
    expect(await resolveAppgateToken(handle.db, token, new Date())).toMatchObject({ type: 'vendor', principalId: admin.id });
    await ws.caller.appgate.admin.update({ id: admin.id, password: 'a-new-long-password' });
    expect(await resolveAppgateToken(handle.db, token, new Date())).toBeNull();
  });

  it('a viewer-role account reads profiles but cannot write them; Appgate admins cannot manage admins', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { account } = await ws.caller.account.create({ username: 'watcher', role: 'viewer', password: 'long-enough-password' });
    const viewer = createCaller(
      createTestContext(handle.db, {
        type: 'account',
        workspaceId: ws.actor.workspaceId,
        accountId: account.id,
        label: 'watcher',
        role: 'viewer',
        scopes: ['appgate:read'],
      }),
    );
    await ws.caller.appgate.clientProfile.create({ name: 'Readable', identityProviderName: 'local' });
    expect((await viewer.appgate.clientProfile.list({})).data.map((p) => p.name)).toEqual(['Readable']);
    await expect(viewer.appgate.clientProfile.create({ name: 'No', identityProviderName: 'local' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const { admin, password } = await ws.caller.appgate.admin.create({
      username: `all-${ws.slug}`,
      privileges: [{ type: 'All', target: 'All' }],
    });
    const anon = createCaller(createTestContext(handle.db));
    const { token } = await anon.appgate.session.login({ providerName: 'local', deviceId, username: admin.username, password: password! });
    const actor = (await resolveAppgateToken(handle.db, token, new Date()))!;
    const vendor = createCaller(createTestContext(handle.db, actor));
    expect((await vendor.appgate.clientProfile.list({})).totalCount).toBe(1);
    await expect(vendor.appgate.admin.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(vendor.appgate.admin.create({ username: 'escalate', privileges: [{ type: 'All', target: 'All' }] })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
  });
});

describe('appgate sign-in in steps', () => {
  it('authorize answers the token of this admin only; another admin token or a workspace account is refused', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { admin, password } = await ws.caller.appgate.admin.create({
      username: `steps-${ws.slug}`,
      privileges: [{ type: 'View', target: 'ClientProfile' }],
    });
    const anon = createCaller(createTestContext(handle.db));
    expect(await anon.appgate.session.providers()).toEqual([{ name: 'local', type: 'Credentials' }]);
    const { token, expires } = await anon.appgate.session.login({
      providerName: 'local',
      deviceId,
      username: admin.username,
      password: password!,
    });
    const actor = (await resolveAppgateToken(handle.db, token, new Date()))!;
    const vendor = createCaller(createTestContext(handle.db, actor));
    expect(await vendor.appgate.session.authorize({ token })).toEqual({
      user: {
        name: admin.username,
        needTwoFactorAuth: false,
        canAccessAuditLogs: false,
        privileges: [{ type: 'View', target: 'ClientProfile' }],
      },
      token,
      expires,
    });
    // Another admin's token presented by this admin's session names nothing of its own.
    const other = await ws.caller.appgate.admin.create({ username: `other-${ws.slug}`, privileges: [{ type: 'All', target: 'All' }] });
    const second = await anon.appgate.session.login({
      providerName: 'local',
      deviceId,
      username: other.admin.username,
      password: other.password!,
    });
    await expect(vendor.appgate.session.authorize({ token: second.token })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(ws.caller.appgate.session.authorize({ token })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(vendor.appgate.session.otp({ otp: '123456' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('appgate demo seeder', () => {
  it('seeds both profile types and credentials that log in (admin All, viewer View only)', async () => {
    const ws = await createTestWorkspace(handle.db);
    const section = (await appgateDemoSeeder.seed(ws.ctx, { apiUrl: 'http://127.0.0.1:3100', adminUrl: 'http://localhost:3000' })) as {
      url: string;
      providerName: string;
      admin: { username: string; password: string };
      viewer: { username: string; password: string };
    };
    expect(section).toMatchObject({ url: 'http://127.0.0.1:3100', providerName: 'local' });
    const list = await ws.caller.appgate.clientProfile.list({});
    expect(new Set(list.data.map((p) => p.type))).toEqual(new Set(['Profile', 'Group']));
    expect(list.data.every((p) => p.globalHostname === '127.0.0.1')).toBe(true);
    const anon = createCaller(createTestContext(handle.db));
    const admin = await anon.appgate.session.login({ providerName: 'local', deviceId, ...section.admin });
    expect(admin.user.privileges).toEqual([{ type: 'All', target: 'All' }]);
    const viewer = await anon.appgate.session.login({ providerName: 'local', deviceId, ...section.viewer });
    expect(viewer.user.privileges).toEqual([{ type: 'View', target: 'ClientProfile' }]);
  });
});
