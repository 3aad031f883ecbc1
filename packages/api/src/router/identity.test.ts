import { auditLog, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../root';
import { createTestContext, createTestWorkspace, failCommitWhen } from '../testing';

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
        response: { startSession: (v) => (cookie = v), endSession: () => (cookie = undefined) },
      }),
    );
    const res = await anon.auth.login({ workspace: ws.slug, username: 'OWNER', password: ws.password });
    expect(res.account.username).toBe('owner');
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(res)).not.toContain(cookie);
    const issued = cookie!;

    const { createContext } = await import('../create-context');
    const ctx = await createContext({ db: handle.db, requestId: 'r1', credentials: { session: cookie } });
    expect(ctx.actor?.type).toBe('account');
    const me = await createCaller(ctx).auth.me();
    expect(me.workspace.slug).toBe(ws.slug);

    await createCaller({ ...ctx, response: { startSession: () => {}, endSession: () => (cookie = undefined) } }).auth.logout();
    const after = await createContext({ db: handle.db, requestId: 'r2', credentials: { session: issued } });
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
  it('a mutation that fails after its audit() leaves no audit row', async () => {
    const ws = await createTestWorkspace(handle.db);
    await ws.caller.account.create({ username: 'kept', password: 'long-enough-password' });
    // The create runs every statement, audit() included, and fails only at COMMIT.
    await failCommitWhen(handle.db, 'accounts', 'username', 'refused-at-commit');
    await expect(ws.caller.account.create({ username: 'refused-at-commit', password: 'long-enough-password' })).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    });
    const rows = await handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.actor.workspaceId)).orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(['workspace.create', 'account.create']);
    expect((await ws.caller.account.list()).map((a) => a.username)).toEqual(['kept', 'owner']);
  });
});
