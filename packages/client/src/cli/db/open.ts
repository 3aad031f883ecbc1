import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DbHandle } from '@profilehub/db';
import { CliError, ExitCode, UsageError } from '../errors';

/**
 * Opens the configured database (DATABASE_URL, else the embedded PGlite folder), or the PostgreSQL URL
 * given. PGlite has no lock between processes and a second opener corrupts it, so a folder another
 * process has open (PGlite keeps `postmaster.pid` there while open) is refused.
 */
// A command is not an HTTP request: its statements have no request deadline (the server's statement timeout
// still applies), and two connections are plenty.
const CLI_POOL = { DB_POOL_MAX: 2, DB_REQUEST_DEADLINE_MS: 600_000 };

export async function openDatabase(source: NodeJS.ProcessEnv, options: { url?: string; mustExist?: boolean } = {}): Promise<DbHandle> {
  const { url, mustExist = false } = options;
  const { createDb, defaultPgliteDir, readDbEnv } = await import('@profilehub/db');
  let env: ReturnType<typeof readDbEnv>;
  try {
    env = readDbEnv(source);
  } catch (err) {
    const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (!Array.isArray(issues)) throw err;
    throw new UsageError(`invalid database configuration: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, '');
  }
  if (url !== undefined) {
    assertPostgresUrl(url);
    return createDb({ DATABASE_URL: url, ...CLI_POOL });
  }
  if (env.DATABASE_URL) return createDb({ DATABASE_URL: env.DATABASE_URL, ...CLI_POOL });
  // defaultPgliteDir() reads PROFILEHUB_DATA_DIR from the process; the caller's environment decides here.
  const dir = path.resolve(env.PGLITE_DIR ?? (env.PROFILEHUB_DATA_DIR ? path.join(env.PROFILEHUB_DATA_DIR, 'pglite') : defaultPgliteDir()));
  if (mustExist && !existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new CliError(
      ExitCode.notFound,
      `no embedded database at ${dir} (set PGLITE_DIR or PROFILEHUB_DATA_DIR, or DATABASE_URL for PostgreSQL)`,
    );
  }
  assertPgliteFree(dir);
  return createDb({ pgliteDir: dir, DATABASE_URL: undefined });
}

export function assertPgliteFree(dir: string): void {
  const pid = path.join(dir, 'postmaster.pid');
  if (existsSync(pid)) {
    throw new CliError(
      ExitCode.failure,
      `the embedded database ${dir} is open in another process (a running Profilehub server?): stop the server first. ` +
        `If none is running, the last one did not shut down cleanly: start and stop it once, or delete ${pid}`,
    );
  }
}

function assertPostgresUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL`, 'expected postgres://user@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(`"${parsed.protocol}" is not a PostgreSQL URL`, 'expected postgres://user@host:5432/database');
  }
}
