import { apiTokens, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCaller } from '../root';
import { createTestWorkspace } from '../testing';

// Two workspaces; every identity procedure is called by B against A's rows and must neither see nor change them.
let handle: DbHandle;
let a: Awaited<ReturnType<typeof createTestWorkspace>>;
let b: Awaited<ReturnType<typeof createTestWorkspace>>;
let aAccountId: string;
let aTokenId: string;

beforeAll(async () => {
  handle = await createTestDb();
  a = await createTestWorkspace(handle.db, 'alpha');
  b = await createTestWorkspace(handle.db, 'beta');
  aAccountId = (await a.caller.account.create({ username: 'alice', password: 'alice-password-1' })).account.id;
  aTokenId = (await a.caller.apiToken.create({ name: 'a-token', scopes: ['accounts:read'] })).apiToken.id;
});
afterAll(async () => {
  await handle?.close();
});

const cases: Record<string, () => Promise<void>> = {
  'auth.login': async () => {
    // A's account cannot be used to sign in to B's workspace.
    await expect(b.caller.auth.login({ workspace: 'beta', username: 'alice', password: 'alice-password-1' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  },
  'auth.me': async () => {
    expect((await b.caller.auth.me()).workspace.slug).toBe('beta');
  },
  'auth.logout': async () => {
    await b.caller.auth.logout();
    expect((await a.caller.account.list()).map((x) => x.username)).toContain('alice');
  },
  'account.list': async () => {
    expect((await b.caller.account.list()).map((x) => x.username)).toEqual(['owner']);
  },
  'account.page': async () => {
    const page = await b.caller.account.page({ q: 'alice', limit: 100 });
    expect(page.items.map((x) => x.id)).not.toContain(aAccountId);
    expect((await b.caller.account.page({ limit: 100 })).items.every((x) => x.id !== aAccountId)).toBe(true);
  },
  'account.create': async () => {
    // Same username in another workspace is a different account, not a conflict.
    const { account } = await b.caller.account.create({ username: 'alice', password: 'other-password-1' });
    expect(account.id).not.toBe(aAccountId);
  },
  'account.update': async () => {
    await expect(b.caller.account.update({ id: aAccountId, displayName: 'hijacked' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await a.caller.account.list()).find((x) => x.id === aAccountId)?.displayName).toBe('');
  },
  'account.setDisabled': async () => {
    await expect(b.caller.account.setDisabled({ id: aAccountId, disabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await a.caller.account.list()).find((x) => x.id === aAccountId)?.disabledAt).toBeNull();
  },
  'apiToken.list': async () => {
    expect((await b.caller.apiToken.list()).map((t) => t.id)).not.toContain(aTokenId);
  },
  'apiToken.page': async () => {
    expect((await b.caller.apiToken.page({ q: 'a-token', limit: 100 })).items.map((t) => t.id)).not.toContain(aTokenId);
    expect((await b.caller.apiToken.page({ limit: 100 })).items.every((t) => t.id !== aTokenId)).toBe(true);
  },
  'apiToken.create': async () => {
    const { apiToken } = await b.caller.apiToken.create({ name: 'b-token', scopes: ['audit:read'] });
    const [row] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id));
    expect(row?.workspaceId).toBe(b.actor.workspaceId);
  },
  'apiToken.revoke': async () => {
    await expect(b.caller.apiToken.revoke({ id: aTokenId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await a.caller.apiToken.list()).find((t) => t.id === aTokenId)?.status).toBe('active');
  },
  'auditLog.list': async () => {
    const { items } = await b.caller.auditLog.list({ entityId: aAccountId });
    expect(items).toEqual([]);
    const all = await b.caller.auditLog.list({ limit: 200 });
    expect(all.items.every((i) => i.entityId !== aAccountId && i.entityId !== aTokenId)).toBe(true);
  },
  'auditLog.page': async () => {
    expect((await b.caller.auditLog.page({ entityId: aAccountId })).total).toBe(0);
    expect((await b.caller.auditLog.page({ q: 'alice', limit: 200 })).items.every((i) => i.entityId !== aAccountId)).toBe(true);
  },
  'auditLog.changes': async () => {
    // From the very start of the log: B's feed yields B's own first change, never one of A's.
    const ac = new AbortController();
    const feed = await createCaller({ ...b.ctx }, { signal: ac.signal }).auditLog.changes({ lastEventId: '0' });
    const first = await feed[Symbol.asyncIterator]().next();
    ac.abort();
    const [, event] = first.value as unknown as [string, { entityId: string | null }];
    expect([aAccountId, aTokenId]).not.toContain(event.entityId);
    expect((await b.caller.auditLog.page({ limit: 200 })).items.map((i) => i.id)).toContain((event as unknown as { id: number }).id);
  },
};

const identityRouters = ['auth', 'account', 'apiToken', 'auditLog'];

describe('workspace isolation', () => {
  it('has a case for every identity procedure', () => {
    const paths = Object.keys(appRouter._def.procedures).filter((p) => identityRouters.includes(p.split('.')[0]!));
    expect(paths.sort()).toEqual(Object.keys(cases).sort());
  });
  for (const [path, run] of Object.entries(cases)) it(`${path} never reads or writes another workspace`, run);
});
