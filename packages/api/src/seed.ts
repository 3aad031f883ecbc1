import type { Database } from '@profilehub/db';
import { generatePassword } from './auth/secrets';
import { scopes } from './scopes';
import { createApiToken } from './service/api-token';
import { countWorkspaces, createWorkspaceWithOwner } from './service/workspace';
import type { DemoSeedEnv } from './vendor';
import { vendors } from './vendors';

export type DemoCredentials = {
  admin: { url: string; workspace: string; username: string; password: string };
  api: { url: string; token: string };
  [vendor: string]: unknown;
};

/**
 * Seeds the `demo` workspace when the database has no workspace yet. Every secret is random per install.
 * Returns null when there was something there already.
 */
export async function seedDemoIfEmpty(db: Database, env: DemoSeedEnv): Promise<DemoCredentials | null> {
  if ((await countWorkspaces(db)) > 0) return null;
  const password = generatePassword();
  const ctx = await createWorkspaceWithOwner(db, { slug: 'demo', name: 'Demo', username: 'admin', password, requestId: 'demo-seed' });
  const { token } = await createApiToken({ ctx, input: { name: 'demo', scopes: [...scopes] } });
  const credentials: DemoCredentials = {
    admin: { url: env.adminUrl, workspace: 'demo', username: 'admin', password },
    api: { url: env.apiUrl, token },
  };
  for (const vendor of vendors) credentials[vendor.key] = await vendor.seeder.seed(ctx, env);
  return credentials;
}
