import type { DemoCredentials } from '@profilehub/api';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { startupBanner } from './banner';
import { redactUrl } from './logging';
import { testServerEnv } from './testing/env';

const env = { ...testServerEnv, LOG_LEVEL: 'info' as const };

describe('server log', () => {
  let handle: DbHandle;
  let app: FastifyInstance;
  let url: string;
  const lines: string[] = [];
  beforeAll(async () => {
    handle = await createTestDb();
    app = await buildServer({ db: handle, env, logStream: { write: (line) => void lines.push(line) } });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  it('holds no secret a request carried: query parameters, credential headers, cookies, failed-query parameters', async () => {
    const secrets = Array.from({ length: 10 }, (_, i) => `s3cr3t-${i}-${Math.random().toString(36).slice(2)}`);
    const [flexToken, soajsToken, soajsKey, password, bearer, session, apiKey, pin, sqlParam, basic] = secrets as [string, ...string[]];
    await fetch(`${url}/flexcare/dialog/profile?limit=2&token=${flexToken}`);
    await fetch(`${url}/urac/admin/getUser?uId=1&access_token=${soajsToken}`, { headers: { key: soajsKey! } });
    await fetch(`${url}/auth/login?username=admin&password=${password}`, { method: 'POST' });
    await fetch(`${url}/trpc/auth.me`, { headers: { authorization: `Bearer ${bearer}`, cookie: `ph_session=${session}` } });
    await fetch(`${url}/api/v1/profile`, { headers: { 'x-api-key': apiKey! } });
    await fetch(`${url}/urac/admin/editPin?pin=${pin}&Access_Token=${soajsToken}`, { method: 'POST' });
    await fetch(`${url}/api/dir/query`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`u:${basic}`).toString('base64')}` },
    });
    // A query that fails repeats its parameters in drizzle's message and the driver's: the logger keeps neither.
    const failed = await handle.db.execute(sql`select ${sqlParam}::int`).catch((err: unknown) => err);
    app.log.error({ err: failed }, 'query failed');

    const log = lines.join('');
    // One line per request, written once it is answered.
    expect(log).toContain('"msg":"request completed"');
    expect(log).not.toContain('"msg":"incoming request"');
    expect(log).toContain('token=[REDACTED]');
    expect(log).toContain('access_token=[REDACTED]');
    expect(log).toContain('"query":"select $1::int"');
    for (const secret of secrets) expect(log).not.toContain(secret);
  });

  it('writes each answered request as one JSON line with the fields, in the order, pino writes them', async () => {
    await fetch(`${url}/healthz?limit=2&token=abc`, { headers: { 'x-request-id': 'line-shape-1' } });
    const line = lines.find((l) => l.includes('"reqId":"line-shape-1"'));
    expect(line).toBeDefined();
    expect(line!.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(line!) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['level', 'time', 'pid', 'hostname', 'reqId', 'req', 'res', 'responseTime', 'msg']);
    expect(parsed).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      reqId: 'line-shape-1',
      req: {
        method: 'GET',
        url: '/healthz?limit=2&token=[REDACTED]',
        host: new URL(url).hostname,
        remoteAddress: '127.0.0.1',
        remotePort: expect.any(Number),
      },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
    expect(Math.abs((parsed.time as number) - Date.now())).toBeLessThan(60_000);
  });

  it('writes no request line when the level is above info', async () => {
    const quiet: string[] = [];
    const warnApp = await buildServer({ db: handle, env: { ...env, LOG_LEVEL: 'warn' }, logStream: { write: (l) => void quiet.push(l) } });
    try {
      await warnApp.inject({ method: 'GET', url: '/healthz' });
    } finally {
      await warnApp.close();
    }
    expect(quiet.join('')).not.toContain('request completed');
  });

  it('keeps ordinary query parameters readable', () => {
    expect(redactUrl('/flexcare/dialog/profile?limit=2&offset=4&token=abc')).toBe(
      '/flexcare/dialog/profile?limit=2&offset=4&token=[REDACTED]',
    );
    expect(redactUrl('/urac/admin/getUser?uId=1&access%5Ftoken=abc')).toBe('/urac/admin/getUser?uId=1&access%5Ftoken=[REDACTED]');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});

describe('startup banner', () => {
  it('names the credentials file and prints no secret', () => {
    const demo: DemoCredentials = {
      admin: { url: 'http://admin.test', workspace: 'demo', username: 'admin', password: 'pw-very-secret' },
      api: { url: 'http://api.test', token: 'ph_tokensecret' },
    };
    const text = startupBanner({
      apiUrl: 'http://api.test',
      adminUrl: 'http://admin.test',
      database: 'pglite',
      demo,
      credentialsPath: '/data/demo-credentials.json',
    });
    expect(text).toContain('/data/demo-credentials.json');
    expect(text).toContain('user "admin"');
    expect(text).not.toContain('pw-very-secret');
    expect(text).not.toContain('ph_tokensecret');
  });
});
