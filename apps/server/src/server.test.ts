import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { maybeSeedDemo } from './demo';
import { testServerEnv } from './testing/env';

const env = testServerEnv;

describe('HTTP server', () => {
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

  it('answers liveness and readiness', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: handle.driver });
  });

  it('echoes a caller request id, or makes one', async () => {
    expect((await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe('abc-123');
    expect((await fetch(`${url}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries the request id on refusals too: a vendor 401, an unknown route, a URL it cannot decode, a tRPC error', async () => {
    for (const [path, status] of [
      ['/profile/1', 401],
      ['/nowhere', 404],
      ['/nowhere/%ZZ', 400],
      ['/trpc/auth.me', 401],
    ] as const) {
      const res = await fetch(`${url}${path}`, { headers: { 'x-request-id': `refused-${status}` } });
      expect(res.status).toBe(status);
      expect(res.headers.get('x-request-id')).toBe(`refused-${status}`);
    }
  });

  it('answers a path it cannot decode with a plain 400 outside the vendor surfaces, never a crash', async () => {
    const res = await fetch(`${url}/nowhere/%ZZ`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Bad Request', message: 'Malformed request URL' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('refuses a body over 1 MiB on /trpc with 413', async () => {
    const body = JSON.stringify({ json: { workspace: 'x', username: 'y', password: 'z'.repeat(1024 * 1024) } });
    const res = await fetch(`${url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
  });

  it('sets an HttpOnly session cookie on login and clears it on logout', async () => {
    const { createTestWorkspace } = await import('@profilehub/api/testing');
    const ws = await createTestWorkspace(handle.db);
    const res = await fetch(`${url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { workspace: ws.slug, username: 'owner', password: ws.password } }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ph_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    const session = cookie.split(';')[0]!;
    expect((await fetch(`${url}/trpc/auth.me`, { headers: { cookie: session } })).status).toBe(200);
    const out = await fetch(`${url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.headers.get('set-cookie')).toMatch(/^ph_session=; .*Max-Age=0/);
    expect((await fetch(`${url}/trpc/auth.me`, { headers: { cookie: session } })).status).toBe(401);
  });
});

// Needs a PostgreSQL server to cut off: runs in the PostgreSQL pass (TEST_DATABASE_URL), not on PGlite.
describe.skipIf(!process.env.TEST_DATABASE_URL)('database outage', () => {
  it('/readyz and API calls answer 503 within 5 s while the database is unreachable, and recover by themselves', async () => {
    const target = await createTestDb();
    const upstream = new URL(target.url!);
    // A TCP proxy in front of PostgreSQL that we can stop (connections refused, as when the server is down).
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const server = net.connect(Number(upstream.port || 5432), upstream.hostname);
      sockets.add(client).add(server);
      client.pipe(server).pipe(client);
      const drop = () => {
        client.destroy();
        server.destroy();
      };
      client.on('error', drop).on('close', drop);
      server.on('error', drop).on('close', drop);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyPort = (proxy.address() as net.AddressInfo).port;
    const proxied = new URL(upstream);
    proxied.host = `127.0.0.1:${proxyPort}`;
    const db = createDb({ DATABASE_URL: proxied.toString(), DB_CONNECT_TIMEOUT_S: 2, DB_STATEMENT_TIMEOUT_MS: 2_000 });
    const app = await buildServer({ db, env });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      proxy.close();
      for (const s of sockets) s.destroy();

      let started = Date.now();
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);

      started = Date.now();
      const me = await fetch(`${url}/trpc/auth.me`, { headers: { authorization: 'Bearer ph_whatever' } });
      expect(me.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);

      await new Promise<void>((r) => proxy.listen(proxyPort, '127.0.0.1', r));
      let recovered = false;
      for (let i = 0; i < 20 && !recovered; i++) {
        recovered = (await fetch(`${url}/readyz`)).status === 200;
        if (!recovered) await new Promise((r) => setTimeout(r, 250));
      }
      expect(recovered).toBe(true);
    } finally {
      await app.close();
      await db.close();
      proxy.close();
      await target.close();
    }
  });
});

describe('demo seed', () => {
  it('seeds once on an empty embedded database, writes credentials with mode 0600, never on external PostgreSQL unless forced', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ph-demo-'));
    const previous = process.env.PROFILEHUB_DATA_DIR;
    process.env.PROFILEHUB_DATA_DIR = dir;
    const db = await createTestDb();
    try {
      const urls = { apiUrl: 'http://api.test', adminUrl: 'http://admin.test' };
      expect(await maybeSeedDemo(db, { external: true, mode: 'auto', ...urls })).toBeNull();
      expect(await maybeSeedDemo(db, { external: false, mode: 'never', ...urls })).toBeNull();
      const creds = await maybeSeedDemo(db, { external: db.driver === 'postgres', mode: 'always', ...urls });
      expect(creds?.admin).toMatchObject({ url: 'http://admin.test', workspace: 'demo', username: 'admin' });
      expect(creds?.api.token).toMatch(/^ph_/);
      const file = path.join(dir, 'demo-credentials.json');
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(creds)));
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await maybeSeedDemo(db, { external: false, mode: 'always', ...urls })).toBeNull();
      // Random per install: a second database gets different secrets.
      const other = await createTestDb();
      const again = await maybeSeedDemo(other, { external: false, mode: 'always', ...urls });
      await other.close();
      expect(again?.admin.password).not.toBe(creds?.admin.password);
    } finally {
      process.env.PROFILEHUB_DATA_DIR = previous;
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('process lifecycle', () => {
  it('on SIGTERM finishes the in-flight request, then exits cleanly', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ph-proc-'));
    const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, DATABASE_URL: '', PROFILEHUB_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'info', PROFILEHUB_SEED_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 45_000);
        child.stdout.on('data', () => {
          const m = /"Server listening at http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      // Start a request and hold its body half-sent, then ask the server to stop.
      const body = JSON.stringify({ json: { workspace: 'demo', username: 'nobody', password: 'wrong' } });
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.write(
        `POST /trpc/auth.login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((r) => setTimeout(r, 300));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      let response = '';
      socket.on('data', (d) => (response += d));
      const closed = new Promise((r) => socket.once('close', r));
      socket.write(body.slice(10));
      await closed;
      expect(response).toMatch(/^HTTP\/1\.1 401 /);
      expect(await exited).toBe(0);
      expect(out).not.toContain('Demo workspace created');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
