import { createDb, type DbHandle, rpdbApiKeys } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../root';
import { createTestWorkspace } from '../testing';
import { watchCredentialChanges } from './actor-cache';
import { authenticateRpdbKey } from './rpdb/principal';

let handle: DbHandle & { url?: string };
beforeAll(async () => {
  handle = await createTestDb();
  await watchCredentialChanges(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

async function rpdbKey() {
  const ws = await createTestWorkspace(handle.db);
  const caller = createCaller(ws.ctx);
  const { account } = await caller.rpdb.account.create({ name: 'main', password: 'rpdb-account-password' });
  const { key, apiKey } = await caller.rpdb.apiKey.create({ accountId: account.id, name: 'k' });
  return { caller, key, apiKey };
}

/**
 * Warms `db`'s cache for `key` and proves it warm: a rename that bypasses the services (and so announces
 * nothing) is not seen. Retried, as notifications of the setup's own commits may still arrive and clear it.
 */
async function warm(db: DbHandle['db'], key: string, id: number): Promise<boolean> {
  return within(3_000, async () => {
    await handle.db.update(rpdbApiKeys).set({ name: 'k' }).where(eq(rpdbApiKeys.id, id));
    await authenticateRpdbKey(db, key, new Date());
    await handle.db.update(rpdbApiKeys).set({ name: 'renamed behind our back' }).where(eq(rpdbApiKeys.id, id));
    return (await authenticateRpdbKey(db, key, new Date()))?.label === 'k';
  });
}

async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('credential → actor cache', () => {
  it('a warm key resolves from the cache; revoking it through the API drops it at once', async () => {
    const { caller, key, apiKey } = await rpdbKey();
    // Warm: the second resolution did not read the database.
    expect(await warm(handle.db, key, apiKey.id)).toBe(true);

    await caller.rpdb.apiKey.revoke({ id: apiKey.id });
    expect(await authenticateRpdbKey(handle.db, key, new Date())).toBeNull();
  });

  it('an unknown key is never cached: a failed lookup always reaches the database', async () => {
    const { key, apiKey } = await rpdbKey();
    await handle.db.update(rpdbApiKeys).set({ revokedAt: new Date() }).where(eq(rpdbApiKeys.id, apiKey.id));
    expect(await authenticateRpdbKey(handle.db, key, new Date())).toBeNull();
    await handle.db.update(rpdbApiKeys).set({ revokedAt: null }).where(eq(rpdbApiKeys.id, apiKey.id));
    expect(await authenticateRpdbKey(handle.db, key, new Date())).not.toBeNull();
  });

  it.runIf(process.env.TEST_DATABASE_URL)('a key revoked through one server instance stops working on another within 1 s', async () => {
    const other = createDb({ DATABASE_URL: handle.url, DB_POOL_MAX: 2 });
    try {
      await watchCredentialChanges(other.db);
      const { caller, key, apiKey } = await rpdbKey();
      expect(await warm(other.db, key, apiKey.id)).toBe(true);

      await caller.rpdb.apiKey.revoke({ id: apiKey.id });
      expect(await within(1_000, async () => (await authenticateRpdbKey(other.db, key, new Date())) === null)).toBe(true);
    } finally {
      await other.close();
    }
  });
});
