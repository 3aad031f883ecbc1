import { isIP } from 'node:net';
import { serverSecretProblem } from '@profilehub/api';
import { DbEnvSchema, readEnv } from '@profilehub/db';
import { z } from 'zod';

// Which peers may name the client address in X-Forwarded-For (Fastify's `trustProxy`): unset/false none,
// `true` every peer (only when nothing but the proxy can reach the server), a hop count, or addresses and
// CIDR ranges of the proxies (comma-separated; `loopback`, `linklocal`, `uniquelocal` name those ranges).
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function proxyEntryValid(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
const TrustProxy = z
  .string()
  .optional()
  .transform((v, ctx): boolean | number | string[] => {
    const value = v?.trim() ?? '';
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim());
    const bad = entries.find((e) => !proxyEntryValid(e));
    if (bad === undefined) return entries;
    ctx.addIssue({ code: 'custom', message: `"${bad}" is not an address, a CIDR range, a hop count, true or false` });
    return z.NEVER;
  });

const bool = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/**
 * Every setting the server reads, the database's included (exported so deployment files can be checked
 * against it): one schema, validated once at start, every invalid setting reported by name.
 */
export const ServerEnvSchema = DbEnvSchema.extend({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /** Public base URL of this server (printed, and written to demo credentials). */
  PUBLIC_URL: z.string().url().optional(),
  /** The admin UI's public URL (printed, written to demo credentials); default: localhost on ADMIN_PORT. */
  ADMIN_URL: z.string().url().optional(),
  /** The admin UI's port (its own process reads it too): only used here to default ADMIN_URL. */
  ADMIN_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Keys pin digests, encrypts secrets at rest and signs 2N Digest nonces: required with DATABASE_URL (the same
   * value on every instance); on the embedded default generated into the data folder when unset.
   */
  PROFILEHUB_SECRET: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const problem = v === undefined ? null : serverSecretProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (generate one with \`openssl rand -base64 32\`)` });
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** json: one JSON object per line (production, log shippers); pretty: readable lines. Default: pretty on a terminal outside production. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  NODE_ENV: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(72_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Mount every vendor surface under this extra prefix too (e.g. `/compat`). */
  REST_PREFIX: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'a path like /compat')
    .default(''),
  /** unset: seed the demo workspace on an empty embedded database only; 1: also on PostgreSQL; 0: never. */
  PROFILEHUB_SEED_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? 'auto' : v === '1' || v === 'true' ? 'always' : 'never')),
  COOKIE_SECURE: bool,
  /** Proxies trusted to name the client address (X-Forwarded-For); failed-login throttling keys on it. */
  TRUST_PROXY: TrustProxy,
  /** PEM certificate (chain) and private key: with both set the server speaks HTTPS only. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
});

export type ServerEnv = z.infer<typeof ServerEnvSchema>;

const ServerEnvChecked = ServerEnvSchema.refine((e) => (e.TLS_CERT_FILE === undefined) === (e.TLS_KEY_FILE === undefined), {
  path: ['TLS_CERT_FILE'],
  message: 'set TLS_CERT_FILE and TLS_KEY_FILE together (HTTPS), or neither (HTTP)',
}).refine((e) => e.DATABASE_URL === undefined || e.PROFILEHUB_SECRET !== undefined, {
  path: ['PROFILEHUB_SECRET'],
  message: 'required with DATABASE_URL (the same value on every instance; generate one with `openssl rand -base64 32`)',
});

export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  return readEnv(ServerEnvChecked, Object.keys(ServerEnvSchema.shape), source);
}
