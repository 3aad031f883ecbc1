import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../root';
import { resolveFlexcareActor } from '../service/flexcare/auth';
import { seedSoajsDemo } from '../service/soajs/demo';
import { createTestContext, createTestWorkspace } from '../testing';
import { flexcareDemoSeeder } from './flexcare/demo';

// The `page` procedures behind the admin's tables: a page with the total of every matching row, a sort the
// client chooses (both directions), a free-text filter, and nothing of another workspace.

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe('admin list pages', () => {
  it('pages, sorts and filters accounts and API tokens', async () => {
    const ws = await createTestWorkspace(handle.db);
    await createTestWorkspace(handle.db); // another workspace's owner must not show
    for (const name of ['carol', 'alice', 'bob'])
      await ws.caller.account.create({ username: name, displayName: `${name} Example`, role: 'viewer' });
    const all = await ws.caller.account.page({});
    expect(all.total).toBe(4);
    expect(all.items.map((a) => a.username)).toEqual(['alice', 'bob', 'carol', 'owner']);
    const desc = await ws.caller.account.page({ desc: true, limit: 2, offset: 1 });
    expect(desc.items.map((a) => a.username)).toEqual(['carol', 'bob']);
    expect((await ws.caller.account.page({ q: 'EXAMPLE', sort: 'role' })).total).toBe(3);
    const byRole = await ws.caller.account.page({ sort: 'role', limit: 1 }); // the enum's order: owner, admin, viewer
    expect(byRole.items[0]?.username).toBe('owner');

    for (const name of ['deploy', 'backup', 'ci']) await ws.caller.apiToken.create({ name, scopes: ['accounts:read'] });
    const revoked = (await ws.caller.apiToken.page({ q: 'backup' })).items[0]!;
    await ws.caller.apiToken.revoke({ id: revoked.id });
    const tokens = await ws.caller.apiToken.page({ sort: 'name' });
    expect(tokens).toMatchObject({ total: 3 });
    expect(tokens.items.map((t) => t.name)).toEqual(['backup', 'ci', 'deploy']);
    const byStatus = await ws.caller.apiToken.page({ sort: 'status', desc: true, limit: 1 });
    expect(byStatus.items[0]).toMatchObject({ name: 'backup', status: 'revoked' });
    expect((await ws.caller.apiToken.page({ q: 'nothing-like-it' })).total).toBe(0);
  });

  it('pages SOAJS users of every tenant, tenants with their keys, and a tenant’s groups', async () => {
    const ws = await createTestWorkspace(handle.db);
    await seedSoajsDemo(ws.ctx, { apiUrl: 'http://api', adminUrl: 'http://admin' });
    const users = await ws.caller.soajs.user.page({ sort: 'username' });
    expect(users.total).toBe(3);
    expect(users.items.map((u) => u.username)).toEqual(['elvira', 'owner', 'thyme']);
    // The filter and its total agree with the rows: one match, total 1 (the old count said 0 for another tenant).
    const elvira = await ws.caller.soajs.user.page({ q: 'ELVI' });
    expect(elvira).toMatchObject({ total: 1, items: [{ username: 'elvira' }] });
    const root = await ws.caller.soajs.user.page({ tenant: 'DBTN' });
    expect(root.items.every((u) => u.tenant.code === 'DBTN')).toBe(true);
    expect(root.total).toBe(root.items.length);
    const byTenant = await ws.caller.soajs.user.page({ sort: 'tenant', desc: true });
    expect(byTenant.items[0]?.tenant.code).toBe('TNT1');

    const tenants = await ws.caller.soajs.tenant.page({ sort: 'code', desc: true });
    expect(tenants.items.map((t) => t.code)).toEqual(['TNT1', 'DBTN']);
    expect(tenants.items[1]?.accessTokens).toEqual([expect.objectContaining({ label: 'demo token', status: 'active' })]);
    expect((await ws.caller.soajs.tenant.page({ q: 'ordinary' })).items.map((t) => t.code)).toEqual(['TNT1']);

    const tnt1 = tenants.items[0]!;
    const groups = await ws.caller.soajs.group.page({ tenantId: tnt1.id, sort: 'name', desc: true });
    expect(groups).toMatchObject({ total: 2, items: [{ code: 'waiter' }, { code: 'manager' }] });
    expect((await ws.caller.soajs.group.page({ tenantId: tnt1.id, q: 'shift' })).items.map((g) => g.code)).toEqual(['manager']);
  });

  it('pages an RPdb account’s attributes and API keys', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { account } = await ws.caller.rpdb.account.create({ name: 'main', password: 'rpdb-account-password' });
    for (let i = 1; i <= 30; i++)
      await ws.caller.rpdb.attribute.create({
        accountId: account.id,
        name: `attr ${String(i).padStart(2, '0')}`,
        defaultRight: i % 2 ? 'all' : 'none',
      });
    const first = await ws.caller.rpdb.attribute.page({ accountId: account.id, limit: 10, offset: 20 });
    expect(first.total).toBe(30);
    expect(first.items.map((a) => a.name)).toEqual(Array.from({ length: 10 }, (_, i) => `attr ${i + 21}`));
    expect((await ws.caller.rpdb.attribute.page({ accountId: account.id, q: 'attr 1' })).total).toBe(10);
    const none = await ws.caller.rpdb.attribute.page({ accountId: account.id, sort: 'defaultRight', desc: true, limit: 100 });
    expect(none.items.slice(0, 15).every((a) => a.defaultRight === 'none')).toBe(true);

    for (const name of ['reader', 'writer']) await ws.caller.rpdb.apiKey.create({ accountId: account.id, name, rights: [] });
    const keys = await ws.caller.rpdb.apiKey.page({ accountId: account.id, sort: 'name' });
    expect(keys).toMatchObject({ total: 2, items: [{ name: 'reader', status: 'active' }, { name: 'writer' }] });
    await expect(ws.caller.rpdb.apiKey.page({ accountId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages the FlexCare directory, each caller within its own reach', async () => {
    const ws = await createTestWorkspace(handle.db);
    const demo = (await flexcareDemoSeeder.seed(ws.ctx, { apiUrl: 'http://api', adminUrl: 'http://admin' })) as {
      resellerAdmin: { username: string; password: string };
    };
    const fc = ws.caller.flexcare;
    expect((await fc.reseller.page({ sort: 'name', desc: true })).items.map((r) => r.name)).toEqual([
      'Nordic Care Partners',
      'Baltic Health Resellers',
    ]);
    const customers = await fc.customer.page({ sort: 'reseller', limit: 2 });
    expect(customers.total).toBe(4);
    expect(customers.items.map((c) => c.resellerName)).toEqual(['Baltic Health Resellers', 'Nordic Care Partners']);
    // The filter matches the reseller's name too.
    expect((await fc.customer.page({ q: 'nordic' })).items.map((c) => c.name)).toEqual(['Aarhus Care Home', 'Odense Hospital']);
    const employees = await fc.employee.page({ sort: 'accessLevel' });
    expect(employees.total).toBe(3);
    const aarhus = (await fc.customer.page({ q: 'Aarhus' })).items[0]!;
    expect((await fc.employee.page({ customer: aarhus.id, sort: 'username' })).items.map((e) => e.username)).toEqual([
      'manager@flexcare.demo',
      'reseller@flexcare.demo',
    ]);

    // Nordic's reseller admin reaches only its own reseller and its customers.
    const { token } = await createCaller(createTestContext(handle.db)).flexcare.auth.login(demo.resellerAdmin);
    const actor = await resolveFlexcareActor(handle.db, token, new Date());
    const nordic = createCaller(createTestContext(handle.db, actor)).flexcare;
    expect((await nordic.reseller.page({})).items.map((r) => r.name)).toEqual(['Nordic Care Partners']);
    expect((await nordic.customer.page({})).total).toBe(2);
    expect((await nordic.employee.page({ q: 'admin@flexcare' })).total).toBe(0);

    // Dialog profiles and languages: by name either way, a page with the total, within the caller's reach.
    const profiles = await fc.profile.list({});
    const names = profiles.items.map((p) => p.name);
    const lastTwo = await fc.profile.page({ desc: true, limit: 2 });
    expect(lastTwo).toMatchObject({ total: names.length });
    expect(lastTwo.items.map((p) => p.name)).toEqual(names.slice(-2).reverse());
    const one = names[0]!;
    expect((await fc.profile.page({ q: one.toUpperCase() })).items.map((p) => p.name)).toContain(one);
    expect((await nordic.profile.page({})).total).toBe((await nordic.profile.list({})).total);
    const languages = (await fc.language.list({})).items.map((l) => l.name);
    const languagePage = await fc.language.page({ desc: true, offset: 1, limit: 1 });
    expect(languagePage).toMatchObject({ total: languages.length, items: [{ name: languages.at(-2) }] });
  });

  it('refuses a sort the resource does not offer', async () => {
    const ws = await createTestWorkspace(handle.db);
    await expect(ws.caller.account.page({ sort: 'passwordHash' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
