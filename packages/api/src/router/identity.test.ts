import { auditLog, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../root';
import { createTestContext, createTestWorkspace } from '../testing';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe('auth', () => {
  it('logs in with the right password, sets a session cookie and resolves the session as the actor', async () => {
    const ws = await createTestWorkspace(handle.db);
    let cookie: string | undefined;
    const anon = createCaller(
      createTestContext(handle.db, null, {
        response: { setSessionCookie: (v) => (cookie = v), clearSessionCookie: () => (cookie = undefined) },
      }),
    );
    const res = await anon.auth.login({ workspace: ws.slug, username: 'OWNER', password: ws.password });
    expect(res.account.username).toBe('owner');
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(res)).not.toContain(cookie);
    const issued = cookie!;

    const { createContext } = await import('../context');
    const ctx = await createContext({ db: handle.db, requestId: 'r1', credentials: { cookie: `ph_session=${cookie}` } });
    expect(ctx.actor?.type).toBe('account');
    const me = await createCaller(ctx).auth.me();
    expect(me.workspace.slug).toBe(ws.slug);

    await createCaller({ ...ctx, response: { setSessionCookie: () => {}, clearSessionCookie: () => (cookie = undefined) } }).auth.logout();
    const after = await createContext({ db: handle.db, requestId: 'r2', credentials: { cookie: `ph_session=${issued}` } });
    expect(after.actor).toBeNull();
  });

  it('refuses a wrong password and an unknown user with the same error', async () => {
    const ws = await createTestWorkspace(handle.db);
    const anon = createCaller(createTestContext(handle.db));
    await expect(anon.auth.login({ workspace: ws.slug, username: 'owner', password: 'nope' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(anon.auth.login({ workspace: ws.slug, username: 'ghost', password: 'nope' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('audit in the same transaction', () => {
  it('a failed mutation leaves no audit row', async () => {
    const ws = await createTestWorkspace(handle.db);
    await ws.caller.account.create({ username: 'dup', password: 'long-enough-password' });
    const rowsBefore = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.actor.workspaceId));
    await expect(ws.caller.account.create({ username: 'DUP', password: 'long-enough-password' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const rowsAfter = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.actor.workspaceId)).orderBy(auditLog.id);
    expect(rowsAfter.length).toBe(rowsBefore.length);
    expect(rowsAfter.map((r) => r.action)).toEqual(['workspace.create', 'account.create']);
  });
});
