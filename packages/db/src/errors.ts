// Classifies driver errors (postgres.js, PGlite, wrapped by drizzle's DrizzleQueryError) so each transport
// can map them once: unique violations become the vendor's conflict, lost connections a 503.

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'PING_TIMEOUT',
  // Raised by the guard in front of the pool (guard.ts).
  'DATABASE_DOWN',
  'POOL_TIMEOUT',
  'DEADLINE_EXCEEDED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled (statement_timeout)
  '08000',
  '08001',
  '08003',
  '08006',
  '53300', // too_many_connections
]);

function* causes(err: unknown): Generator<unknown> {
  let current: unknown = err;
  for (let depth = 0; current && depth < 6; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

export function pgErrorCode(err: unknown): string | undefined {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return pgErrorCode(err) === '23505';
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  }
  return false;
}

/** The errors the guard in front of the pool (guard.ts) and a request's scope raise: each answered 503. */
export function databaseUnavailable(code: 'DATABASE_DOWN' | 'POOL_TIMEOUT' | 'DEADLINE_EXCEEDED', message: string): Error {
  return Object.assign(new Error(message), { code });
}
