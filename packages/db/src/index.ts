export {
  type CreateDbOptions,
  createDb,
  type Database,
  type DbHandle,
  listenerOf,
  type Queryable,
  type Schema,
  type Transaction,
} from './client';
export { ConfigError, type DbEnv, DbEnvSchema, readDbEnv, readEnv } from './env';
export { isDatabaseUnavailable, isUniqueViolation, pgErrorCode } from './errors';
export type { PoolStats } from './guard';
export { dataDir, defaultPgliteDir, migrationsFolder, repoRoot } from './paths';
export { perDatabase } from './prepared';
export { openRequestScope, type RequestScope, transactionFor } from './request-scope';
export * from './schema';
