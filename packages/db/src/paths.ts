import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const migrationsFolder = path.resolve(here, '../drizzle');
export const repoRoot = path.resolve(here, '../../..');
export const dataDir = path.join(repoRoot, '.data');
export const defaultPgliteDir = path.join(dataDir, 'pglite');
