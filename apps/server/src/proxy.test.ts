import http from 'node:http';
import { type DemoCredentials, seedDemoIfEmpty } from '@profilehub/api';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { readServerEnv } from './env';
import { testServerEnv } from './testing/env';

// Behind a reverse proxy every request comes from the proxy's address. TRUST_PROXY names the proxies whose
// X-Forwarded-For is believed, so failed-login throttling keys on the real client; anyone else's header is
// ignored (a client cannot pick a fresh address per guess).

function getUser(port: number, from: string, key: string, demo: DemoCredentials, forwardedFor?: string): Promise<number> {
  const s = demo.soajs as { userId: string; accessToken: string };
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/urac/admin/getUser?uId=${s.userId}&access_token=${s.accessToken}`,
        localAddress: from,
        headers: { key, ...(forwardedFor && { 'x-forwarded-for': forwardedFor }) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Wrong tenant keys from `from` (claiming `forwardedFor`) until the first 429; its index, or -1. */
async function guessUntilRefused(port: number, from: string, demo: DemoCredentials, forwardedFor?: string): Promise<number> {
  for (let i = 0; i < 60; i++) {
    const status = await getUser(port, from, `wrong-key-${i}`, demo, forwardedFor);
    if (status === 429) return i;
    expect(status).toBe(403);
  }
  return -1;
}

describe('TRUST_PROXY', () => {
  it('is validated at start: addresses, CIDR ranges, range names, a hop count, true or false', () => {
    expect(readServerEnv({}).TRUST_PROXY).toBe(false);
    expect(readServerEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback,::1' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'loopback',
      '::1',
    ]);
    expect(readServerEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(readServerEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(() => readServerEnv({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY: "10.0.0.0\/33" is not an address/);
    expect(() => readServerEnv({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY/);
  });

  let handle: DbHandle;
  let demo: DemoCredentials;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    handle = await createTestDb();
    demo = (await seedDemoIfEmpty(handle.db, { apiUrl: 'http://api.test', adminUrl: 'http://admin.test' }))!;
  }, 180_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await handle?.close();
  });

  async function start(trustProxy: false | string[]): Promise<number> {
    const app = await buildServer({ db: handle, env: { ...testServerEnv, TRUST_PROXY: trustProxy } });
    apps.push(app);
    return Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  }

  it('behind a trusted proxy, throttling keys on the forwarded client: one guesser is refused, another client is not', async () => {
    const port = await start(['127.0.0.10']);
    const refusedAt = await guessUntilRefused(port, '127.0.0.10', demo, '203.0.113.7');
    expect(refusedAt).toBeGreaterThan(0);
    expect(await getUser(port, '127.0.0.10', (demo.soajs as { key: string }).key, demo, '203.0.113.7')).toBe(429);
    // Another client behind the same proxy is not caught by the guesser's failures.
    expect(await getUser(port, '127.0.0.10', (demo.soajs as { key: string }).key, demo, '198.51.100.20')).toBe(200);
    // A peer that is not the proxy cannot choose its address with the header: its own address is counted.
    const direct = await guessUntilRefused(port, '127.0.0.11', demo, '192.0.2.1');
    expect(direct).toBeGreaterThan(0);
    expect(await getUser(port, '127.0.0.11', (demo.soajs as { key: string }).key, demo, '192.0.2.99')).toBe(429);
  }, 120_000);

  it('without TRUST_PROXY the header is ignored: every client behind the proxy shares its address', async () => {
    const port = await start(false);
    expect(await guessUntilRefused(port, '127.0.0.20', demo, '203.0.113.8')).toBeGreaterThan(0);
    expect(await getUser(port, '127.0.0.20', (demo.soajs as { key: string }).key, demo, '198.51.100.21')).toBe(429);
  }, 120_000);
});
