// Vitest setup (vitest.config.ts, setupFiles): tests run services without apps/server's start, so they get a
// fixed server secret here, as every process that runs services must (configureServerSecret).
import { configureServerSecret } from './auth/server-secret';

export const TEST_SERVER_SECRET = 'profilehub-test-secret-0123456789-abcdefghij';
configureServerSecret(TEST_SERVER_SECRET);
