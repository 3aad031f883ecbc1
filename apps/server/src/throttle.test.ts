import http from 'node:http';
import { type DemoCredentials, seedDemoIfEmpty } from '@profilehub/api';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { testServerEnv } from './testing/env';

const env = { ...testServerEnv, LOG_LEVEL: (process.env.TEST_LOG ? 'error' : 'silent') as 'silent' };

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A request from a chosen loopback address (the whole of 127/8 is this machine): a second client address. */
function post(
  port: number,
  from: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Answer> {
  const data = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method, localAddress: from, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('failed-login throttling', () => {
  let handle: DbHandle;
  let app: FastifyInstance;
  let port: number;
  let demo: DemoCredentials;
  beforeAll(async () => {
    handle = await createTestDb();
    demo = (await seedDemoIfEmpty(handle.db, { apiUrl: 'http://api.test', adminUrl: 'http://admin.test' }))!;
    app = await buildServer({ db: handle, env });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  const appgateAccept = { accept: 'application/vnd.appgate.peer-v22+json' };
  const paths: { name: string; send: (from: string, password: string) => Promise<Answer>; ok: number }[] = [
    {
      name: 'admin sign-in (tRPC auth.login)',
      send: (from, password) =>
        post(port, from, '/trpc/auth.login', { json: { workspace: demo.admin.workspace, username: demo.admin.username, password } }),
      ok: 200,
    },
    {
      name: 'FlexCare POST /auth/login',
      send: (from, password) => {
        const { username } = (demo.flexcare as { admin: { username: string } }).admin;
        return post(port, from, '/auth/login', { username, password });
      },
      ok: 200,
    },
    {
      name: 'Appgate POST /admin/login',
      send: (from, password) => {
        const a = demo.appgate as { providerName: string; admin: { username: string } };
        return post(
          port,
          from,
          '/admin/login',
          { providerName: a.providerName, deviceId: '4c07bc67-57ea-42dd-b702-c2d6c45419fc', username: a.admin.username, password },
          appgateAccept,
        );
      },
      ok: 200,
    },
    {
      name: '2N HTTP Basic',
      send: (from, password) => {
        const { username } = demo.twoN as { username: string };
        const basic = Buffer.from(`${username}:${password}`).toString('base64');
        return post(port, from, '/api/dir/query', { iterator: { timestamp: 0 } }, { authorization: `Basic ${basic}` });
      },
      ok: 200,
    },
    {
      name: 'SOAJS tenant key',
      send: (from, key) => {
        const s = demo.soajs as { userId: string; accessToken: string };
        return post(port, from, `/urac/admin/getUser?uId=${s.userId}&access_token=${s.accessToken}`, undefined, { key }, 'GET');
      },
      ok: 200,
    },
  ];
  const rightPassword: Record<string, () => string> = {
    '2N HTTP Basic': () => (demo.twoN as { password: string }).password,
    'SOAJS tenant key': () => (demo.soajs as { key: string }).key,
    'admin sign-in (tRPC auth.login)': () => demo.admin.password,
    'FlexCare POST /auth/login': () => (demo.flexcare as { admin: { password: string } }).admin.password,
    'Appgate POST /admin/login': () => (demo.appgate as { admin: { password: string } }).admin.password,
  };

  for (const path of paths) {
    it(`${path.name}: 30 wrong passwords from one address are refused with 429 + Retry-After before the 30th; the right password still works from another address`, async () => {
      let firstRefusal = -1;
      let refusal: Answer | undefined;
      for (let i = 0; i < 30 && firstRefusal < 0; i++) {
        const res = await path.send('127.0.0.1', `wrong-${i}`);
        if (res.status === 429) {
          firstRefusal = i;
          refusal = res;
        } else expect(res.status).not.toBe(path.ok);
      }
      expect(firstRefusal).toBeGreaterThan(0);
      expect(firstRefusal).toBeLessThan(29);
      expect(Number(refusal!.headers['retry-after'])).toBeGreaterThan(0);
      // tRPC clients (the admin's sign-in form) read the wait from the error, not the header.
      if (path.name.includes('tRPC'))
        expect(JSON.parse(refusal!.body).error.json.data.retryAfterSeconds).toBe(Number(refusal!.headers['retry-after']));
      // Still refused from the guessing address, even with the right password (no oracle while throttled).
      expect((await path.send('127.0.0.1', rightPassword[path.name]!())).status).toBe(429);
      // A stranger's failures do not lock the real user out: from another address the right password works.
      expect((await path.send('127.0.0.2', rightPassword[path.name]!())).status).toBe(path.ok);
    }, 180_000);
  }

  // Devices and SOAJS clients present their credential on every request; a clean throttle check is
  // remembered for a second so those requests skip its read. Guesses right after a success must still count.
  for (const [name, from] of [
    ['2N HTTP Basic', '127.0.0.3'],
    ['SOAJS tenant key', '127.0.0.4'],
  ] as const) {
    it(`${name}: right after a success from an address, wrong credentials from it are still counted and refused with 429`, async () => {
      const path = paths.find((p) => p.name === name)!;
      const right = rightPassword[name]!();
      expect((await path.send(from, right)).status).toBe(path.ok);
      let firstRefusal = -1;
      for (let i = 0; i < 30 && firstRefusal < 0; i++) {
        const res = await path.send(from, `wrong-${i}`);
        if (res.status === 429) firstRefusal = i;
        else expect(res.status).not.toBe(path.ok);
      }
      expect(firstRefusal).toBeGreaterThan(0);
      expect(firstRefusal).toBeLessThan(29);
      expect((await path.send(from, right)).status).toBe(429);
    }, 180_000);
  }

  it('answers the throttled tRPC sign-in in the tRPC envelope', async () => {
    const res = await post(port, '127.0.0.1', '/trpc/auth.login', {
      json: { workspace: demo.admin.workspace, username: demo.admin.username, password: 'x' },
    });
    expect(res.status).toBe(429);
    expect(JSON.parse(res.body)).toMatchObject({ error: { json: { data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 } } } });
  });

  it('2N Basic with a NUL byte in the user name is refused like any wrong credential (401, not a 500)', async () => {
    const basic = Buffer.from('door\u0000name:secret').toString('base64');
    const res = await post(port, '127.0.0.3', '/api/dir/query', { iterator: { timestamp: 0 } }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Digest /);
  });
});
