import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createDb, type DbHandle } from './client';
import { migrationsDigest } from './pglite-template';

/**
 * A dump of a freshly migrated PGlite database. Creating and migrating one took 5–10 s per test file on a busy
 * machine, loading a dump 1–2 s: the first test file of a run migrates one and leaves its dump in the temp
 * folder, named by the migrations' content (a new migration makes a new one); every other file loads it.
 */
async function migratedPglite(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `profilehub-test-pglite-${migrationsDigest()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    // not made yet in this temp folder
  }
  const handle = createDb({ pgliteDir: 'memory', DATABASE_URL: undefined });
  try {
    await handle.migrate();
    const dump = await handle.dumpPglite!();
    // Written aside and renamed: a file running at the same time never reads half a dump.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  } finally {
    await handle.close();
  }
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, a throwaway database on the
 * PostgreSQL server named by `serverUrl` (default: TEST_DATABASE_URL) when that is set (dropped again by
 * `close`). The benchmarks pass DATABASE_URL.
 */
export async function createTestDb(serverUrl = process.env.TEST_DATABASE_URL): Promise<DbHandle & { url?: string }> {
  if (!serverUrl) {
    const handle = createDb({ pgliteDir: 'memory', DATABASE_URL: undefined, pgliteFrom: await migratedPglite() });
    await handle.migrate(); // nothing left to apply when it came from the template
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
