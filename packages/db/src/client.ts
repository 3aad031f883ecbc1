import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { type DbEnv, readDbEnv } from './env';
import { guardPostgres, type PoolStats } from './guard';
import { defaultPgliteDir, migrationsFolder } from './paths';
import { namedStatements } from './pglite-statements';
import { type PgliteDirOrigin, preparePgliteDir } from './pglite-template';
import * as schema from './schema';

export type Schema = typeof schema;
/** The query surface shared by both drivers; services are written against this type only. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything a query can run on: the database or an open transaction. */
export type Queryable = Database | Transaction;

export type DbHandle = {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Where the data lives, for logs (never includes a password). */
  location: string;
  /** PGlite on disk: whether this start opened a data folder, copied the build's template, or ran initdb. */
  pgliteOrigin?: PgliteDirOrigin;
  /** How long one request may spend on the database (see request-scope.ts). */
  requestDeadlineMs: number;
  migrate(): Promise<void>;
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (delivered only when the notifying transaction commits),
   * and again after the listening connection is re-established (notifications may have been missed while it
   * was gone). Resolves once listening.
   */
  listen(channel: string, onNotify: () => void): Promise<void>;
  ping(timeoutMs?: number): Promise<void>;
  /** PGlite only: the data folder as a tarball, which `pgliteFrom` starts an in-memory database from (tests). */
  dumpPglite?(): Promise<File | Blob>;
  /** The connection pool (PostgreSQL only; PGlite has a single embedded connection). */
  poolStats?(): PoolStats;
  close(): Promise<void>;
};

export type CreateDbOptions = Partial<DbEnv> & {
  /** `memory` opens an in-memory PGlite (tests). */
  pgliteDir?: string;
  /** An in-memory PGlite starts from this dump of a data folder (`dumpDataDir`) instead of an empty one (tests). */
  pgliteFrom?: Blob;
  /** A missing data folder starts as a copy of this migrated one (the server build makes it; pglite-template.ts). */
  pgliteTemplate?: string;
};

// Services receive only a Database; this finds the listen hook of the handle that owns it.
const listeners = new WeakMap<object, DbHandle['listen']>();

/** The `listen` hook of the handle that created `db`, or undefined for a database not made by createDb. */
export function listenerOf(db: Database): DbHandle['listen'] | undefined {
  return listeners.get(db);
}

export function createDb(options: CreateDbOptions = {}): DbHandle {
  const env = { ...readDbEnv(), ...options };
  const handle = env.DATABASE_URL
    ? createPostgres(env.DATABASE_URL, env)
    : createPglite(options.pgliteDir ?? env.PGLITE_DIR ?? defaultPgliteDir(), env, options);
  listeners.set(handle.db, handle.listen);
  return handle;
}

// PGlite runs PostgreSQL inside this process with PostgreSQL's server defaults (128 MB of shared buffers,
// 64 MB per maintenance task), and WebAssembly memory never shrinks: a reopened data folder held 315 MB
// before any request. An embedded database for one server needs far less: its files sit in the OS page
// cache anyway, so a buffer miss costs a read call, not a disk read. Opened and queried alone, PGlite's
// resident memory was ~180 MB with 16 MB of buffers, ~200 MB with 32 MB. Under load the WebAssembly memory
// stays flat (128 MB); what grows is the JavaScript heap.
const PGLITE_MEMORY = ['shared_buffers=16MB', 'maintenance_work_mem=16MB', 'temp_buffers=4MB'];

function createPglite(dir: string, env: Omit<DbEnv, 'DATABASE_URL'>, { pgliteFrom: from, pgliteTemplate }: CreateDbOptions): DbHandle {
  const inMemory = dir === 'memory';
  const origin = inMemory ? undefined : preparePgliteDir(dir, pgliteTemplate);
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const client = inMemory
    ? new PGlite({ postgresqlconf: PGLITE_MEMORY, ...(from && { loadDataDir: from }) })
    : new PGlite(dir, { postgresqlconf: PGLITE_MEMORY });
  // drizzle calls only `query` and `transaction` on its client: namedStatements answers both.
  const db = drizzlePglite({ client: namedStatements(client, env.DB_PREPARE) as PGlite, schema, casing: 'snake_case' });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    location: inMemory ? 'pglite (in memory)' : `pglite ${dir}`,
    pgliteOrigin: origin,
    requestDeadlineMs: env.DB_REQUEST_DEADLINE_MS,
    migrate: () => migratePglite(db, { migrationsFolder }),
    listen: async (channel, onNotify) => {
      await client.listen(channel, () => onNotify());
    },
    ping: (timeoutMs = 2_000) =>
      withTimeout(
        client.query('select 1').then(() => undefined),
        timeoutMs,
      ),
    dumpPglite: () => client.dumpDataDir('none'),
    close: () => client.close(),
  };
}

function createPostgres(url: string, env: Omit<DbEnv, 'DATABASE_URL'>): DbHandle {
  const client = postgres(url, {
    max: env.DB_POOL_MAX,
    connect_timeout: env.DB_CONNECT_TIMEOUT_S,
    idle_timeout: 30,
    max_lifetime: 60 * 30,
    onnotice: () => {},
    // postgres.js backs off exponentially (up to 20 s) after failed connects, which held the first requests
    // after an outage for that long; the guard already keeps queries away while the server is down.
    backoff: () => 0.1,
    connection: { application_name: 'profilehub', statement_timeout: env.DB_STATEMENT_TIMEOUT_MS },
  });
  // The guard's probe runs outside the pool, so it answers even when every pool slot is taken.
  const probeClient = postgres(url, { max: 1, connect_timeout: 1, idle_timeout: 5, backoff: () => 0, onnotice: () => {} });
  const guard = guardPostgres(client, {
    max: env.DB_POOL_MAX,
    pipeline: env.DB_PIPELINE,
    statementDeadlineMs: env.DB_REQUEST_DEADLINE_MS,
    acquireTimeoutMs: env.DB_ACQUIRE_TIMEOUT_MS,
    probeIntervalMs: 250,
    prepare: env.DB_PREPARE,
    probe: () =>
      withTimeout(
        probeClient`select 1`.then(() => undefined),
        1_000,
      ),
  });
  const db = drizzlePostgres({ client: guard.sql, schema, casing: 'snake_case' });
  const parsed = new URL(url);
  return {
    db: db as unknown as Database,
    driver: 'postgres',
    location: `postgres ${parsed.host}${parsed.pathname}`,
    requestDeadlineMs: env.DB_REQUEST_DEADLINE_MS,
    migrate: () => migratePostgres(db, { migrationsFolder }),
    poolStats: () => guard.stats(),
    // postgres.js listens on a dedicated connection (outside the pool and the guard) and re-listens after
    // reconnecting; onlisten runs on every (re)connect.
    listen: async (channel, onNotify) => {
      await client.listen(channel, () => onNotify(), onNotify);
    },
    ping: (timeoutMs = 2_000) =>
      withTimeout(
        db.execute(sql`select 1`).then(() => undefined),
        timeoutMs,
      ),
    close: async () => {
      guard.close();
      await Promise.all([client.end({ timeout: 5 }), probeClient.end({ timeout: 1 })]);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`database did not answer within ${ms} ms`), { code: 'PING_TIMEOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
