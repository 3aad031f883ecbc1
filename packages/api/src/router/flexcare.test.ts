import { auditLog, type DbHandle, flexcareProfiles, flexcareSessions } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets';
import { createCaller } from '../root';
import { LOGIN_CANDIDATES, passwordChecks, resolveFlexcareActor } from '../service/flexcare/auth';
import { createTestContext, createTestWorkspace, failCommitWhen } from '../testing';
import { flexcareDemoSeeder } from './flexcare/demo';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const anon = () => createCaller(createTestContext(handle.db));

/** Logs an employee in through the vendor login and returns a caller acting as that employee. */
async function employeeCaller(username: string, password: string) {
  const { token } = await anon().flexcare.auth.login({ username, password });
  const actor = await resolveFlexcareActor(handle.db, token, new Date());
  return createCaller(createTestContext(handle.db, actor));
}

type Creds = { username: string; password: string };
type DemoSection = { url: string; admin: Creds; resellerAdmin: Creds; manager: Creds };

describe('flexcare demo seed', () => {
  it('seeds two resellers, scoped profiles and three working logins', async () => {
    const ws = await createTestWorkspace(handle.db);
    const section = (await flexcareDemoSeeder.seed(ws.ctx, { apiUrl: 'http://api.test', adminUrl: 'http://admin.test' })) as DemoSection;
    expect(section).toEqual({
      url: 'http://api.test',
      admin: { username: 'admin@flexcare.demo', password: expect.any(String) },
      resellerAdmin: { username: 'reseller@flexcare.demo', password: expect.any(String) },
      manager: { username: 'manager@flexcare.demo', password: expect.any(String) },
    });
    expect((await ws.caller.flexcare.reseller.list()).map((r) => r.name)).toEqual(['Baltic Health Resellers', 'Nordic Care Partners']);

    const admin = await employeeCaller(section.admin.username, section.admin.password);
    const all = await admin.flexcare.profile.list({});
    expect(all.items.map((p) => p.name)).toEqual(['Aarhus reception', 'Odense emergency', 'Riga front desk']);
    expect(all.items.map((p) => p.totalLicenses)).toEqual([2, 1, 0]);

    const reseller = await employeeCaller(section.resellerAdmin.username, section.resellerAdmin.password);
    const own = await reseller.flexcare.profile.list({});
    expect(own.items.map((p) => p.name)).toEqual(['Aarhus reception', 'Odense emergency']);
    const riga = all.items.find((p) => p.name === 'Riga front desk')!;
    await expect(reseller.flexcare.profile.get({ id: riga.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const manager = await employeeCaller(section.manager.username, section.manager.password);
    await expect(manager.flexcare.profile.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('flexcare login work', () => {
  it('every attempt checks exactly LOGIN_CANDIDATES hashes: candidates first, decoys after', () => {
    const hash = (n: number) => Array.from({ length: n }, (_, i) => ({ passwordHash: `h${i}` }));
    for (const n of [0, 1, LOGIN_CANDIDATES, LOGIN_CANDIDATES + 2]) {
      const checks = passwordChecks(hash(n));
      expect(checks).toHaveLength(LOGIN_CANDIDATES);
      expect(checks.filter((c) => c !== null)).toEqual(hash(Math.min(n, LOGIN_CANDIDATES)));
      expect(checks.slice(Math.min(n, LOGIN_CANDIDATES)).every((c) => c === null)).toBe(true);
    }
  });
});

describe('flexcare procedures', () => {
  async function setup() {
    const ws = await createTestWorkspace(handle.db);
    const api = ws.caller.flexcare;
    const r1 = await api.reseller.create({ name: 'R1' });
    const r2 = await api.reseller.create({ name: 'R2' });
    const c1 = await api.customer.create({ name: 'C1', reseller: r1.id });
    const c2 = await api.customer.create({ name: 'C2', reseller: r2.id });
    const password = 'long-enough-password';
    const username = `ra-${ws.slug}@test`;
    await api.employee.create({ customer: c1.id, username, accessLevel: 'RESELLER_ADMIN', password });
    const ra = await employeeCaller(username, password);
    return { ws, api, r1, r2, c1, c2, ra };
  }

  it('nobody grants an access level above their own; a reseller admin manages only its own customers', async () => {
    const { ra, c1, c2, r2 } = await setup();
    await expect(ra.flexcare.employee.create({ customer: c1.id, username: 'boss@x.test', accessLevel: 'ADMIN' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'You cannot grant an access level above your own',
    });
    const made = await ra.flexcare.employee.create({ customer: c1.id, username: 'mgr@x.test', accessLevel: 'MANAGER' });
    expect(made.employee.accessLevel).toBe('MANAGER');
    expect(made.password).toMatch(/^\S{20}$/);
    await expect(ra.flexcare.employee.update({ id: made.employee.id, accessLevel: 'ADMIN' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ra.flexcare.employee.create({ customer: c2.id, username: 'x@x.test', accessLevel: 'VIEWER' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await ra.flexcare.customer.list()).map((c) => c.name)).toEqual(['C1']);
    await expect(ra.flexcare.customer.create({ name: 'Other', reseller: r2.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ra.flexcare.customer.create({ name: 'Mine' })).toMatchObject({ reseller: c1.reseller });
    await expect(ra.flexcare.reseller.create({ name: 'R3' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the vendor list answers the rows and total of every reach, name filter and customer filter', async () => {
    const { ws, api, ra, c1, c2 } = await setup();
    const c3 = await api.customer.create({ name: 'C3' });
    const c4 = await api.customer.create({ name: 'C4' });
    const password = 'long-enough-password';
    await api.employee.create({ customer: c3.id, username: `own-${ws.slug}@test`, accessLevel: 'RESELLER_ADMIN', password });
    const own = await employeeCaller(`own-${ws.slug}@test`, password);
    for (const [name, customer] of [
      ['b 50% one', c1],
      ['a one', c1],
      ['c two', c2],
      ['a 50% three', c3],
      ['b three', c3],
      ['four', c4],
    ] as const)
      await api.profile.create({ name, customer: customer.id });
    const list = async (caller: typeof api, input: Parameters<typeof api.profile.list>[0]) => {
      const page = await caller.profile.list(input);
      return { total: page.total, names: page.items.map((p) => p.name) };
    };
    const cases: [typeof api, Parameters<typeof api.profile.list>[0], { total: number; names: string[] }][] = [
      [api, {}, { total: 6, names: ['a 50% three', 'a one', 'b 50% one', 'b three', 'c two', 'four'] }],
      [api, { filter: '50%' }, { total: 2, names: ['a 50% three', 'b 50% one'] }],
      [api, { filter: '0_' }, { total: 0, names: [] }],
      [api, { customer: c3.id, offset: 1 }, { total: 2, names: ['b three'] }],
      [api, { customer: c1.id, filter: 'ONE', limit: 1 }, { total: 2, names: ['a one'] }],
      [ra.flexcare, {}, { total: 2, names: ['a one', 'b 50% one'] }],
      [ra.flexcare, { filter: '%' }, { total: 1, names: ['b 50% one'] }],
      [ra.flexcare, { customer: c2.id }, { total: 0, names: [] }],
      [ra.flexcare, { customer: c1.id, filter: 'a' }, { total: 1, names: ['a one'] }],
      [own.flexcare, {}, { total: 2, names: ['a 50% three', 'b three'] }],
      [own.flexcare, { filter: 'B' }, { total: 1, names: ['b three'] }],
      [own.flexcare, { customer: c4.id }, { total: 0, names: [] }],
      [own.flexcare, { customer: c3.id, filter: 'three', offset: 1 }, { total: 2, names: ['b three'] }],
    ];
    for (const [caller, input, expected] of cases) expect(await list(caller, input), JSON.stringify(input)).toEqual(expected);
  });

  it('a caller that lives across calls sees a demotion on its very next call', async () => {
    const { api, ra, ws } = await setup();
    expect((await ra.flexcare.profile.list({})).total).toBe(0);
    const [employee] = (await api.employee.list({})).filter((e) => e.username === `ra-${ws.slug}@test`);
    await api.employee.update({ id: employee!.id, accessLevel: 'MANAGER' });
    await expect(ra.flexcare.profile.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('rotates the mdmKey (audited with the key redacted)', async () => {
    const { api, c1, ws } = await setup();
    const p = await api.profile.create({ name: 'P', customer: c1.id });
    const rotated = await api.profile.rotateMdmKey({ id: p.id });
    expect(rotated.mdmKey).toMatch(/^[0-9a-f]{24}-[0-9a-f]{24}$/);
    expect(rotated.mdmKey).not.toBe(p.mdmKey);
    expect({ ...rotated, mdmKey: p.mdmKey }).toEqual(p);
    const rows = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.actor.workspaceId), eq(auditLog.entityId, p.id)))
      .orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.action)).toEqual(['flexcare.profile.create', 'flexcare.profile.rotateMdmKey']);
    expect(JSON.stringify(rows)).not.toContain(p.mdmKey);
  });

  it('issues and revokes licenses; an auth code is 8 digits; a past expiry is refused', async () => {
    const { api, ra, c1, c2 } = await setup();
    const p = await api.profile.create({ name: 'P', customer: c1.id });
    const foreign = await api.profile.create({ name: 'F', customer: c2.id });
    const expire = new Date(Date.now() + 86_400_000);
    const code = await ra.flexcare.license.issue({ profile: p.id, expire, authenticatedBy: 'AUTHCODE' });
    expect(code.authCode).toMatch(/^\d{8}$/);
    await expect(ra.flexcare.license.issue({ profile: foreign.id, expire })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.license.issue({ profile: p.id, expire: new Date(Date.now() - 1000) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const other = await api.license.issue({ profile: foreign.id, expire });
    await expect(ra.flexcare.license.revoke({ id: other.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ra.flexcare.license.revoke({ id: code.id })).toEqual({ success: true });
    expect((await api.license.list({ profile: p.id })).total).toBe(0);
    expect((await api.license.list({ profile: foreign.id })).total).toBe(1);
  });

  it('stores only the SHA-256 of a session token', async () => {
    const { api, c1 } = await setup();
    await api.employee.create({ customer: c1.id, username: 'hash@x.test', accessLevel: 'VIEWER', password: 'long-enough-password' });
    const { token } = await anon().flexcare.auth.login({ username: 'hash@x.test', password: 'long-enough-password' });
    const hashed = await handle.db
      .select()
      .from(flexcareSessions)
      .where(eq(flexcareSessions.tokenHash, sha256(token)));
    expect(hashed).toHaveLength(1);
    expect(await handle.db.select().from(flexcareSessions).where(eq(flexcareSessions.tokenHash, token))).toHaveLength(0);
  });

  it('a rejected create writes neither a profile nor an audit row', async () => {
    const { api, ws } = await setup();
    const before = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.actor.workspaceId));
    await expect(api.profile.create({ name: 'P', customer: '0123456789abcdef01234567' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.actor.workspaceId))).toHaveLength(before.length);
    expect(await handle.db.select().from(flexcareProfiles).where(eq(flexcareProfiles.workspaceId, ws.actor.workspaceId))).toHaveLength(0);
  });

  it('a create that fails after its audit() writes neither a profile nor an audit row', async () => {
    const { api, ws, c1 } = await setup();
    const before = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.actor.workspaceId));
    // The create runs every statement, audit() included, and fails only at COMMIT.
    await failCommitWhen(handle.db, 'flexcare_profiles', 'name', 'Refused at commit');
    await expect(api.profile.create({ name: 'Refused at commit', customer: c1.id })).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.actor.workspaceId))).toHaveLength(before.length);
    expect(await handle.db.select().from(flexcareProfiles).where(eq(flexcareProfiles.workspaceId, ws.actor.workspaceId))).toHaveLength(0);
  });

  it('keeps workspaces apart', async () => {
    const a = await setup();
    const b = await setup();
    const p = await a.api.profile.create({ name: 'Only in A', customer: a.c1.id });
    await expect(b.api.profile.get({ id: p.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await b.api.profile.list({})).total).toBe(0);
    await expect(b.api.profile.create({ name: 'x', customer: a.c1.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.ra.flexcare.profile.update({ id: p.id, name: 'stolen' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an API token with flexcare:read only cannot write', async () => {
    const { ws, c1 } = await setup();
    const { token } = await ws.caller.apiToken.create({ name: 'ro', scopes: ['flexcare:read'] });
    const { createContext } = await import('../create-context');
    const ro = createCaller(await createContext({ db: handle.db, requestId: 'r', credentials: { bearer: token } }));
    expect((await ro.flexcare.profile.list({})).total).toBe(0);
    await expect(ro.flexcare.profile.create({ name: 'x', customer: c1.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
