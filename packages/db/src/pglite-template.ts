import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from './paths';

// PGlite's initdb runs a second PostgreSQL inside the calling process, and WebAssembly memory never shrinks:
// a server that created its own data folder peaked at ~800 MB before its first request. The build creates
// and migrates one data folder (the template) instead; a server's first start copies it into place, so the
// server process never runs initdb (and starts in about the time a reopen takes).

const STAMP = 'profilehub-template.json';

/** Names the migrations (by content) and the PGlite release a data folder was made with. */
export function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function pgliteVersion(): string {
  // The package exports no package.json; its entry sits in dist/, one level below it.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return (JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Creates (or keeps, when it is current) a migrated PGlite data folder at `dir`; the server build runs this.
 * Returns whether it had to be made.
 */
export async function buildPgliteTemplate(dir: string): Promise<'made' | 'current'> {
  const stamp = JSON.stringify({ migrations: migrationsDigest(), pglite: pgliteVersion() });
  try {
    if (readFileSync(path.join(dir, STAMP), 'utf8') === stamp) return 'current';
  } catch {
    // none yet
  }
  mkdirSync(path.dirname(dir), { recursive: true });
  const partial = siblingOf(dir, 'build');
  const client = new PGlite(partial);
  try {
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.close();
  }
  writeFileSync(path.join(partial, STAMP), stamp);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return 'made';
}

export type PgliteDirOrigin = 'existing' | 'template' | 'initdb';

/**
 * Makes sure `dir` holds a data folder before PGlite opens it: an existing one is left exactly as it is; a
 * missing (or empty) one becomes a copy of `template`. The copy is made beside `dir` and renamed into place,
 * so a start that stops half-way leaves no half-made folder, and of two first starts at once one copy wins
 * and the other start opens it. Without a template (a checkout run from source) PGlite runs initdb itself.
 */
export function preparePgliteDir(dir: string, template: string | undefined): PgliteDirOrigin {
  if (existsSync(path.join(dir, 'PG_VERSION'))) return 'existing';
  if (!template || !existsSync(path.join(template, 'PG_VERSION'))) return 'initdb';
  if (existsSync(dir) && readdirSync(dir).length > 0) return 'initdb'; // not ours to replace; PGlite reports what it finds
  mkdirSync(path.dirname(dir), { recursive: true });
  const partial = siblingOf(dir, 'copy');
  cpSync(template, partial, { recursive: true });
  rmSync(path.join(partial, STAMP), { force: true });
  try {
    renameSync(partial, dir); // replaces an empty folder, never a filled one
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && existsSync(path.join(dir, 'PG_VERSION'))) return 'existing';
    throw err;
  }
  return 'template';
}

function siblingOf(dir: string, what: string): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.${what}-${process.pid}-${randomBytes(4).toString('hex')}`);
}
