import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../create-context';
import { createCaller } from '../root';
import { createTestWorkspace, signInForTest } from '../testing';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const asToken = (token: string, now = new Date()) =>
  createContext({ db: handle.db, requestId: 't', credentials: { bearer: token }, now: () => now });

describe('API tokens', () => {
  it('shows the plaintext once, lists only the prefix, and the token authenticates with its scopes', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { token, apiToken } = await ws.caller.apiToken.create({ name: 'ci', scopes: ['accounts:read'] });
    expect(token).toMatch(/^ph_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    const listed = await ws.caller.apiToken.list();
    expect(JSON.stringify(listed)).not.toContain(token);

    const caller = createCaller(await asToken(token));
    expect((await caller.account.list()).map((x) => x.username)).toEqual(['owner']);
    await expect(caller.account.create({ username: 'x1', password: 'long-enough-password' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await ws.caller.apiToken.list())[0]?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a revoked token and an expired one', async () => {
    const ws = await createTestWorkspace(handle.db);
    const revoked = await ws.caller.apiToken.create({ name: 'r', scopes: ['audit:read'] });
    await ws.caller.apiToken.revoke({ id: revoked.apiToken.id });
    expect((await asToken(revoked.token)).actor).toBeNull();
    await expect(createCaller(await asToken(revoked.token)).auditLog.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const expiring = await ws.caller.apiToken.create({ name: 'e', scopes: ['audit:read'], expiresInDays: 1 });
    expect((await asToken(expiring.token)).actor?.type).toBe('api_token');
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect((await asToken(expiring.token, later)).actor).toBeNull();
    expect((await ws.caller.apiToken.list()).find((t) => t.id === expiring.apiToken.id)?.status).toBe('active');
  });

  it('cannot grant scopes its creator lacks, and a viewer cannot create tokens at all', async () => {
    const ws = await createTestWorkspace(handle.db);
    const limited = await ws.caller.apiToken.create({ name: 'l', scopes: ['tokens:read', 'tokens:write'] });
    const caller = createCaller(await asToken(limited.token));
    await expect(caller.apiToken.create({ name: 'wider', scopes: ['accounts:write'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { password } = await ws.caller.account.create({ username: 'vera', role: 'viewer' });
    const session = await signInForTest(handle.db, { workspace: ws.slug, username: 'vera', password: password! });
    const viewer = createCaller(await createContext({ db: handle.db, requestId: 'v', credentials: { session: session } }));
    await expect(viewer.apiToken.create({ name: 'v', scopes: ['audit:read'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('revoking twice is harmless and writes one audit row', async () => {
    const ws = await createTestWorkspace(handle.db);
    const t = await ws.caller.apiToken.create({ name: 'twice', scopes: ['audit:read'] });
    await ws.caller.apiToken.revoke({ id: t.apiToken.id });
    await ws.caller.apiToken.revoke({ id: t.apiToken.id });
    const { items } = await ws.caller.auditLog.list({ action: 'api_token.revoke' });
    expect(items).toHaveLength(1);
    expect(items[0]?.entityId).toBe(t.apiToken.id);
  });
});
