import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../root';
import { verifyDeviceCredential } from '../../service/twon/auth';
import { twonDemoSeeder } from '../../service/twon/demo';
import { createTestWorkspace } from '../../testing';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const credential = (username: string, password: string) => ({ kind: 'password' as const, username, password });

describe('twoN admin procedures', () => {
  it('directories: create, list with counts, model change only while empty, reset starts a new series', async () => {
    const { caller } = await createTestWorkspace(handle.db);
    const dir = await caller.twoN.directory.create({ name: 'Lobby', model: 'base', capacity: 500 });
    expect(dir).toMatchObject({ name: 'Lobby', model: 'base', capacity: 500, authMode: 'any', timestamp: 0, liveEntries: 0, accounts: 0 });
    await expect(caller.twoN.directory.create({ name: 'Lobby' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await caller.twoN.directory.update({ id: dir.id, model: 'verso' })).model).toBe('verso');
    await caller.twoN.dir.create({ directoryId: dir.id, users: [{ name: 'A' }, { name: 'B' }] });
    await expect(caller.twoN.directory.update({ id: dir.id, model: 'uni' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await caller.twoN.account.create({ directoryId: dir.id, username: `lobby-${dir.id.slice(0, 8)}`, password: 'lobby-password' });
    const other = await caller.twoN.directory.create({ name: 'Other' });
    await caller.twoN.dir.create({ directoryId: other.id, users: [{ name: 'C' }] });
    await caller.twoN.dir.delete({
      directoryId: other.id,
      users: [{ uuid: (await caller.twoN.dir.query({ directoryId: other.id })).users[0]!.uuid as string }],
    });
    const listed = await caller.twoN.directory.list();
    expect(listed.map((d) => [d.name, d.timestamp, d.liveEntries, d.deletedEntries, d.accounts])).toEqual([
      ['Lobby', 2, 2, 0, 1],
      ['Other', 2, 0, 1, 0],
    ]);
    const reset = await caller.twoN.directory.reset({ id: dir.id });
    expect(reset.series).not.toBe(dir.series);
    expect(reset).toMatchObject({ liveEntries: 0, timestamp: 2 });
  });

  it('device user names are unique across workspaces; a password change, access change and disabling take effect', async () => {
    const a = await createTestWorkspace(handle.db);
    const b = await createTestWorkspace(handle.db);
    const da = await a.caller.twoN.directory.create({ name: 'A' });
    const db = await b.caller.twoN.directory.create({ name: 'B' });
    const { account, password } = await a.caller.twoN.account.create({ directoryId: da.id, username: 'door-unique-1' });
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    await expect(b.caller.twoN.account.create({ directoryId: db.id, username: 'door-unique-1' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const ok = await verifyDeviceCredential(handle.db, credential('door-unique-1', password!));
    expect(ok).toMatchObject({ ok: true, actor: { type: 'vendor', vendor: 'twoN', scopes: ['twon:read'] } });
    await a.caller.twoN.account.update({ id: account.id, password: 'a-new-password', access: 'readwrite' });
    expect(await verifyDeviceCredential(handle.db, credential('door-unique-1', password!))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const again = await verifyDeviceCredential(handle.db, credential('door-unique-1', 'a-new-password'));
    expect(again).toMatchObject({ ok: true, actor: { scopes: ['twon:read', 'twon:write'] } });
    await a.caller.twoN.account.update({ id: account.id, disabled: true });
    expect(await verifyDeviceCredential(handle.db, credential('door-unique-1', 'a-new-password'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('another workspace cannot reach a directory; a viewer can read but not write', async () => {
    const owner = await createTestWorkspace(handle.db);
    const dir = await owner.caller.twoN.directory.create({ name: 'Private' });
    const stranger = await createTestWorkspace(handle.db);
    await expect(stranger.caller.twoN.dir.query({ directoryId: dir.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.caller.twoN.dir.update({ directoryId: dir.id, users: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const viewer = createCaller({
      ...owner.ctx,
      actor: { ...owner.actor, type: 'account', role: 'viewer', scopes: ['twon:read'] } as typeof owner.actor,
    });
    expect((await viewer.twoN.dir.query({ directoryId: dir.id })).users).toEqual([]);
    await expect(viewer.twoN.dir.create({ directoryId: dir.id, users: [{}] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(owner.caller.twoN.dir.query({})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('entries list pages and searches server-side; the change feed returns changes after a timestamp', async () => {
    const { caller } = await createTestWorkspace(handle.db);
    const dir = await caller.twoN.directory.create({ name: 'Big' });
    const users = Array.from({ length: 120 }, (_, i) => ({ name: `Person ${String(i).padStart(3, '0')}`, email: `p${i}@example.com` }));
    const created = await caller.twoN.dir.create({ directoryId: dir.id, users: [...users, { name: '100% match_me', owner: 'My2N' }] });
    expect(created.users).toHaveLength(121);
    const page2 = await caller.twoN.dir.list({ directoryId: dir.id, page: 2, pageSize: 50 });
    expect(page2.total).toBe(121);
    expect(page2.items.map((e) => e.name).slice(0, 2)).toEqual(['Person 049', 'Person 050']);
    // The admin table's sorts: by name descending, and by timestamp (the last entry of the batch is newest).
    const byName = await caller.twoN.dir.list({ directoryId: dir.id, sort: 'name', desc: true, pageSize: 2 });
    expect(byName.items.map((e) => e.name)).toEqual(['Person 119', 'Person 118']);
    const newest = await caller.twoN.dir.list({ directoryId: dir.id, sort: 'timestamp', desc: true, pageSize: 1 });
    expect(newest.items.map((e) => e.name)).toEqual(['100% match_me']);
    const search = await caller.twoN.dir.list({ directoryId: dir.id, search: 'p11' });
    expect(search.items.map((e) => e.email)).toEqual([
      'p11@example.com',
      'p110@example.com',
      'p111@example.com',
      'p112@example.com',
      'p113@example.com',
      'p114@example.com',
      'p115@example.com',
      'p116@example.com',
      'p117@example.com',
      'p118@example.com',
      'p119@example.com',
    ]);
    // LIKE wildcards in the search are literal.
    expect((await caller.twoN.dir.list({ directoryId: dir.id, search: '100%' })).items.map((e) => e.name)).toEqual(['100% match_me']);
    expect((await caller.twoN.dir.list({ directoryId: dir.id, search: '_' })).total).toBe(1);

    const target = created.users![5]!.uuid!;
    await caller.twoN.dir.update({ directoryId: dir.id, users: [{ uuid: target, name: 'Edited' }] });
    await caller.twoN.dir.delete({ directoryId: dir.id, owner: 'My2N' });
    const feed = await caller.twoN.dir.since({ directoryId: dir.id, timestamp: 121 });
    expect(feed).toMatchObject({ series: dir.series, timestamp: 123, hasMore: false });
    expect(feed.changes.map((c) => [c.uuid, c.name, c.deleted, c.timestamp])).toEqual([
      [target, 'Edited', false, 122],
      [created.users![120]!.uuid, '', true, 123],
    ]);
    const paged = await caller.twoN.dir.since({ directoryId: dir.id, timestamp: 0, limit: 100 });
    expect(paged.hasMore).toBe(true);
    expect(paged.changes).toHaveLength(100);
  });

  it('the demo seeder returns working device credentials', async () => {
    const { ctx } = await createTestWorkspace(handle.db);
    const section = (await twonDemoSeeder.seed(ctx, { apiUrl: 'http://api.test', adminUrl: 'http://admin.test' })) as {
      url: string;
      username: string;
      password: string;
      readOnly: { username: string; password: string };
    };
    expect(section).toEqual({
      url: 'http://api.test',
      username: 'twon-demo',
      password: expect.any(String),
      readOnly: { username: 'twon-demo-ro', password: expect.any(String) },
    });
    const rw = await verifyDeviceCredential(handle.db, credential(section.username, section.password));
    const ro = await verifyDeviceCredential(handle.db, credential(section.readOnly.username, section.readOnly.password));
    expect(rw).toMatchObject({ ok: true, actor: { scopes: ['twon:read', 'twon:write'] } });
    expect(ro).toMatchObject({ ok: true, actor: { scopes: ['twon:read'] } });
    const caller = createCaller({ ...ctx, actor: (rw as Extract<typeof rw, { ok: true }>).actor });
    expect((await caller.twoN.dir.query({})).users).toHaveLength(4);
    // A device account works on its own entries only; managing directories and accounts is not for it.
    await expect(caller.twoN.directory.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.twoN.account.list({ directoryId: ctx.actor.workspaceId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
