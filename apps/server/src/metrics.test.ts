import { createCaller } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './testing/server';

/** The value of one series line (`name{labels} value`) in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const got = Object.fromEntries(
      inside.split(/,(?=\w+=)/).map((kv) => [kv.slice(0, kv.indexOf('=')), JSON.parse(kv.slice(kv.indexOf('=') + 1))]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  const server = useTestServer();

  it('counts requests per surface, route pattern and status class after traffic, with latency histograms', async () => {
    const before = await (await fetch(`${server.url}/metrics`)).text();
    const base = sample(before, 'profilehub_http_requests_total', { surface: 'rpdb', route: '/profile/:id', status_class: '4xx' }) ?? 0;
    const failedBefore = sample(before, 'profilehub_failed_logins_total', { surface: 'admin' }) ?? 0;
    const login = { json: { workspace: 'nowhere', username: 'nobody', password: 'wrong-password' } };
    const refused = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(login),
    });
    expect(refused.status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/profile/${i + 1}`)).status).toBe(401);
    expect((await fetch(`${server.url}/trpc/auth.me`)).status).toBe(401);
    // Paths a client makes up share one series (each its own would grow the registry without bound).
    for (const made of ['x1', 'x2.y', 'auth.me.not']) expect((await fetch(`${server.url}/trpc/${made}`)).status).toBe(404);
    await fetch(`${server.url}/healthz`);

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // Route patterns, not raw URLs: three different ids land on one series.
    expect(
      sample(text, 'profilehub_http_requests_total', { surface: 'rpdb', route: '/profile/:id', method: 'GET', status_class: '4xx' }),
    ).toBe(base + 3);
    expect(text).not.toContain('route="/profile/1"');
    expect(
      sample(text, 'profilehub_http_requests_total', { surface: 'trpc', route: 'auth.me', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'profilehub_http_requests_total', { surface: 'trpc', route: '(no such procedure)', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain('route="x2.y"');
    expect(
      sample(text, 'profilehub_http_requests_total', { surface: 'server', route: '/healthz', status_class: '2xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'profilehub_http_request_duration_seconds_count', { surface: 'rpdb', route: '/profile/:id' })).toBe(base + 3);
    expect(sample(text, 'profilehub_failed_logins_total', { surface: 'admin' })).toBe(failedBefore + 1);
    expect(text).toContain('# TYPE profilehub_twon_batch_entries histogram');
    expect(text).toContain('profilehub_process_resident_memory_bytes');
  });

  it('2N batch sizes: each create, get, update and delete batch observed with its entry count', async () => {
    const caller = createCaller((await createTestWorkspace(server.handle.db)).ctx);
    const directory = await caller.twoN.directory.create({ name: 'metrics', model: 'verso', capacity: 10_000, authMode: 'any' });
    await caller.twoN.account.create({
      directoryId: directory.id,
      username: 'metrics-rw',
      password: 'metrics-pw-123',
      access: 'readwrite',
    });
    const auth = `Basic ${Buffer.from('metrics-rw:metrics-pw-123').toString('base64')}`;
    const dir = async (method: string, fn: string, body: unknown) => {
      const res = await fetch(`${server.url}/api/dir/${fn}`, { method, headers: { authorization: auth }, body: JSON.stringify(body) });
      const answer = (await res.json()) as { success: boolean; result: { users: { uuid: string }[] } };
      expect(answer.success, JSON.stringify(answer)).toBe(true);
      return answer.result.users;
    };
    const scrape = async () => await (await fetch(`${server.url}/metrics`)).text();
    const series = (text: string, verb: string) => ({
      count: sample(text, 'profilehub_twon_batch_entries_count', { verb }) ?? 0,
      sum: sample(text, 'profilehub_twon_batch_entries_sum', { verb }) ?? 0,
      small: sample(text, 'profilehub_twon_batch_entries_bucket', { verb, le: '10' }) ?? 0,
    });
    const before = await scrape();

    const created = await dir('PUT', 'create', { users: Array.from({ length: 25 }, (_, i) => ({ name: `Metrics ${i}` })) });
    expect(created).toHaveLength(25);
    await dir('POST', 'get', { users: created.slice(0, 3).map(({ uuid }) => ({ uuid })) });
    await dir('PUT', 'update', { users: created.slice(0, 2).map(({ uuid }) => ({ uuid, name: 'Renamed' })) });
    await dir('PUT', 'delete', { users: created.map(({ uuid }) => ({ uuid })) });

    const after = await scrape();
    const delta = (verb: string) => {
      const [a, b] = [series(before, verb), series(after, verb)];
      return { count: b.count - a.count, sum: b.sum - a.sum, small: b.small - a.small };
    };
    expect(delta('create')).toEqual({ count: 1, sum: 25, small: 0 });
    expect(delta('get')).toEqual({ count: 1, sum: 3, small: 1 });
    expect(delta('update')).toEqual({ count: 1, sum: 2, small: 1 });
    expect(delta('delete')).toEqual({ count: 1, sum: 25, small: 0 });
  });

  // PGlite is one embedded connection; the pool exists on PostgreSQL.
  it.runIf(process.env.TEST_DATABASE_URL)(
    'database pool: operations admitted and waiting, read while transactions hold every connection they may take',
    async () => {
      const pool = async () => {
        const text = await (await fetch(`${server.url}/metrics`)).text();
        const state = (s: string) => sample(text, 'profilehub_db_pool_connections', { state: s });
        return { inUse: state('in_use'), waiting: state('waiting'), max: state('max') };
      };
      const idle = await pool();
      expect(idle).toEqual({ inUse: 0, waiting: 0, max: expect.any(Number) });
      const max = idle.max!;

      // Transactions hold every connection but one (kept for single statements), and one more waits.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started = 0;
      const transaction = () =>
        server.handle.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          started++;
          await gate;
        });
      const holders: Promise<unknown>[] = Array.from({ length: max - 1 }, transaction);
      try {
        await expect.poll(() => started).toBe(max - 1);
        holders.push(transaction());
        await expect.poll(pool).toEqual({ inUse: max - 1, waiting: 1, max });
        // Reads are still answered meanwhile.
        expect(await server.handle.db.execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
      } finally {
        release();
        await Promise.all(holders);
      }
      expect(await pool()).toEqual({ inUse: 0, waiting: 0, max });
    },
  );
});
