import { auditLog, type DbHandle, soajsAccessTokens, soajsTenantKeys, soajsUsers } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../auth/secrets';
import { createCaller } from '../../root';
import { hashPin } from '../../service/soajs/common';
import { seedSoajsDemo } from '../../service/soajs/demo';
import { authenticateSoajs } from '../../service/soajs/tenants';
import { createTestContext, createTestWorkspace } from '../../testing';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function seeded() {
  const ws = await createTestWorkspace(handle.db);
  const demo = await seedSoajsDemo(ws.ctx, { apiUrl: 'http://api', adminUrl: 'http://admin' });
  const tenants = await ws.caller.soajs.tenant.list();
  return { ...ws, demo, root: tenants.find((t) => t.code === 'DBTN')!, client: tenants.find((t) => t.code === 'TNT1')! };
}

describe('soajs tenants, keys and tokens (admin)', () => {
  it('lists tenants with their keys and tokens; secrets are stored as SHA-256 only', async () => {
    const t = await seeded();
    expect(t.root).toMatchObject({ code: 'DBTN', locked: true, keys: [{ label: 'demo root key', revokedAt: null }] });
    expect(t.root.accessTokens).toEqual([expect.objectContaining({ label: 'demo token', status: 'active' })]);
    expect(t.client).toMatchObject({ code: 'TNT1', locked: false, accessTokens: [] });
    const [key] = await handle.db
      .select()
      .from(soajsTenantKeys)
      .where(eq(soajsTenantKeys.keyHash, sha256(t.demo.key)));
    expect(key).toMatchObject({ tenantId: t.client.id, prefix: t.demo.key.slice(0, 8) });
    const [token] = await handle.db
      .select()
      .from(soajsAccessTokens)
      .where(eq(soajsAccessTokens.tokenHash, sha256(t.demo.accessToken)));
    expect(token?.tenantId).toBe(t.root.id);
    expect(JSON.stringify(await t.caller.soajs.tenant.list())).not.toContain(t.demo.key);
  });

  it('refuses a duplicate tenant code', async () => {
    const t = await seeded();
    await expect(t.caller.soajs.tenant.create({ code: 'TNT1', name: 'Again' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a SOAJS credential acts for its tenant and cannot reach the admin procedures', async () => {
    const t = await seeded();
    const actor = await authenticateSoajs(handle.db, { key: t.demo.key, accessToken: t.demo.accessToken }, new Date());
    expect(actor).toMatchObject({ type: 'vendor', vendor: 'soajs', principalId: t.client.id, workspaceId: t.actor.workspaceId });
    const vendor = createCaller(createTestContext(handle.db, actor));
    expect(await vendor.soajs.user.count({})).toEqual({ count: 2 });
    await expect(vendor.soajs.tenant.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(vendor.soajs.user.setLocked({ uId: t.demo.userId, locked: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The root tenant's users are not the client tenant's: out of reach (405), as an unknown user is.
    await expect(vendor.soajs.user.editConfig({ uId: t.demo.lockedUserId, config: { keys: {} } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { code: 'SOAJS_USER_NOT_FOUND' },
    });
    // A locked user of the client tenant itself cannot be changed through it (500).
    await t.caller.soajs.user.setLocked({ uId: t.demo.userId, locked: true });
    await expect(vendor.soajs.user.editConfig({ uId: t.demo.userId, config: { keys: {} } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      cause: { code: 'SOAJS_LOCKED' },
    });
  });

  it('a workspace API token without soajs scopes is refused', async () => {
    const t = await seeded();
    const { token } = await t.caller.apiToken.create({ name: 'no soajs', scopes: ['accounts:read'] });
    const { createContext } = await import('../../create-context');
    const ctx = await createContext({ db: handle.db, requestId: 'r', credentials: { bearer: token } });
    await expect(createCaller(ctx).soajs.user.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('soajs users through tRPC (admin)', () => {
  it('the admin acts as the root tenant: edits a locked user and toggles the lock', async () => {
    const t = await seeded();
    expect(await t.caller.soajs.user.editConfig({ uId: t.demo.lockedUserId, config: { keys: { a: {} } } })).toBe(true);
    expect(await t.caller.soajs.user.setLocked({ uId: t.demo.userId, locked: true })).toBe(true);
    expect((await t.caller.soajs.user.get({ uId: t.demo.userId })).locked).toBe(true);
    expect(await t.caller.soajs.user.setLocked({ uId: t.demo.userId, locked: false })).toBe(true);
    expect((await t.caller.soajs.user.get({ uId: t.demo.userId })).locked).toBeUndefined();
  });

  it('field errors come back per path for the config editor; checkConfig validates without saving', async () => {
    const t = await seeded();
    const bad = { allowedTenants: [{ tenant: { id: 'A', code: 7 } }, { tenant: { id: 'B' }, extra: true }] };
    await expect(t.caller.soajs.user.editConfig({ uId: t.demo.userId, config: bad })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: {
        issues: [
          { path: 'config.allowedTenants[0].tenant.code', message: 'is not of a type(s) string', check: '173' },
          { path: 'config.allowedTenants[1]', message: 'additionalProperty "extra" exists in instance when not allowed', check: '173' },
        ],
      },
    });
    expect(await t.caller.soajs.user.checkConfig({ config: bad })).toEqual({
      valid: false,
      issues: [
        { path: 'config.allowedTenants[0].tenant.code', message: 'is not of a type(s) string' },
        { path: 'config.allowedTenants[1]', message: 'additionalProperty "extra" exists in instance when not allowed' },
      ],
    });
    expect(await t.caller.soajs.user.checkConfig({ config: { allowedTenants: [] } })).toEqual({ valid: true, issues: [] });
  });

  it('typed inputs: their schema refuses a malformed value; the rules that need the store answer a typed code', async () => {
    const t = await seeded();
    const person = { firstName: 'F', lastName: 'L', email: 'new@soajs.example', status: 'active' as const };
    await expect(t.caller.soajs.user.add({ ...person, username: 'bad name' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(t.caller.soajs.user.add({ ...person, username: 'ok', email: 'not-an-email' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(t.caller.soajs.user.get({ uId: 'xyz' })).rejects.toMatchObject({ cause: { code: 'SOAJS_INVALID_USER_ID' } });
    await expect(
      t.caller.soajs.user.edit({ ...person, uId: t.demo.userId, username: 'thyme', password: 'a', confirmation: 'b' }),
    ).rejects.toMatchObject({ cause: { code: 'SOAJS_PASSWORD_MISMATCH' } });
    await expect(t.caller.soajs.user.edit({ ...person, uId: t.demo.userId, username: 'elvira' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'SOAJS_USERNAME_TAKEN' },
    });
    await expect(
      t.caller.soajs.user.edit({ ...person, uId: t.demo.userId, username: 'thyme', config: { keys: [] } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [{ path: 'config.keys', message: 'is not of a type(s) object' }] } });
    expect(await t.caller.soajs.user.edit({ ...person, uId: t.demo.userId, username: 'thyme2', groups: ['manager'] })).toBe(true);
    expect(await t.caller.soajs.user.get({ uId: t.demo.userId })).toMatchObject({
      username: 'thyme2',
      groups: ['manager'],
      status: 'active',
    });
  });

  it('every change writes an audit row in its transaction; a refused one writes none', async () => {
    const t = await seeded();
    const rows = () =>
      handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.workspaceId, t.actor.workspaceId), eq(auditLog.entityType, 'soajs_user')));
    const before = (await rows()).length;
    await t.caller.soajs.user.editConfig({ uId: t.demo.userId, config: { keys: { b: {} } } });
    const after = await rows();
    expect(after.length).toBe(before + 1);
    expect(JSON.stringify(after.at(-1))).not.toMatch(/sha256:|hmac:/);
    await expect(t.caller.soajs.user.editConfig({ uId: '0'.repeat(24), config: {} })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await rows()).length).toBe(before + 1);
  });
});

describe('soajs pins', () => {
  /** The plaintext of a stored 4-digit pin digest (the test knows the digest's inputs). */
  function crack(workspaceId: string, tenantId: string, digest: string): string {
    for (let n = 0; n < 10_000; n++) {
      const pin = String(n).padStart(4, '0');
      if (hashPin(workspaceId, tenantId, pin) === digest) return pin;
    }
    throw new Error('pin not found');
  }

  it("a user's config may repeat the user's own tenant pin, or one pin twice; another user's pin stays refused (407)", async () => {
    const t = await seeded();
    const ws = t.actor.workspaceId;
    const [thyme] = await handle.db
      .select()
      .from(soajsUsers)
      .where(and(eq(soajsUsers.workspaceId, ws), eq(soajsUsers.id, t.demo.userId)));
    const own = crack(ws, t.client.id, (thyme!.tenantPin as { code: string }).code);
    const entry = (pin: string) => ({ tenant: { id: t.client.id, code: 'TNT1', pin: { code: pin, allowed: true } } });
    const edit = (uId: string, allowedTenants: unknown[]) =>
      t.caller.soajs.user.editConfig({ uId, config: { allowedTenants }, tenantId: t.client.id });
    expect(await edit(t.demo.userId, [entry(own)])).toBe(true);
    const other = own === '1111' ? '2222' : '1111';
    expect(await edit(t.demo.userId, [entry(other), entry(other)])).toBe(true);
    // Another user of the tenant cannot take thyme's tenant pin.
    const elvira = (await t.caller.soajs.user.list({ keywords: 'elvira' }))[0]!;
    await expect(edit(elvira._id, [entry(own)])).rejects.toMatchObject({ cause: { code: 'SOAJS_SAVE_REFUSED' } });
  });

  it('a new tenant pin (editUser) frees the old one, which the config still holds for the same user', async () => {
    const t = await seeded();
    const ws = t.actor.workspaceId;
    const tenantPin = async () => {
      const [row] = await handle.db
        .select({ tenantPin: soajsUsers.tenantPin })
        .from(soajsUsers)
        .where(and(eq(soajsUsers.workspaceId, ws), eq(soajsUsers.id, t.demo.userId)));
      return (row!.tenantPin as { code: string }).code;
    };
    const old = crack(ws, t.client.id, await tenantPin());
    const entry = { tenant: { id: t.client.id, code: 'TNT1', pin: { code: old, allowed: true } } };
    await t.caller.soajs.user.editConfig({ uId: t.demo.userId, config: { allowedTenants: [entry] } });
    const user = {
      username: 'thyme',
      firstName: 'T',
      lastName: 'W',
      email: 'thyme@soajs.example',
      status: 'active' as const,
      groups: ['waiter'],
    };
    await t.caller.soajs.user.edit({ uId: t.demo.userId, ...user, pin: { code: true } });
    expect(await tenantPin()).not.toBe(hashPin(ws, t.client.id, old));
    // The config still holds the old pin, so nobody else may take it.
    const elvira = (await t.caller.soajs.user.list({ keywords: 'elvira' }))[0]!;
    await expect(t.caller.soajs.user.editConfig({ uId: elvira._id, config: { allowedTenants: [entry] } })).rejects.toMatchObject({
      cause: { code: 'SOAJS_SAVE_REFUSED' },
    });
  });
});
