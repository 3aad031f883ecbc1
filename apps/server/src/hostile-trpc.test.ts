import net from 'node:net';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { testServerEnv } from './testing/env';

const env = testServerEnv;

/** The tRPC error envelope (superjson transformer): `{ error: { json: { message, code, data: { code, httpStatus } } } }`. */
function expectTrpcError(body: unknown, code: string, httpStatus: number) {
  expect(body).toMatchObject({ error: { json: { message: expect.any(String), code: expect.any(Number), data: { code, httpStatus } } } });
}

/** Sends raw bytes and returns the first response head + body the server writes (or '' when it closes). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (d) => (out += d));
    socket.on('error', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.setTimeout(5_000, () => socket.destroy());
  });
}

describe('tRPC under hostile input', () => {
  let handle: DbHandle;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    handle = await createTestDb();
    app = await buildServer({ db: handle, env });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  it('a session cookie that is not valid percent-encoding is no session (401), not a 500', async () => {
    const res = await fetch(`${url}/trpc/auth.me`, { headers: { cookie: 'ph_session=%' } });
    expect(res.status).toBe(401);
    expectTrpcError(await res.json(), 'UNAUTHORIZED', 401);
  });

  it('a batch asked for as JSON lines (httpBatchStreamLink) is streamed as valid HTTP, one line per part', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { json: null }, 1: { json: null } }));
    const res = await fetch(`${url}/trpc/auth.me,auth.me?batch=1&input=${input}`, { headers: { 'trpc-accept': 'application/jsonl' } });
    expect(res.headers.get('content-length')).toBeNull();
    const lines = (await res.text()).trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('TRACE on a procedure is refused in the tRPC envelope, not a 500', async () => {
    const port = new URL(url).port;
    const out = await raw(Number(port), 'TRACE /trpc/auth.me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(out)?.[1]);
    expect(status).toBe(405);
    expectTrpcError(JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4)), 'METHOD_NOT_SUPPORTED', 405);
  });

  it('a body over the limit is a 413 in the tRPC envelope', async () => {
    const body = JSON.stringify({ json: { workspace: 'x', username: 'y', password: 'z'.repeat(1024 * 1024) } });
    const res = await fetch(`${url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectTrpcError(await res.json(), 'PAYLOAD_TOO_LARGE', 413);
  });

  it('an unsupported content type is a 415 in the tRPC envelope', async () => {
    const res = await fetch(`${url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(res.status).toBe(415);
    expectTrpcError(await res.json(), 'UNSUPPORTED_MEDIA_TYPE', 415);
  });

  it('unparseable JSON is a 400 in the tRPC envelope', async () => {
    const res = await fetch(`${url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"json":',
    });
    expect(res.status).toBe(400);
    expectTrpcError(await res.json(), 'BAD_REQUEST', 400);
  });

  it('a batch of 20 logins is refused whole: no item is checked, no session cookie even with the right password in it', async () => {
    const ws = await createTestWorkspace(handle.db);
    const items = Array.from({ length: 20 }, (_, i) => ({
      json: { workspace: ws.slug, username: 'owner', password: i === 13 ? ws.password : `guess-${i}` },
    }));
    const paths = Array.from({ length: 20 }, () => 'auth.login').join(',');
    const body = Object.fromEntries(items.map((item, i) => [String(i), item]));
    const res = await fetch(`${url}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.status).toBe(400);
    const out = (await res.json()) as unknown[];
    expect(out).toHaveLength(20);
    for (const item of out) expectTrpcError(item, 'BAD_REQUEST', 400);
    // One login alone still works.
    const single = await fetch(`${url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { workspace: ws.slug, username: 'owner', password: ws.password } }),
    });
    expect(single.status).toBe(200);
  });

  it('a login hidden in a batch of other procedures is refused too', async () => {
    const res = await fetch(`${url}/trpc/auth.logout,flexcare.auth.login?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ '1': { json: { username: 'a', password: 'b' } } }),
    });
    expect(res.status).toBe(400);
    const out = (await res.json()) as { error: { json: { message: string } } }[];
    expect(out.map((o) => o.error.json.message)).toEqual(Array(2).fill('Sign-in procedures cannot be batched: send one per request'));
  });
});
