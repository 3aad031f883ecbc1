import { type DbHandle, rpdbProfiles } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../root';
import { authenticateRpdbKey } from '../service/rpdb/principal';
import { createTestContext, createTestWorkspace } from '../testing';

// The admin's server-driven tables (page inputs with totals), RPdb move-to-position at any size, the audit
// page's filters and the change feed.

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function rpdbAccountWith(count: number) {
  const ws = await createTestWorkspace(handle.db);
  const caller = createCaller(ws.ctx);
  const { account } = await caller.rpdb.account.create({ name: 'main', password: 'rpdb-account-password' });
  const now = new Date();
  if (count > 0)
    await handle.db.insert(rpdbProfiles).values(
      Array.from({ length: count }, (_, i) => ({
        workspaceId: ws.ctx.actor!.workspaceId,
        accountId: account.id,
        name: `profile ${String(i + 1).padStart(4, '0')}`,
        sortOrder: i,
        createdAt: now,
        updatedAt: now,
      })),
    );
  return { ws, caller, accountId: account.id };
}

describe('rpdb profile table', () => {
  it('pages 1,005 profiles with totals, sorts by name both ways and filters by name', async () => {
    const { caller, accountId } = await rpdbAccountWith(1005);
    const first = await caller.rpdb.profile.page({ accountId, limit: 25 });
    expect(first.total).toBe(1005);
    expect(first.items.map((p) => p.position)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const last = await caller.rpdb.profile.page({ accountId, limit: 25, offset: 1000 });
    expect(last.items.map((p) => p.name)).toEqual(['profile 1001', 'profile 1002', 'profile 1003', 'profile 1004', 'profile 1005']);
    const byNameDesc = await caller.rpdb.profile.page({ accountId, limit: 2, sort: 'name', desc: true });
    expect(byNameDesc.items.map((p) => p.name)).toEqual(['profile 1005', 'profile 1004']);
    const filtered = await caller.rpdb.profile.page({ accountId, q: '100', limit: 50 });
    expect(filtered.total).toBe(7); // 0100 and 1000..1005
  });

  it('each sort, either way, with and without a filter, answers its own order and total', async () => {
    const { caller, accountId } = await rpdbAccountWith(0);
    // Three orders that differ: by place c, b, a; by name a, b, c; by id b, c, a.
    const ids: Record<string, number> = {};
    for (const name of ['b 1%', 'c 1', 'a 1%']) ids[name] = (await caller.rpdb.profile.create({ accountId, name })).id;
    await caller.rpdb.profile.move({ accountId, id: ids['c 1']!, position: 1 });
    const names = async (input: Omit<Parameters<typeof caller.rpdb.profile.page>[0], 'accountId'>) => {
      const page = await caller.rpdb.profile.page({ accountId, ...input });
      return [page.total, ...page.items.map((p) => p.name)];
    };
    expect(await names({})).toEqual([3, 'c 1', 'b 1%', 'a 1%']);
    expect(await names({ desc: true, limit: 2 })).toEqual([3, 'a 1%', 'b 1%']);
    expect(await names({ sort: 'name', offset: 1 })).toEqual([3, 'b 1%', 'c 1']);
    expect(await names({ sort: 'name', desc: true })).toEqual([3, 'c 1', 'b 1%', 'a 1%']);
    expect(await names({ sort: 'id' })).toEqual([3, 'b 1%', 'c 1', 'a 1%']);
    expect(await names({ sort: 'id', desc: true, q: '1%' })).toEqual([2, 'a 1%', 'b 1%']);
    expect(await names({ q: '1%' })).toEqual([2, 'b 1%', 'a 1%']);
    expect(await names({ sort: 'name', q: 'C', desc: true })).toEqual([1, 'c 1']);
    expect(await names({ q: '_' })).toEqual([0]);
  });

  it("every row's position is its place in the account's list, whatever the sort, direction, filter or page", async () => {
    const { caller, accountId } = await rpdbAccountWith(40);
    // Out of name and id order: the last profile first, the first one to 20th.
    const listed = await caller.rpdb.profile.list({ accountId });
    await caller.rpdb.profile.move({ accountId, id: listed.at(-1)!.id, position: 1 });
    await caller.rpdb.profile.move({ accountId, id: listed[0]!.id, position: 20 });
    const place = new Map((await caller.rpdb.profile.list({ accountId })).map((p, i) => [p.id, i + 1]));
    expect(place.get(listed.at(-1)!.id)).toBe(1);
    for (const sort of ['position', 'name', 'id'] as const)
      for (const desc of [false, true])
        for (const q of ['', '1'])
          for (const offset of [0, 7]) {
            const page = await caller.rpdb.profile.page({ accountId, sort, desc, q, offset, limit: 9 });
            expect(page.items.length).toBeGreaterThan(0);
            for (const row of page.items)
              expect([sort, desc, q, offset, row.name, row.position]).toEqual([sort, desc, q, offset, row.name, place.get(row.id)]);
          }
  });

  it('moves the 1,005th profile to the top in one call; every other keeps its relative place', async () => {
    const { caller, accountId } = await rpdbAccountWith(1005);
    const [last] = (await caller.rpdb.profile.page({ accountId, offset: 1004, limit: 1 })).items;
    const moved = await caller.rpdb.profile.move({ accountId, id: last!.id, position: 1 });
    expect(moved).toMatchObject({ name: 'profile 1005', position: 1 });
    const all = await caller.rpdb.profile.list({ accountId });
    expect(all).toHaveLength(1005);
    expect(all.map((p) => p.name).slice(0, 3)).toEqual(['profile 1005', 'profile 0001', 'profile 0002']);
    expect(all.at(-1)?.name).toBe('profile 1004');
    // And back down past the end: last.
    await caller.rpdb.profile.move({ accountId, id: last!.id, position: 5000 });
    expect((await caller.rpdb.profile.list({ accountId })).at(-1)?.name).toBe('profile 1005');
    const history = await caller.auditLog.page({ entityType: 'rpdb_profile', entityId: String(last!.id) });
    expect(history.items.map((h) => [h.action, h.entityName])).toEqual([
      ['rpdb.profile.move', 'profile 1005'],
      ['rpdb.profile.move', 'profile 1005'],
    ]);
  });

  it('deletes many profiles in one call, all or nothing, with one audit row each', async () => {
    const { caller, accountId } = await rpdbAccountWith(60);
    const ids = (await caller.rpdb.profile.page({ accountId, limit: 50 })).items.map((p) => p.id);
    await expect(caller.rpdb.profile.deleteMany({ accountId, ids: [...ids.slice(0, 3), 999_999] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await caller.rpdb.profile.page({ accountId })).total).toBe(60);
    const deleted = await caller.rpdb.profile.deleteMany({ accountId, ids });
    expect(deleted.map((p) => p.name)).toEqual(Array.from({ length: 50 }, (_, i) => `profile ${String(i + 1).padStart(4, '0')}`));
    expect((await caller.rpdb.profile.page({ accountId })).total).toBe(10);
    expect((await caller.auditLog.page({ q: 'rpdb.profile.delete', limit: 100 })).total).toBe(50);
  });

  it('refuses an unknown profile and RPdb API keys', async () => {
    const { caller, accountId } = await rpdbAccountWith(3);
    await expect(caller.rpdb.profile.move({ accountId, id: 999_999, position: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { key } = await caller.rpdb.apiKey.create({ accountId, name: 'k', rights: [] });
    const actor = await authenticateRpdbKey(handle.db, key, new Date());
    const keyCaller = createCaller(createTestContext(handle.db, actor));
    await expect(keyCaller.rpdb.profile.page({ accountId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

// Through a caller, a tracked event is the raw [id, data] pair (the SSE transport turns it into id + data).
function unpack(value: unknown): { id: string; data: unknown } {
  const [id, data] = value as [string, unknown];
  return { id, data };
}

describe('audit page and change feed', () => {
  it('filters by free text, actor, entity and date range and reports the total', async () => {
    const ws = await createTestWorkspace(handle.db);
    const caller = createCaller(ws.ctx);
    const { account } = await caller.rpdb.account.create({ name: 'acct', password: 'rpdb-account-password' });
    const a = await caller.rpdb.profile.create({ accountId: account.id, name: 'alpha' });
    await caller.rpdb.profile.create({ accountId: account.id, name: 'beta' });
    await caller.rpdb.profile.update({ accountId: account.id, id: a.id, name: 'alpha two' });

    const rpdb = await caller.auditLog.page({ q: 'rpdb' });
    expect(rpdb.total).toBe(4);
    expect(rpdb.items[0]).toMatchObject({ action: 'rpdb.profile.update', entityName: 'alpha two' });
    expect((await caller.auditLog.page({ q: 'alpha' })).total).toBe(2);
    expect((await caller.auditLog.page({ entityType: 'rpdb_profile', entityId: String(a.id) })).items.map((i) => i.action)).toEqual([
      'rpdb.profile.update',
      'rpdb.profile.create',
    ]);
    expect((await caller.auditLog.page({ actor: 'nobody-like-this' })).total).toBe(0);
    expect((await caller.auditLog.page({ actor: ws.ctx.actor!.label.slice(0, 3) })).total).toBeGreaterThanOrEqual(4);
    expect((await caller.auditLog.page({ to: new Date(Date.now() - 3_600_000) })).total).toBe(0);
    const oldestFirst = await caller.auditLog.page({ q: 'rpdb.profile', desc: false, limit: 1, offset: 1 });
    expect(oldestFirst.items[0]).toMatchObject({ action: 'rpdb.profile.create', entityName: 'beta' });
  });

  it('streams changes committed after a resume point, from any caller of the workspace only', async () => {
    const ws = await createTestWorkspace(handle.db);
    const other = await createTestWorkspace(handle.db);
    const caller = createCaller(ws.ctx);
    const [latest] = (await caller.auditLog.page({ limit: 1 })).items;
    const ac = new AbortController();
    const feed = await createCaller(ws.ctx, { signal: ac.signal }).auditLog.changes({ lastEventId: String(latest?.id ?? 0) });
    const events = feed[Symbol.asyncIterator]();
    const { account } = await caller.rpdb.account.create({ name: 'acct', password: 'rpdb-account-password' });
    await createCaller(other.ctx).rpdb.account.create({ name: 'elsewhere', password: 'rpdb-account-password' });
    const first = await events.next();
    expect(unpack(first.value).id).toMatch(/^\d+$/);
    expect(unpack(first.value).data).toMatchObject({ action: 'rpdb.account.create', entityId: String(account.id) });
    await caller.rpdb.profile.create({ accountId: account.id, name: 'p' });
    const second = await events.next();
    expect(unpack(second.value).data).toMatchObject({ action: 'rpdb.profile.create', entityType: 'rpdb_profile' });
    ac.abort();

    const resumeAc = new AbortController();
    const resumed = await createCaller(ws.ctx, { signal: resumeAc.signal }).auditLog.changes({ lastEventId: unpack(first.value).id });
    const again = await resumed[Symbol.asyncIterator]().next();
    resumeAc.abort();
    expect(unpack(again.value).data).toMatchObject({ action: 'rpdb.profile.create' });
  });
});
