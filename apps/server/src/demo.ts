import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type DemoCredentials, seedDemoIfEmpty } from '@profilehub/api';
import { type DbHandle, dataDir } from '@profilehub/db';

export function demoCredentialsPath(): string {
  return path.join(dataDir(), 'demo-credentials.json');
}

/**
 * First start on an empty database: seed the demo workspace and write its credentials (mode 0600).
 * Never on an external PostgreSQL unless PROFILEHUB_SEED_DEMO=1; never at all with PROFILEHUB_SEED_DEMO=0.
 */
export async function maybeSeedDemo(
  db: DbHandle,
  opts: { external: boolean; mode: 'auto' | 'always' | 'never'; apiUrl: string; adminUrl: string },
): Promise<DemoCredentials | null> {
  if (opts.mode === 'never' || (opts.external && opts.mode !== 'always')) return null;
  const credentials = await seedDemoIfEmpty(db.db, { apiUrl: opts.apiUrl, adminUrl: opts.adminUrl });
  if (!credentials) return null;
  await mkdir(dataDir(), { recursive: true });
  await writeFile(demoCredentialsPath(), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(demoCredentialsPath(), 0o600);
  return credentials;
}
