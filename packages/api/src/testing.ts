import { randomBytes } from 'node:crypto';
import type { Database } from '@profilehub/db';
import type { Actor } from './auth/actor';
import type { AuthedContext, Context } from './context';
import { createCaller } from './root';
import { createWorkspaceWithOwner } from './service/workspace';

/** A context as a transport would build it, for router tests through `createCaller`. */
export function createTestContext(db: Database, actor: Actor | null = null, overrides: Partial<Context> = {}): Context {
  return { db, actor, requestId: `test-${randomBytes(4).toString('hex')}`, now: () => new Date(), meta: {}, ...overrides };
}

/** A fresh workspace with an owner; returns the owner's context and a caller acting as the owner. */
export async function createTestWorkspace(db: Database, slug = `ws-${randomBytes(4).toString('hex')}`) {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const ctx: AuthedContext = await createWorkspaceWithOwner(db, { slug, name: slug, username: 'owner', password });
  return { ctx, slug, password, actor: ctx.actor, caller: createCaller(ctx) };
}

/** Signs in like a browser: returns the session cookie value the transport would set. */
export async function signInForTest(db: Database, input: { workspace: string; username: string; password: string }): Promise<string> {
  let cookie: string | undefined;
  const anon = createCaller(
    createTestContext(db, null, { response: { setSessionCookie: (value) => (cookie = value), clearSessionCookie: () => {} } }),
  );
  await anon.auth.login(input);
  if (!cookie) throw new Error('login set no session cookie');
  return cookie;
}
