import { createHash } from 'node:crypto';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import type { AppRouter } from '@profilehub/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProfilehubClient, describeClientError, type ProfilehubClient } from './index';
import { startTestServer, type TestServer } from './testing';

let server: TestServer;
let owner: ProfilehubClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = server.client(server.ownerToken);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.clock.set(new Date());
});

const DAY_MS = 86_400_000;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

/** An admin-UI style client: signed in with a session cookie instead of a token. */
function sessionClient(sessionToken: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${server.url}/trpc`, transformer: superjson, headers: { cookie: `ph_session=${sessionToken}` } })],
  });
}

/** Signs in over HTTP like the admin UI; the session secret arrives only in the HttpOnly cookie. */
async function signIn(username: string, password: string) {
  const res = await fetch(`${server.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: { workspace: server.ws.slug, username, password } }),
  });
  const session = /^ph_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!res.ok || !session) throw new Error(`sign-in failed: ${res.status}`);
  expect(await res.text()).not.toContain(session);
  return sessionClient(session);
}

async function listed(id: string) {
  const list = await owner.apiToken.list.query();
  return list.find((t) => t.id === id);
}

describe('API tokens through the typed client', () => {
  it('creates a token, lists it active with its prefix and scopes, and never sends its secret or hash back', async () => {
    const { token, apiToken } = await owner.apiToken.create.mutate({ name: 'sync', scopes: ['tokens:read', 'accounts:read'] });
    expect(token).toMatch(/^ph_[A-Za-z0-9_-]{20,}$/);
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    expect(apiToken.prefix.length).toBeLessThan(token.length / 2);

    expect(await listed(apiToken.id)).toEqual({
      id: apiToken.id,
      name: 'sync',
      prefix: apiToken.prefix,
      scopes: ['tokens:read', 'accounts:read'],
      accountId: server.ownerAccountId,
      accountUsername: 'owner',
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: server.clock.now(),
      status: 'active',
    });

    const raw = await fetch(`${server.url}/trpc/apiToken.list`, { headers: { authorization: `Bearer ${server.ownerToken}` } });
    expect(raw.status).toBe(200);
    const body = await raw.text();
    expect(body).toContain(apiToken.prefix);
    expect(body).not.toContain(token);
    expect(body).not.toContain(server.ownerToken);
    expect(body).not.toContain(createHash('sha256').update(token).digest('hex'));
    expect(body).not.toMatch(/hash/i);
  });

  it('refuses a revoked token on its very next call', async () => {
    const { token, apiToken } = await owner.apiToken.create.mutate({ name: 'to-revoke', scopes: ['tokens:read'] });
    const holder = server.client(token);
    expect((await holder.auth.me.query()).label).toBe('owner/to-revoke');

    const revoked = await owner.apiToken.revoke.mutate({ id: apiToken.id });
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: server.clock.now() });

    const err = await rejection(holder.apiToken.list.query());
    expect(err).toMatchObject({ data: { code: 'UNAUTHORIZED', httpStatus: 401 } });
    expect(describeClientError(err)).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
    expect(await listed(apiToken.id)).toMatchObject({ status: 'revoked', revokedAt: server.clock.now() });
  });

  it('refuses a token once its expiry passes on the server clock', async () => {
    const { token, apiToken } = await owner.apiToken.create.mutate({ name: 'short', scopes: ['tokens:read'], expiresInDays: 1 });
    expect(apiToken.expiresAt).toEqual(new Date(server.clock.now().getTime() + DAY_MS));
    const holder = server.client(token);

    server.clock.advance(DAY_MS - 1_000);
    await expect(holder.apiToken.list.query()).resolves.toBeInstanceOf(Array);

    server.clock.advance(1_000);
    await expect(holder.apiToken.list.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect(await listed(apiToken.id)).toMatchObject({ status: 'expired', revokedAt: null });
  });

  it('records when a token was last used, at most once a minute', async () => {
    const { token, apiToken } = await owner.apiToken.create.mutate({ name: 'used', scopes: ['tokens:read'] });
    expect((await listed(apiToken.id))?.lastUsedAt).toBeNull();
    const firstUse = server.clock.now();
    await server.client(token).auth.me.query();
    expect((await listed(apiToken.id))?.lastUsedAt).toEqual(firstUse);

    server.clock.advance(30_000);
    await server.client(token).auth.me.query();
    expect((await listed(apiToken.id))?.lastUsedAt).toEqual(firstUse);

    server.clock.advance(31_000);
    await server.client(token).auth.me.query();
    expect((await listed(apiToken.id))?.lastUsedAt).toEqual(server.clock.now());
  });
});

describe('a token never holds scopes its owner lacks', () => {
  it('refuses to mint a token wider than the token asking', async () => {
    const { token } = await owner.apiToken.create.mutate({ name: 'minter', scopes: ['tokens:read', 'tokens:write'] });
    const before = (await owner.apiToken.list.query()).length;

    const err = await rejection(server.client(token).apiToken.create.mutate({ name: 'wider', scopes: ['tokens:read', 'accounts:write'] }));
    expect(describeClientError(err)).toEqual({
      code: 'FORBIDDEN',
      message: 'You cannot grant scopes you do not hold: accounts:write',
      domainCode: 'SCOPE_TOO_WIDE',
      httpStatus: 403,
      issues: [],
    });
    expect((await owner.apiToken.list.query()).length).toBe(before);
  });

  it('refuses token creation to a viewer, and shrinks the tokens of an admin demoted to viewer', async () => {
    const password = 'a-long-enough-password';
    const { account } = await owner.account.create.mutate({ username: 'ops', role: 'admin', password });
    const ops = await signIn('ops', password);
    const { token } = await ops.apiToken.create.mutate({ name: 'ops-accounts', scopes: ['accounts:read', 'accounts:write'] });
    const opsToken = server.client(token);
    await expect(opsToken.account.create.mutate({ username: 'made-by-ops', password })).resolves.toMatchObject({
      account: { role: 'viewer' },
    });

    await owner.account.update.mutate({ id: account.id, role: 'viewer' });

    expect((await opsToken.auth.me.query()).scopes).toEqual(['accounts:read']);
    await expect(opsToken.account.create.mutate({ username: 'second-try', password })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN', httpStatus: 403 },
    });
    await expect(ops.apiToken.create.mutate({ name: 'viewer-token', scopes: ['accounts:read'] })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
      message: 'Missing scope: tokens:write',
    });
    const names = (await owner.account.list.query()).map((a) => a.username);
    expect(names).toContain('made-by-ops');
    expect(names).not.toContain('second-try');
  });
});

describe('describeClientError', () => {
  it('reads validation issues into one line', async () => {
    const err = await rejection(owner.apiToken.create.mutate({ name: ' ', scopes: [] }));
    const info = describeClientError(err);
    expect(info).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, domainCode: null });
    expect(info.issues.map((i) => i.path)).toEqual(['name', 'scopes']);
    expect(info.message).toMatch(/^invalid input: name: .+; scopes: .+$/);
  });

  it('names an unreachable server instead of a stack', async () => {
    const port = await closedPort();
    const err = await rejection(createProfilehubClient({ url: `http://127.0.0.1:${port}`, token: 'x' }).auth.me.query());
    expect(describeClientError(err)).toEqual({
      code: 'UNREACHABLE',
      message: 'server unreachable: connection refused',
      domainCode: null,
      httpStatus: null,
      issues: [],
    });
  });

  it('gives up on a server that accepts but never answers once timeoutMs passes', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const err = await rejection(createProfilehubClient({ url: `http://127.0.0.1:${port}`, token: 'x', timeoutMs: 300 }).auth.me.query());
      expect(describeClientError(err)).toMatchObject({ code: 'UNREACHABLE', message: 'server unreachable: no answer in time' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says when the URL answers but is not a Profilehub tRPC endpoint', async () => {
    const err = await rejection(createProfilehubClient({ url: `${server.url}/healthz`, token: server.ownerToken }).auth.me.query());
    expect(describeClientError(err).code).toBe('BAD_RESPONSE');
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
