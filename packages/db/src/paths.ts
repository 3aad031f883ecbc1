import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDbEnv } from './env';

const here = path.dirname(fileURLToPath(import.meta.url));

export const migrationsFolder = path.resolve(here, '../drizzle');
export const repoRoot = path.resolve(here, '../../..');

/** The folder for embedded data (PGlite) and demo credentials: PROFILEHUB_DATA_DIR or <repo>/.data. */
export function dataDir(): string {
  return path.resolve(readDbEnv().PROFILEHUB_DATA_DIR ?? path.join(repoRoot, '.data'));
}

export function defaultPgliteDir(): string {
  return path.join(dataDir(), 'pglite');
}
