import { describe, expect, it } from 'vitest';
import { readServerEnv } from './env';

describe('server configuration (one schema: server and database settings)', () => {
  it('reads defaults, treats empty values as unset, and ignores variables it does not know', () => {
    const env = readServerEnv({ PORT: '', DATABASE_URL: '', DB_POOL_MAX: '25', HOME: '/root', PATH: '/bin' });
    expect(env).toMatchObject({ HOST: '127.0.0.1', PORT: 3100, DB_POOL_MAX: 25, DB_STATEMENT_TIMEOUT_MS: 5000 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).not.toHaveProperty('HOME');
  });

  it('refuses a bad start with every invalid setting named, database limits included', () => {
    expect(() => readServerEnv({ PORT: 'http', DB_POOL_MAX: '0', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(
      /^Invalid configuration:\n {2}DATABASE_URL: .+\n {2}DB_POOL_MAX: .+\n {2}PORT: .+\n {2}LOG_LEVEL: .+$/,
    );
  });
});
