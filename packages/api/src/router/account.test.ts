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

async function signIn(slug: string, username: string, password: string) {
  const sessionToken = await signInForTest(handle.db, { workspace: slug, username, password });
  // Each call is a new request: the session is looked up again, as the HTTP transport does.
  const request = async () => createCaller(await createContext({ db: handle.db, requestId: 's', credentials: { session: sessionToken } }));
  return { caller: await request(), request, sessionToken };
}

describe('accounts', () => {
  it('generates a password once when none is given, and it signs in', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { account, password } = await ws.caller.account.create({ username: 'gen', role: 'admin' });
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(account).not.toHaveProperty('passwordHash');
    const { caller } = await signIn(ws.slug, 'gen', password!);
    expect((await caller.auth.me()).account?.role).toBe('admin');
  });

  it('rejects weak input with field issues and changes nothing', async () => {
    const ws = await createTestWorkspace(handle.db);
    await expect(ws.caller.account.create({ username: 'bad name!', password: 'short' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await ws.caller.account.list()).toHaveLength(1);
  });

  it('an admin cannot grant or touch the owner role', async () => {
    const ws = await createTestWorkspace(handle.db);
    await ws.caller.account.create({ username: 'adm', role: 'admin', password: 'admin-password-1' });
    const { caller } = await signIn(ws.slug, 'adm', 'admin-password-1');
    await expect(caller.account.create({ username: 'o2', role: 'owner', password: 'owner-password-1' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const owner = (await ws.caller.account.list()).find((x) => x.username === 'owner')!;
    await expect(caller.account.setDisabled({ id: owner.id, disabled: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps at least one active owner and nobody disables themselves', async () => {
    const ws = await createTestWorkspace(handle.db);
    const owner = (await ws.caller.account.list())[0]!;
    await expect(ws.caller.account.update({ id: owner.id, role: 'admin' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(ws.caller.account.setDisabled({ id: owner.id, disabled: true })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('disabling an account ends its sessions; a password change does too', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { account } = await ws.caller.account.create({ username: 'dan', role: 'viewer', password: 'dan-password-12' });
    const first = await signIn(ws.slug, 'dan', 'dan-password-12');
    await ws.caller.account.setDisabled({ id: account.id, disabled: true });
    await expect((await first.request()).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(signIn(ws.slug, 'dan', 'dan-password-12')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    await ws.caller.account.setDisabled({ id: account.id, disabled: false });
    const second = await signIn(ws.slug, 'dan', 'dan-password-12');
    await ws.caller.account.update({ id: account.id, password: 'new-password-123' });
    await expect((await second.request()).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const audit = await ws.caller.auditLog.list({ entityId: account.id });
    expect(audit.items.map((i) => i.action)).toEqual([
      'account.update',
      'auth.login',
      'account.enable',
      'account.disable',
      'auth.login',
      'account.create',
    ]);
    expect(JSON.stringify(audit.items)).not.toContain('new-password-123');
  });

  it('pages the audit log with a cursor, newest first', async () => {
    const ws = await createTestWorkspace(handle.db);
    for (const n of [1, 2, 3]) await ws.caller.apiToken.create({ name: `t${n}`, scopes: ['audit:read'] });
    const page1 = await ws.caller.auditLog.list({ limit: 2 });
    const page2 = await ws.caller.auditLog.list({ limit: 2, cursor: page1.nextCursor });
    expect(page1.items.map((i) => (i.after as { name?: string }).name)).toEqual(['t3', 't2']);
    expect(page2.items.map((i) => i.action)).toEqual(['api_token.create', 'workspace.create']);
    expect(page2.nextCursor).toBeNull();
  });
});
