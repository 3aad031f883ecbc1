import { z } from 'zod';

/**
 * Reads one process's settings from the environment with a zod schema: empty values count as unset,
 * variables the schema does not name are ignored, and every invalid one is reported at once, by name.
 * The server's settings (apps/server env.ts) extend the database's below, so each variable is defined once.
 */
export function readEnv<S extends z.ZodType<object>>(schema: S, keys: readonly string[], source: NodeJS.ProcessEnv): z.output<S> {
  const values = Object.fromEntries(keys.flatMap((k) => (source[k] === undefined || source[k] === '' ? [] : [[k, source[k]]])));
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ConfigError(parsed.error.issues);
  return parsed.data;
}

/** Settings that failed their schema: `issues` names each variable (`path`) and why. */
export class ConfigError extends Error {
  constructor(readonly issues: { path: PropertyKey[]; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The database settings (both the server and the CLI's embedded commands open the database with them). */
export const DbEnvSchema = z.object({
  /** PostgreSQL; unset: embedded PGlite. */
  DATABASE_URL: z.url().optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  /** Where embedded data and demo credentials live (default <repo>/.data). */
  PROFILEHUB_DATA_DIR: z.string().min(1).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Statements one pool connection carries at once (pipelined); 1 turns pipelining off. */
  DB_PIPELINE: z.coerce.number().int().min(1).max(100).default(8),
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

export type DbEnv = z.infer<typeof DbEnvSchema>;

export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  return readEnv(DbEnvSchema, Object.keys(DbEnvSchema.shape), source);
}
