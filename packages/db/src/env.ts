import { z } from 'zod';

const DbEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  /** Where embedded data and demo credentials live (default <repo>/.data). */
  PROFILEHUB_DATA_DIR: z.string().min(1).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_CONNECT_TIMEOUT_S: z.coerce.number().int().min(1).max(60).default(3),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** How long one HTTP request may spend on the database before it is answered 503. */
  DB_REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(4_000),
  /** How long a request waits for a free pool connection before it is answered 503. */
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(2_000),
  /** Named statements (statements.ts); off for a connection pooler in transaction mode. */
  DB_PREPARE: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type DbEnv = z.infer<typeof DbEnv>;

export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  return DbEnv.parse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    PGLITE_DIR: source.PGLITE_DIR || undefined,
    PROFILEHUB_DATA_DIR: source.PROFILEHUB_DATA_DIR || undefined,
    DB_POOL_MAX: source.DB_POOL_MAX || undefined,
    DB_CONNECT_TIMEOUT_S: source.DB_CONNECT_TIMEOUT_S || undefined,
    DB_STATEMENT_TIMEOUT_MS: source.DB_STATEMENT_TIMEOUT_MS || undefined,
    DB_REQUEST_DEADLINE_MS: source.DB_REQUEST_DEADLINE_MS || undefined,
    DB_ACQUIRE_TIMEOUT_MS: source.DB_ACQUIRE_TIMEOUT_MS || undefined,
    DB_PREPARE: source.DB_PREPARE || undefined,
  });
}
