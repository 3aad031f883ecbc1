// Where the server secret comes from. With DATABASE_URL it must be given (PROFILEHUB_SECRET): every instance
// on that database shares it, and none may invent its own. On the embedded default it is generated once into
// the data folder (mode 0600) and read from there on every later start, unless PROFILEHUB_SECRET is set.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverSecretProblem } from '@profilehub/api';

export const SECRET_FILE_NAME = 'server-secret';

export type SecretSource = { secret: string; origin: 'env' | 'generated' | 'file'; file?: string };

export function resolveServerSecret(env: { PROFILEHUB_SECRET?: string; DATABASE_URL?: string }, dataDir: string): SecretSource {
  if (env.PROFILEHUB_SECRET !== undefined) return { secret: env.PROFILEHUB_SECRET, origin: 'env' };
  if (env.DATABASE_URL)
    throw new Error(
      'Invalid configuration:\n  PROFILEHUB_SECRET: required with DATABASE_URL (the same value on every instance; ' +
        'generate one with `openssl rand -base64 32`)',
    );
  const file = path.join(dataDir, SECRET_FILE_NAME);
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(dataDir, { recursive: true });
    const generated = randomBytes(32).toString('base64url');
    try {
      // `wx`: a second process starting at the same moment never overwrites the first one's secret.
      writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
      return { secret: generated, origin: 'generated', file };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      secret = readFileSync(file, 'utf8').trim();
    }
  }
  const problem = serverSecretProblem(secret);
  if (problem) throw new Error(`Invalid configuration:\n  ${file}: the server secret ${problem}`);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return { secret, origin: 'file', file };
}
