import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle } from './client';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, a throwaway database on the
 * PostgreSQL server named by `serverUrl` (default: TEST_DATABASE_URL) when that is set (dropped again by
 * `close`). The benchmarks pass DATABASE_URL.
 */
export async function createTestDb(serverUrl = process.env.TEST_DATABASE_URL): Promise<DbHandle & { url?: string }> {
  if (!serverUrl) {
    const handle = createDb({ pgliteDir: 'memory', DATABASE_URL: undefined });
    await handle.migrate();
    return handle;
  }
  const name = `profilehub_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Test files run in parallel on few cores, so a 10,000-row statement can outlast the production statement
  // timeout (5 s) there; the timeouts themselves are tested with handles of their own (server, outage tests).
  const handle = createDb({ DATABASE_URL: url.toString(), DB_POOL_MAX: 5, DB_STATEMENT_TIMEOUT_MS: 60_000 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
