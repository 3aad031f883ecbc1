import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDbEnv } from './env';

// The bundled server inlines this module into apps/server/dist, where paths relative to this file would be
// wrong; the package is found by name instead (the workspace link), and by this file's place as a fallback.
function packageDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('@profilehub/db/package.json'));
  } catch {
    return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  }
}

const dbPackage = packageDir();
export const migrationsFolder = path.join(dbPackage, 'drizzle');
export const repoRoot = path.resolve(dbPackage, '../..');

/** The folder for embedded data (PGlite) and demo credentials: PROFILEHUB_DATA_DIR or <repo>/.data. */
export function dataDir(): string {
  return path.resolve(readDbEnv().PROFILEHUB_DATA_DIR ?? path.join(repoRoot, '.data'));
}

export function defaultPgliteDir(): string {
  return path.join(dataDir(), 'pglite');
}
