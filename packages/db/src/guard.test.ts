import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './client';
import { pgErrorCode } from './errors';
import { createTestDb } from './testing';

// The guard in front of the postgres.js pool (guard.ts) is a PostgreSQL matter: PGlite runs in process.
describe.skipIf(!process.env.TEST_DATABASE_URL)('the fail-fast guard on PostgreSQL', () => {
  let base: DbHandle & { url?: string };
  const open: DbHandle[] = [];
  beforeAll(async () => {
    base = await createTestDb();
  });
  afterAll(async () => {
    for (const h of open) await h.close();
    await base?.close();
  });

  function pool(env: { DB_POOL_MAX: number; DB_PIPELINE?: number; DB_ACQUIRE_TIMEOUT_MS?: number }) {
    const handle = createDb({ DATABASE_URL: base.url, ...env });
    open.push(handle);
    return handle;
  }

  // drizzle's queries start when awaited; `start` sends one now.
  const start = <T>(q: PromiseLike<T>): Promise<T> => Promise.resolve(q);
  const sleep = (db: DbHandle['db'], seconds: number) => start(db.execute(sql`select pg_sleep(${seconds})`));
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => 'answered',
      (err: unknown) => pgErrorCode(err) ?? String(err),
    );

  /** Server connections whose current or last statement is the marked one. */
  async function connectionsRunning(marker: string) {
    const rows = (await base.db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query like ${`%${marker}%`} and pid <> pg_backend_pid()`,
    )) as unknown as { n: number }[];
    return rows[0]!.n;
  }

  it('admits more statements than connections at once (pipelined), without opening more connections', async () => {
    const handle = pool({ DB_POOL_MAX: 2, DB_PIPELINE: 4 });
    const running = Array.from({ length: 8 }, (_, i) => start(handle.db.execute(sql`select pg_sleep(0.3) as pipelined, ${i}::int as i`)));
    await new Promise((r) => setTimeout(r, 100));
    // All eight are on their way to the server, on the pool's two connections: none waits in the guard.
    expect(handle.poolStats?.()).toEqual({ inUse: 8, waiting: 0, max: 2 });
    expect(await connectionsRunning('as pipelined')).toBe(2);
    const rows = (await Promise.all(running)) as unknown as { i: number }[][];
    expect(rows.map((r) => r[0]!.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('refuses a statement with POOL_TIMEOUT once every connection carries its full pipeline for too long', async () => {
    const handle = pool({ DB_POOL_MAX: 1, DB_PIPELINE: 2, DB_ACQUIRE_TIMEOUT_MS: 200 });
    const held = [sleep(handle.db, 1), sleep(handle.db, 1)];
    expect(await failure(sleep(handle.db, 0))).toBe('POOL_TIMEOUT');
    expect(await Promise.all(held.map(failure))).toEqual(['answered', 'answered']);
  });

  it('keeps a connection for statements while transactions fill the rest of the pool', async () => {
    const handle = pool({ DB_POOL_MAX: 2, DB_ACQUIRE_TIMEOUT_MS: 300 });
    let done = false;
    const long = handle.db
      .transaction((tx) => tx.execute(sql`select pg_sleep(1.5)`))
      .finally(() => {
        done = true;
      });
    await new Promise((r) => setTimeout(r, 100));
    // Reads go on being answered while the one transaction a two-connection pool admits holds its connection…
    expect(await failure(handle.db.execute(sql`select 1`))).toBe('answered');
    expect(done).toBe(false);
    // …and a second transaction waits for a connection no longer than DB_ACQUIRE_TIMEOUT_MS.
    expect(await failure(handle.db.transaction((tx) => tx.execute(sql`select 1`)))).toBe('POOL_TIMEOUT');
    expect(done).toBe(false);
    await long;
  });
});
