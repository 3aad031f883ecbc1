import type { Database } from '@profilehub/db';
import { scopes } from './auth/scopes';
import { generatePassword } from './auth/secrets';
import type { AuthedContext } from './context';
import { createApiToken } from './service/api-token';
import { appgateDemoSeeder } from './service/appgate/demo';
import { flexcareDemoSeeder } from './service/flexcare/demo';
import { rpdbDemoSeeder } from './service/rpdb/demo';
import { soajsDemoSeeder } from './service/soajs/demo';
import { twonDemoSeeder } from './service/twon/demo';
import { countWorkspaces, createWorkspaceWithOwner } from './service/workspace';

export type DemoSeedEnv = { apiUrl: string; adminUrl: string };

/** One vendor's demo data; returns its section of demo-credentials.json. Vendor issues register theirs. */
export type DemoSeeder = {
  key: string;
  seed(ctx: AuthedContext, env: DemoSeedEnv): Promise<Record<string, unknown>>;
};

// Vendor issues add their seeder here (one import + one entry each).
export const demoSeeders: DemoSeeder[] = [appgateDemoSeeder, flexcareDemoSeeder, rpdbDemoSeeder, soajsDemoSeeder, twonDemoSeeder];

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
  for (const seeder of demoSeeders) credentials[seeder.key] = await seeder.seed(ctx, env);
  return credentials;
}
