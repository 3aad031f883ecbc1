import { auditLog, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Clock, call, controller, login, startServer, VIEWER_PASSWORD, type WireProfile } from './testing';

// A HEAD must not write (docs/vendor-decisions.md, Appgate): HEAD on the export routes answers what the GET
// would (status and headers) without stamping `exported` or writing an audit row.

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-05-20T13:35:31.836Z') };
let ctl: Awaited<ReturnType<typeof controller>>;
let adminToken: string;
let viewerToken: string;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  ctl = await controller(handle, clock);
  adminToken = await login(base, ctl.admin.username, ADMIN_PASSWORD);
  viewerToken = await login(base, ctl.viewer.username, VIEWER_PASSWORD);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

async function audits(id: string): Promise<string[]> {
  const rows = await handle.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, ctl.actor.workspaceId), eq(auditLog.entityId, id)));
  return rows.map((r) => r.action);
}

describe('HEAD on the export routes', () => {
  it('answers like GET (200, 403, 404) but neither stamps `exported` nor writes an audit row', async () => {
    const created = await call<WireProfile>(base, 'POST', '/admin/client-profiles', {
      token: adminToken,
      body: { name: 'Head only', identityProviderName: 'local', hostname: 'appgate.company.com' },
    });
    expect(created.status).toBe(200);
    const p = created.body;
    for (const route of ['url', 'barcode']) {
      const head = await call(base, 'HEAD', `/admin/client-profiles/${p.id}/${route}`, { token: adminToken });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toMatch(/json/);
      expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
      expect(head.text).toBe('');
    }
    // The same refusals a GET gets: no Export privilege, an unknown profile.
    expect((await call(base, 'HEAD', `/admin/client-profiles/${p.id}/url`, { token: viewerToken })).status).toBe(403);
    expect(
      (await call(base, 'HEAD', '/admin/client-profiles/00000000-0000-4000-8000-000000000000/url', { token: adminToken })).status,
    ).toBe(404);
    const after = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${p.id}`, { token: adminToken });
    expect(after.body).toEqual(p);
    expect(after.body).not.toHaveProperty('exported');
    expect(await audits(p.id)).toEqual(['appgate.clientProfile.create']);
    // A GET still exports: stamped and audited once.
    expect((await call(base, 'GET', `/admin/client-profiles/${p.id}/url`, { token: adminToken })).status).toBe(200);
    const exported = await call<WireProfile>(base, 'GET', `/admin/client-profiles/${p.id}`, { token: adminToken });
    expect(exported.body.exported).toBe(clock.now.toISOString());
    expect(await audits(p.id)).toEqual(['appgate.clientProfile.create', 'appgate.clientProfile.export']);
  });
});
