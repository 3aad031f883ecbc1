import { auditLog, type DbHandle, rpdbApiKeys, rpdbAttributes } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../auth/secrets';
import { createContext } from '../../create-context';
import { createCaller } from '../../root';
import { authenticateRpdbKey } from '../../service/rpdb/principal';
import { createTestContext, createTestWorkspace } from '../../testing';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const PASSWORD = 'rpdb-account-password';

async function setup(now = () => new Date()) {
  const ws = await createTestWorkspace(handle.db);
  const caller = createCaller({ ...ws.ctx, now });
  const { account } = await caller.rpdb.account.create({ name: 'main', password: PASSWORD });
  const lights = await caller.rpdb.attribute.create({ accountId: account.id, name: 'lights' });
  const heating = await caller.rpdb.attribute.create({ accountId: account.id, name: 'heating', defaultRight: 'none' });
  return { ws, caller, accountId: account.id, lights, heating };
}

async function keyCaller(key: string, now = () => new Date()) {
  const actor = await authenticateRpdbKey(handle.db, key, now());
  if (!actor) throw new Error('key did not authenticate');
  return createCaller(createTestContext(handle.db, actor, { now }));
}

describe('rpdb accounts and attributes', () => {
  it('generates a password once when none is given; names are unique per workspace', async () => {
    const { caller } = await setup();
    const created = await caller.rpdb.account.create({ name: 'second' });
    expect(created.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await caller.rpdb.account.list()).toEqual([
      expect.objectContaining({ name: 'main' }),
      { id: created.account.id, name: 'second', createdAt: expect.any(Date), updatedAt: expect.any(Date) },
    ]);
    await expect(caller.rpdb.account.create({ name: 'SECOND' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('creates, renames and deletes attributes; a deleted attribute leaves every profile', async () => {
    const { caller, accountId, lights, heating } = await setup();
    expect(lights.defaultRight).toBe('all');
    await expect(caller.rpdb.attribute.create({ accountId, name: 'lights' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'ATTRIBUTE_ALREADY_EXISTS' },
    });
    const renamed = await caller.rpdb.attribute.update({ id: heating.id, name: 'boiler', defaultRight: 'read' });
    expect(renamed).toMatchObject({ name: 'boiler', defaultRight: 'read' });
    const profile = await caller.rpdb.profile.create({ accountId, name: 'p', attributes: [heating.id, lights.id] });
    await caller.rpdb.attribute.delete({ id: heating.id });
    expect(await caller.rpdb.profile.get({ accountId, id: profile.id })).toMatchObject({ attributes: [lights.id] });
    expect((await caller.rpdb.attribute.list({ accountId })).map((a) => a.name)).toEqual(['lights']);
  });
});

describe('rpdb API keys', () => {
  it('returns the 64-character key once and stores only a prefix and its SHA-256', async () => {
    const { caller, accountId, lights } = await setup();
    const { key, apiKey } = await caller.rpdb.apiKey.create({ accountId, name: 'k', rights: [{ attributeId: lights.id, right: 'read' }] });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKey).toMatchObject({
      prefix: key.slice(0, 8),
      privileged: false,
      status: 'active',
      rights: [{ attributeId: lights.id, right: 'read' }],
    });
    const [row] = await handle.db.select().from(rpdbApiKeys).where(eq(rpdbApiKeys.id, apiKey.id));
    expect(row!.keyHash).toBe(sha256(key));
    expect(JSON.stringify(row)).not.toContain(key);
    const listed = await caller.rpdb.apiKey.list({ accountId });
    expect(JSON.stringify(listed)).not.toContain(key);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'rpdb.api_key.create'));
    expect(JSON.stringify(audits)).not.toContain(key);
  });

  it('refuses rights on an attribute of another account', async () => {
    const a = await setup();
    const b = await setup();
    await expect(
      a.caller.rpdb.apiKey.create({ accountId: a.accountId, name: 'k', rights: [{ attributeId: b.lights.id, right: 'all' }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', cause: { code: 'ATTRIBUTE_NOT_FOUND' } });
  });

  it('authorise with the account password: privileged for 30 minutes; a wrong password is refused', async () => {
    let now = new Date('2026-05-01T08:00:00Z');
    const { caller, accountId } = await setup(() => now);
    const { key, apiKey } = await caller.rpdb.apiKey.create({ accountId, name: 'k' });
    await expect(caller.rpdb.apiKey.authorize({ id: apiKey.id, password: 'wrong-password' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const authorised = await caller.rpdb.apiKey.authorize({ id: apiKey.id, password: PASSWORD });
    expect(authorised.privileged).toBe(true);
    expect(authorised.privilegedUntil).toEqual(new Date('2026-05-01T08:30:00Z'));
    const asKey = await keyCaller(key, () => now);
    await expect(asKey.rpdb.profile.list({ ignoreRights: true })).resolves.toEqual([]);
    now = new Date('2026-05-01T08:30:00Z');
    await expect(asKey.rpdb.profile.list({ ignoreRights: true })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: { code: 'NOT_PRIVILEGED' },
    });
    expect((await caller.rpdb.apiKey.list({ accountId }))[0]!.privileged).toBe(false);
  });

  it('setRights replaces the explicit rights and changes what the key sees', async () => {
    const { caller, accountId, lights, heating } = await setup();
    const p = await caller.rpdb.profile.create({ accountId, name: 'warm', attributes: [heating.id] });
    const { key, apiKey } = await caller.rpdb.apiKey.create({ accountId, name: 'k' });
    const asKey = await keyCaller(key);
    expect(await asKey.rpdb.profile.list({})).toEqual([]); // heating defaults to none
    await caller.rpdb.apiKey.setRights({
      id: apiKey.id,
      rights: [
        { attributeId: heating.id, right: 'read' },
        { attributeId: lights.id, right: 'none' },
      ],
    });
    expect(await asKey.rpdb.profile.list({})).toEqual([{ id: p.id, name: 'warm', sortOrder: 0, attributes: [heating.id] }]);
  });

  it('a revoked key no longer authenticates, and a key cannot reach account-owner procedures', async () => {
    const { caller, accountId } = await setup();
    const { key, apiKey } = await caller.rpdb.apiKey.create({ accountId, name: 'k' });
    const asKey = await keyCaller(key);
    await expect(asKey.rpdb.apiKey.create({ accountId, name: 'escalate' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asKey.rpdb.attribute.list({ accountId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asKey.rpdb.apiKey.authorize({ id: apiKey.id, password: PASSWORD })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const revoked = await caller.rpdb.apiKey.revoke({ id: apiKey.id });
    expect(revoked.status).toBe('revoked');
    expect(await authenticateRpdbKey(handle.db, key, new Date())).toBeNull();
    // A context resolved before the revocation is refused too.
    await expect(asKey.rpdb.profile.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('rpdb profiles through tRPC (admin)', () => {
  it('an admin sees every profile of the account, updates without privilege, and must name the account', async () => {
    const { caller, accountId, lights } = await setup();
    const empty = await caller.rpdb.profile.create({ accountId, name: 'empty', sortOrder: 2 });
    const lit = await caller.rpdb.profile.create({ accountId, name: 'lit', attributes: [lights.id] });
    expect((await caller.rpdb.profile.list({ accountId })).map((p) => p.name)).toEqual(['lit', 'empty']);
    expect(await caller.rpdb.profile.update({ accountId, id: empty.id, attributes: [lights.id] })).toMatchObject({
      attributes: [lights.id],
    });
    const sorted = await caller.rpdb.profile.sort({
      accountId,
      items: [
        { id: empty.id, sortOrder: 0 },
        { id: lit.id, sortOrder: 1 },
      ],
    });
    expect(sorted.map((p) => p.name)).toEqual(['empty', 'lit']);
    await expect(caller.rpdb.profile.list({})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a rejected create changes nothing and writes no audit row', async () => {
    const { caller, accountId, ws } = await setup();
    await caller.rpdb.profile.create({ accountId, name: 'dup' });
    const audits = () =>
      handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.workspaceId, ws.actor.workspaceId), eq(auditLog.action, 'rpdb.profile.create')));
    expect(await audits()).toHaveLength(1);
    await expect(caller.rpdb.profile.create({ accountId, name: 'dup' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'PROFILE_ALREADY_EXISTS' },
    });
    expect(await audits()).toHaveLength(1);
    expect(await caller.rpdb.profile.list({ accountId })).toHaveLength(1);
  });

  it('names with a NUL character or an unpaired surrogate are refused as BAD_REQUEST, not a database error', async () => {
    const { caller, accountId, ws } = await setup();
    const audits = () => handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.actor.workspaceId));
    const before = (await audits()).length;
    for (const name of ['a\u0000b', '\ud800', 'x\udc00']) {
      await expect(caller.rpdb.account.create({ name })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(caller.rpdb.attribute.create({ accountId, name })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(caller.rpdb.apiKey.create({ accountId, name })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(caller.rpdb.profile.create({ accountId, name })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await audits()).toHaveLength(before);
  });

  it('an attribute deleted while a profile is being created with it: 404 ATTRIBUTE_NOT_FOUND, not a foreign-key 500', async () => {
    const { caller, accountId, lights, heating, ws } = await setup();
    const { key, apiKey } = await caller.rpdb.apiKey.create({ accountId, name: 'k' });
    const asKey = await keyCaller(key);
    let create: Promise<unknown> | undefined;
    // The deletion holds the attribute's row lock while the create runs; PGlite runs them one after the other.
    await handle.db.transaction(async (tx) => {
      await tx.delete(rpdbAttributes).where(and(eq(rpdbAttributes.workspaceId, ws.actor.workspaceId), eq(rpdbAttributes.id, lights.id)));
      create = asKey.rpdb.profile.create({ name: 'lit', attributes: [lights.id] }).catch((err: unknown) => err);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    expect(await create).toMatchObject({ code: 'NOT_FOUND', cause: { code: 'ATTRIBUTE_NOT_FOUND' } });
    expect(await caller.rpdb.profile.list({ accountId })).toEqual([]);
    // Rights on an attribute being deleted: the same.
    let setRights: Promise<unknown> | undefined;
    await handle.db.transaction(async (tx) => {
      await tx.delete(rpdbAttributes).where(and(eq(rpdbAttributes.workspaceId, ws.actor.workspaceId), eq(rpdbAttributes.id, heating.id)));
      setRights = caller.rpdb.apiKey
        .setRights({ id: apiKey.id, rights: [{ attributeId: heating.id, right: 'read' }] })
        .catch((err: unknown) => err);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    expect(await setRights).toMatchObject({ code: 'NOT_FOUND', cause: { code: 'ATTRIBUTE_NOT_FOUND' } });
  });

  it('workspaces are isolated: another workspace cannot name this account', async () => {
    const a = await setup();
    const b = await setup();
    await expect(b.caller.rpdb.profile.list({ accountId: a.accountId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.caller.rpdb.attribute.list({ accountId: a.accountId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.caller.rpdb.attribute.delete({ id: a.lights.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.caller.rpdb.apiKey.list({ accountId: a.accountId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.caller.rpdb.attribute.listVisible({ accountId: a.accountId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.caller.rpdb.attribute.getVisible({ accountId: b.accountId, id: a.lights.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('attribute reads: an admin reads every attribute of the account with `all`; a key only what it has a right on', async () => {
    const { caller, accountId, lights, heating } = await setup();
    expect(await caller.rpdb.attribute.listVisible({ accountId })).toEqual([
      { id: lights.id, name: 'lights', defaultRight: 'all', right: 'all' },
      { id: heating.id, name: 'heating', defaultRight: 'none', right: 'all' },
    ]);
    // An admin must name the account (a key never does).
    await expect(caller.rpdb.attribute.listVisible({})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const { key } = await caller.rpdb.apiKey.create({ accountId, name: 'reader', rights: [{ attributeId: lights.id, right: 'read' }] });
    const reader = await keyCaller(key);
    expect(await reader.rpdb.attribute.listVisible({})).toEqual([{ id: lights.id, name: 'lights', defaultRight: 'all', right: 'read' }]);
    expect(await reader.rpdb.attribute.listVisible({ name: 'heating' })).toEqual([]);
    await expect(reader.rpdb.attribute.getVisible({ id: heating.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { code: 'ATTRIBUTE_NOT_FOUND' },
    });
  });

  it('a workspace API token with rpdb:read only can list but not write', async () => {
    const { caller, accountId } = await setup();
    const { token } = await caller.apiToken.create({ name: 'reader', scopes: ['rpdb:read'] });
    const ctx = await createContext({ db: handle.db, requestId: 'r', credentials: { bearer: token } });
    const reader = createCaller(ctx);
    await expect(reader.rpdb.profile.list({ accountId })).resolves.toEqual([]);
    await expect(reader.rpdb.profile.create({ accountId, name: 'nope' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('rpdb demo seeder', () => {
  it('writes url and three keys: full, currently privileged, and limited (some profiles hidden)', async () => {
    const { rpdbDemoSeeder } = await import('../../service/rpdb/demo');
    const ws = await createTestWorkspace(handle.db);
    const section = (await rpdbDemoSeeder.seed(ws.ctx, { apiUrl: 'http://127.0.0.1:3100', adminUrl: 'http://localhost:3000' })) as Record<
      string,
      string
    >;
    expect(Object.keys(section)).toEqual(['url', 'apiKey', 'privilegedApiKey', 'limitedApiKey']);
    expect(section.url).toBe('http://127.0.0.1:3100');
    const names = async (key: string, ignoreRights = false) =>
      (await (await keyCaller(key)).rpdb.profile.list({ ignoreRights })).map((p) => p.name);
    const all = await names(section.privilegedApiKey!, true);
    expect(all).toContain('vacation');
    expect(await names(section.apiKey!)).toEqual(all.filter((n) => n !== 'vacation'));
    const limited = await names(section.limitedApiKey!);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBeLessThan(all.length - 1);
  });
});
