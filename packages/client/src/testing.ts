import type { AddressInfo } from 'node:net';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { buildServer } from '@profilehub/server';
import { createProfilehubClient } from './index';

export const testServerEnv = {
  BODY_LIMIT_BYTES: 1_048_576,
  REQUEST_TIMEOUT_MS: 30_000,
  HEADERS_TIMEOUT_MS: 10_000,
  KEEP_ALIVE_TIMEOUT_MS: 5_000,
  LOG_LEVEL: 'silent',
  REST_PREFIX: '',
  COOKIE_SECURE: false,
} as const;

/**
 * A real listening server over a fresh test database, with a clock the test moves, and a workspace whose
 * owner holds an all-scopes API token created through the API.
 */
export async function startTestServer() {
  const db: DbHandle = await createTestDb();
  let nowMs = Date.now();
  const clock = {
    now: () => new Date(nowMs),
    set: (date: Date) => {
      nowMs = date.getTime();
    },
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
  const app = await buildServer({ db, env: testServerEnv, now: clock.now });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const ws = await createTestWorkspace(db.db);
  if (ws.actor.type !== 'account') throw new Error('createTestWorkspace acts as an account');
  const ownerAccountId = ws.actor.accountId;
  const { token: ownerToken } = await ws.caller.apiToken.create({
    name: 'owner-all',
    scopes: ['accounts:read', 'accounts:write', 'tokens:read', 'tokens:write', 'audit:read'],
  });
  return {
    db,
    url,
    clock,
    ws,
    ownerAccountId,
    ownerToken,
    client: (token: string) => createProfilehubClient({ url, token }),
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
