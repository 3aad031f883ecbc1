import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { testServerEnv } from './testing/env';
import { registerTrpc } from './trpc';

// A plain single query or mutation takes the server's direct path (trpc.ts); everything else goes through
// tRPC's own fetch handler. A client must not be able to tell them apart: each request here is sent to the
// server and to a reference mount that sends every call through tRPC's handler, on the same database, and the
// two answers must match (status, the headers a client reads, body).

type Answer = { status: number; headers: Record<string, string | null>; body: unknown };

describe('tRPC direct path answers as tRPC does', () => {
  let handle: DbHandle;
  let server: FastifyInstance;
  let reference: FastifyInstance;
  let serverUrl: string;
  let referenceUrl: string;
  let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
  let token: string;

  beforeAll(async () => {
    handle = await createTestDb();
    server = await buildServer({ db: handle, env: testServerEnv });
    serverUrl = await server.listen({ host: '127.0.0.1', port: 0 });
    reference = Fastify();
    await registerTrpc(reference, { db: handle, env: testServerEnv, direct: false });
    referenceUrl = await reference.listen({ host: '127.0.0.1', port: 0 });
    ws = await createTestWorkspace(handle.db);
    ({ token } = await ws.caller.apiToken.create({ name: 'direct', scopes: ['rpdb:read', 'rpdb:write', 'accounts:read'] }));
  });
  afterAll(async () => {
    await server?.close();
    await reference?.close();
    await handle?.close();
  });

  async function ask(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
    const res = await fetch(base + path, init);
    const text = await res.text();
    const headers: Record<string, string | null> = {};
    for (const name of ['content-type', 'vary', 'retry-after']) headers[name] = res.headers.get(name);
    // The cookie's value and expiry differ (a new session each time, a second apart); its attributes must not.
    headers['set-cookie'] =
      res.headers
        .get('set-cookie')
        ?.replace(/^ph_session=[^;]*/, 'ph_session=…')
        .replace(/Expires=[^;]*/, 'Expires=…') ?? null;
    return { status: res.status, headers, body: text ? JSON.parse(text) : text };
  }

  /** Both answers, with values that legitimately differ between two calls (ids, times, names) masked. */
  async function both(path: string | ((n: number) => string), init: RequestInit | ((n: number) => RequestInit) = {}) {
    const at = (n: number) => [typeof path === 'function' ? path(n) : path, typeof init === 'function' ? init(n) : init] as const;
    const direct = await ask(serverUrl, ...at(1));
    const viaTrpc = await ask(referenceUrl, ...at(2));
    const mask = (a: Answer) =>
      JSON.parse(
        JSON.stringify(a)
          .replace(/"(id|createdAt|updatedAt|expiresAt|retry-after)":("[^"]*"|\d+)/g, '"$1":"…"')
          .replace(/(direct|reference)-call-\d/g, '…'),
      );
    expect(mask(direct)).toEqual(mask(viaTrpc));
    return direct;
  }

  const bearer = () => ({ authorization: `Bearer ${token}` });
  const input = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));
  const post = (json: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ json }),
  });

  it('a query: its data, and its refusals (no credential, bad input, not found, missing scope)', async () => {
    const { account } = await ws.caller.rpdb.account.create({ name: 'direct', password: 'direct-password-1' });
    const profile = await ws.caller.rpdb.profile.create({ accountId: account.id, name: 'p', attributes: [] });
    const ok = await both(`/trpc/rpdb.profile.get?input=${input({ accountId: account.id, id: profile.id })}`, { headers: bearer() });
    expect(ok.status).toBe(200);
    expect((await both('/trpc/rpdb.profile.get', {})).status).toBe(401);
    expect((await both(`/trpc/rpdb.profile.get?input=${input({ accountId: 'x' })}`, { headers: bearer() })).status).toBe(400);
    expect(
      (await both(`/trpc/rpdb.profile.get?input=${input({ accountId: account.id, id: 999_999 })}`, { headers: bearer() })).status,
    ).toBe(404);
    expect((await both('/trpc/apiToken.list', { headers: bearer() })).status).toBe(403);
    // A query without input, and superjson input with a Date in it.
    expect((await both('/trpc/auth.me', { headers: bearer() })).status).toBe(200);
  });

  it('a mutation: created, then a conflict; sent as GET, or a query sent as POST, is refused the same way', async () => {
    const { account } = await ws.caller.rpdb.account.create({ name: 'direct-2', password: 'direct-password-1' });
    const created = await both('/trpc/rpdb.profile.create', (n) =>
      post({ accountId: account.id, name: `${n === 1 ? 'direct' : 'reference'}-call-${n}`, attributes: [] }, bearer()),
    );
    expect(created.status).toBe(200);
    await ws.caller.rpdb.profile.create({ accountId: account.id, name: 'same', attributes: [] });
    expect((await both('/trpc/rpdb.profile.create', post({ accountId: account.id, name: 'same', attributes: [] }, bearer()))).status).toBe(
      409,
    );
    expect(
      (await both(`/trpc/rpdb.profile.create?input=${input({ accountId: account.id, name: 'g' })}`, { headers: bearer() })).status,
    ).toBe(405);
    expect((await both('/trpc/auth.me', post(undefined, bearer()))).status).toBe(405);
  });

  it('sign-in: the session cookie, a wrong password, and the throttle with its Retry-After', async () => {
    const login = (password: string) => post({ workspace: ws.slug, username: 'owner', password });
    const signedIn = await both('/trpc/auth.login', login(ws.password));
    expect(signedIn.headers['set-cookie']).toMatch(/^ph_session=…; Path=\/; HttpOnly; SameSite=Lax/);
    let last: Answer | undefined;
    for (let i = 0; i < 20 && last?.status !== 429; i++) last = await both('/trpc/auth.login', login(`wrong-${i}`));
    expect(last?.status).toBe(429);
    expect(last?.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('what only tRPC handles: unknown procedures, batches, unparseable input, HEAD', async () => {
    expect((await both('/trpc/no.such.procedure', { headers: bearer() })).status).toBe(404);
    expect((await both('/trpc/auth.me', { method: 'HEAD', headers: bearer() })).status).toBe(204);
    expect((await both(`/trpc/auth.me,auth.me?batch=1&input=${encodeURIComponent('{}')}`, { headers: bearer() })).status).toBe(200);
    expect((await both('/trpc/rpdb.profile.get?input=%7B', { headers: bearer() })).status).toBe(400);
    expect(
      (await both('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"json":' })).status,
    ).toBe(400);
  });
});
