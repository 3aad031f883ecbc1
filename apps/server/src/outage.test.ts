import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaller, createWorkspaceWithOwner } from '@profilehub/api';
import { TEST_SERVER_SECRET } from '@profilehub/api/testing';
import { createDb, type DbHandle } from '@profilehub/db';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgCluster, type PgCluster, postgresBinDir } from './testing/pg-cluster';
import { freePort } from './testing/port';

// Losing the database must never lose the process, hold a request, or commit a write its client was told
// failed. The real server runs on a throwaway cluster of its own; the test writes steadily through two vendor
// surfaces (RPdb and 2N), stops the cluster for OUTAGE_SECONDS, starts it again, and checks every answer
// against what the database holds afterwards. CI runs one outage; OUTAGE_ROUNDS=10 is the longer variant.
const ROUNDS = Number(process.env.OUTAGE_ROUNDS ?? 1);
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 20) * 1000;
const INTERVAL_MS = 250; // one write every 250 ms, alternating surfaces: 2 writes/s on each

type Sent = { surface: 'rpdb' | 'twon'; key: string; sentAt: number; answeredAt?: number; status?: number; acked: boolean; error?: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!process.env.TEST_DATABASE_URL || !postgresBinDir())('database outage (own PostgreSQL cluster)', () => {
  let cluster: PgCluster;
  let server: ChildProcess;
  let handle: DbHandle;
  let base: string;
  let apiKey: string;
  let basic: string;
  let log = '';

  beforeAll(async () => {
    cluster = createPgCluster(await freePort());
    const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
    server = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        DATABASE_URL: cluster.url,
        PROFILEHUB_SECRET: TEST_SERVER_SECRET,
        PORT: '0',
        LOG_LEVEL: 'warn',
        PROFILEHUB_SEED_DEMO: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d) => {
      log += d;
    });
    server.stderr?.on('data', (d) => {
      log += d;
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 120_000);
      const check = () => {
        const m = /Profilehub API\s+http:\/\/localhost:(\d+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      server.stdout?.on('data', check);
    });
    base = `http://127.0.0.1:${port}`;

    handle = createDb({ DATABASE_URL: cluster.url, DB_POOL_MAX: 2 });
    const ctx = await createWorkspaceWithOwner(handle.db, {
      slug: `outage-${randomBytes(3).toString('hex')}`,
      name: 'outage',
      username: 'owner',
      password: 'outage-password-1',
    });
    const caller = createCaller(ctx);
    const { account } = await caller.rpdb.account.create({ name: 'outage', password: 'outage-password-1' });
    ({ key: apiKey } = await caller.rpdb.apiKey.create({ accountId: account.id, name: 'outage' }));
    const dir = await caller.twoN.directory.create({ name: 'outage', model: 'verso', capacity: 10_000 });
    await caller.twoN.account.create({ directoryId: dir.id, username: 'outage-rw', password: 'outage-pw-rw', access: 'readwrite' });
    basic = `Basic ${Buffer.from('outage-rw:outage-pw-rw').toString('base64')}`;
    await handle.close();
  }, 180_000);

  afterAll(async () => {
    // The server's own log, for whoever has to find out why a run failed.
    writeFileSync(path.join(tmpdir(), 'profilehub-outage-server.log'), log);
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await cluster?.destroy();
  });

  async function send(all: Sent[], surface: Sent['surface'], key: string) {
    const entry: Sent = { surface, key, sentAt: performance.now(), acked: false };
    all.push(entry);
    try {
      const res =
        surface === 'rpdb'
          ? await fetch(`${base}/profile`, {
              method: 'POST',
              headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
              body: JSON.stringify({ name: key, attributes: [] }),
              signal: AbortSignal.timeout(30_000),
            })
          : await fetch(`${base}/api/dir/create`, {
              method: 'PUT',
              headers: { authorization: basic, 'content-type': 'application/json' },
              body: JSON.stringify({ users: [{ uuid: key, name: 'outage' }] }),
              signal: AbortSignal.timeout(30_000),
            });
      const body = (await res.json().catch(() => undefined)) as { success?: boolean } | undefined;
      entry.answeredAt = performance.now();
      entry.status = res.status;
      entry.acked = res.status < 300 && (surface === 'rpdb' || body?.success === true);
    } catch (err) {
      entry.error = String(err);
    }
  }

  it(
    `${ROUNDS} outage(s) of ${OUTAGE_MS / 1000} s under steady writes: nothing held, nothing lost, nothing extra`,
    async () => {
      const all: Sent[] = [];
      const inflight: Promise<void>[] = [];
      const rounds: { stoppedAt: number; restartedAt: number }[] = [];
      let n = 0;
      let loading = true;
      const loader = (async () => {
        while (loading) {
          n++;
          const surface = n % 2 === 0 ? 'rpdb' : 'twon';
          inflight.push(send(all, surface, surface === 'rpdb' ? `outage-${n}` : randomUUID().toUpperCase()));
          await sleep(INTERVAL_MS);
        }
      })();

      // Warm: the first write acknowledged, then steady load for a while, before the first outage.
      while (!all.some((s) => s.acked)) await sleep(100);
      for (let round = 0; round < ROUNDS; round++) {
        await sleep(3_000);
        const stoppedAt = performance.now();
        await cluster.stop();
        await sleep(Math.max(0, OUTAGE_MS - (performance.now() - stoppedAt)));
        await cluster.start();
        rounds.push({ stoppedAt, restartedAt: performance.now() });
        await sleep(5_000);
      }
      loading = false;
      await loader;
      await Promise.all(inflight);

      // What the database holds afterwards.
      const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
      const profiles = new Set((await sql<{ name: string }[]>`select name from rpdb_profiles`).map((r) => r.name));
      const entries = new Set((await sql<{ uuid: string }[]>`select uuid from twon_entries`).map((r) => r.uuid));
      await sql.end();
      const stored = (s: Sent) => (s.surface === 'rpdb' ? profiles.has(s.key) : entries.has(s.key));

      const unanswered = all.filter((s) => s.answeredAt === undefined);
      const held = all.filter((s) => s.answeredAt !== undefined && s.answeredAt - s.sentAt > 5_000);
      const lost = all.filter((s) => s.acked && !stored(s));
      const failedButStored = all.filter((s) => !s.acked && stored(s));
      const perRound = rounds.map(({ stoppedAt, restartedAt }) => {
        const first503 = all.find((s) => s.sentAt >= stoppedAt && s.status === 503);
        const firstOk = all.find((s) => s.sentAt >= restartedAt && s.acked);
        return {
          first503AfterStopMs: first503?.answeredAt !== undefined ? Math.round(first503.answeredAt - stoppedAt) : undefined,
          first2xxAfterRestartMs: firstOk?.answeredAt !== undefined ? Math.round(firstOk.answeredAt - restartedAt) : undefined,
        };
      });
      const maxMs = Math.max(...all.filter((s) => s.answeredAt !== undefined).map((s) => s.answeredAt! - s.sentAt));
      console.log(
        JSON.stringify({
          requests: all.length,
          acked: all.filter((s) => s.acked).length,
          answered503: all.filter((s) => s.status === 503).length,
          otherStatuses: [...new Set(all.filter((s) => s.status && s.status !== 503 && !s.acked).map((s) => s.status))],
          unanswered: unanswered.length,
          held: held.length,
          maxMs: Math.round(maxMs),
          lost: lost.length,
          failedButStored: failedButStored.length,
          perRound,
          // [sent, relative to the first stop; took; status] of the requests held too long
          heldDetail: held
            .slice(0, 20)
            .map((s) => [Math.round(s.sentAt - rounds[0]!.stoppedAt), Math.round(s.answeredAt! - s.sentAt), s.status]),
        }),
      );

      expect(server.exitCode, log.slice(-2000)).toBeNull();
      expect(unanswered.map((s) => s.error)).toEqual([]);
      expect(held.length).toBe(0);
      expect(lost).toEqual([]);
      expect(failedButStored).toEqual([]);
      for (const r of perRound) {
        expect(r.first503AfterStopMs).toBeDefined();
        expect(r.first503AfterStopMs!).toBeLessThanOrEqual(5_000);
        expect(r.first2xxAfterRestartMs).toBeDefined();
        expect(r.first2xxAfterRestartMs!).toBeLessThanOrEqual(5_000);
      }
    },
    60_000 + ROUNDS * (OUTAGE_MS + 15_000),
  );
});
