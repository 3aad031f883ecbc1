import { fileURLToPath } from 'node:url';
import { configureServerSecret, prepareSecretsAtRest } from '@profilehub/api';
import { createDb, dataDir, isDatabaseUnavailable } from '@profilehub/db';
import { buildServer } from './app';
import { startupBanner } from './banner';
import { demoCredentialsPath, maybeSeedDemo } from './demo';
import { readServerEnv } from './env';
import { logDestination } from './logging';
import { resolveServerSecret } from './secret';
import { readTlsFiles } from './tls';

const env = readServerEnv();
// Before the database opens: a bad certificate or key stops the start with a message, nothing else done.
const tls = readTlsFiles(env);
// Also before the database: with DATABASE_URL a missing secret stops the start; on PGlite it is generated once.
const secret = resolveServerSecret(env, dataDir());
configureServerSecret(secret.secret);

// Losing the database must never lose the process: a driver promise nobody awaited any more (its request
// was already answered 503) can still reject when the connection closes. Anything else stays fatal.
process.on('unhandledRejection', (err) => {
  if (isDatabaseUnavailable(err)) {
    console.error(
      JSON.stringify({ level: 40, msg: 'database call failed after its request was answered', code: (err as { code?: unknown }).code }),
    );
    return;
  }
  throw err;
});
// The build leaves a migrated PGlite data folder beside the bundle (build.mjs); a first start copies it.
const db = createDb({ ...env, pgliteTemplate: fileURLToPath(new URL('./pglite-template', import.meta.url)) });
if (db.pgliteOrigin === 'template') console.log(`PGlite data folder created from the build's template (${db.location})`);
await db.migrate();
// Refuses a database written with another secret; re-keys pin digests and encrypts mdmKeys stored before.
const atRest = await prepareSecretsAtRest(db.db);
const logStream = logDestination(env);
const app = await buildServer({ db, env, tls, logStream });
const address = await app.listen({ host: env.HOST, port: env.PORT });
const apiUrl = env.PUBLIC_URL ?? address.replace('127.0.0.1', 'localhost');
const adminUrl = env.ADMIN_URL ?? `http://localhost:${env.ADMIN_PORT}`;

const demo = await maybeSeedDemo(db, {
  external: db.driver === 'postgres',
  mode: env.PROFILEHUB_SEED_DEMO,
  apiUrl,
  adminUrl,
});
if (secret.origin === 'generated') console.log(`Server secret generated: ${secret.file} (mode 0600; keep it with the data)`);
if (atRest.pinsRekeyed + atRest.mdmKeysSealed > 0) console.log(`Secrets at rest migrated: ${JSON.stringify(atRest)}`);
console.log(startupBanner({ apiUrl, adminUrl, database: db.location, demo, credentialsPath: demoCredentialsPath() }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'draining in-flight requests');
  const timer = setTimeout(() => {
    app.log.error('shutdown timed out; exiting');
    void exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS);
  let code = 0;
  try {
    await app.close(); // stops accepting, waits for in-flight requests
    await db.close();
    clearTimeout(timer);
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    code = 1;
  }
  await exit(code);
}
/** Exits once the buffered log lines are written, or given up on when nothing reads stdout (logging.ts). */
async function exit(code: number) {
  await logStream.flushAtExit?.();
  process.exit(code);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
