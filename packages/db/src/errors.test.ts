import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './client';
import { isDatabaseUnavailable, isUniqueViolation, pgErrorCode } from './errors';
import { workspaces } from './schema';
import { createTestDb } from './testing';

// The driver-error classifiers against errors the real driver raises (PGlite, or PostgreSQL with
// TEST_DATABASE_URL), wrapped as drizzle wraps them: the API and REST transports map these once.
let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the query to fail');
}

describe('driver error classification', () => {
  it('the migrated schema answers and a duplicate key is a unique violation, not an outage', async () => {
    await handle.ping(5_000);
    await handle.db.insert(workspaces).values({ slug: 'dup', name: 'One' });
    const err = await thrown(() => handle.db.insert(workspaces).values({ slug: 'dup', name: 'Two' }));
    expect(pgErrorCode(err)).toBe('23505');
    expect(isUniqueViolation(err)).toBe(true);
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(await handle.db.select().from(workspaces)).toHaveLength(1);
  });

  it('other statement errors are neither', async () => {
    const err = await thrown(() => handle.db.execute(sql`select 1 / 0`));
    expect(pgErrorCode(err)).toBe('22012');
    expect(isUniqueViolation(err)).toBe(false);
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
