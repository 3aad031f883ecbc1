import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './client';
import { workspaces } from './schema';
import { MAX_NAMED_PARAMS } from './statements';
import { createTestDb } from './testing';

// Named statements on PostgreSQL (PGlite: pglite-statements.test.ts). One pool connection, so the statements a
// query leaves behind are visible to the next query.
describe.skipIf(!process.env.TEST_DATABASE_URL)('named statements on PostgreSQL', () => {
  let base: DbHandle & { url?: string };
  beforeAll(async () => {
    base = await createTestDb();
  });
  afterAll(async () => {
    await base?.close();
  });

  async function namedOnOneConnection(prepare: boolean, run: (db: DbHandle['db']) => Promise<unknown>) {
    const handle = createDb({ DATABASE_URL: base.url, DB_POOL_MAX: 1, DB_PREPARE: prepare });
    try {
      for (let i = 0; i < 3; i++) await run(handle.db);
      // The pattern is a parameter, so this statement's own text does not match it.
      const rows = (await handle.db.execute(
        sql`select statement from pg_prepared_statements where statement like ${'%from "workspaces" where%'}`,
      )) as unknown as { statement: string }[];
      return rows.length;
    } finally {
      await handle.close();
    }
  }

  it('a repeated query is one named statement on its connection; DB_PREPARE=false leaves it unnamed', async () => {
    const bySlug = (db: DbHandle['db']) => db.select().from(workspaces).where(eq(workspaces.slug, 'nobody'));
    expect(await namedOnOneConnection(true, bySlug)).toBe(1);
    expect(await namedOnOneConnection(false, bySlug)).toBe(0);
  });

  it('a batch stays unnamed: more parameters than a hot query takes, or arrays to unnest', async () => {
    // Named, this text would match the pattern the helper counts.
    const unnest = (db: DbHandle['db']) =>
      db.execute(sql`select "slug" from "workspaces" where "slug" in (select unnest(${'{a,b}'}::text[]))`);
    expect(await namedOnOneConnection(true, unnest)).toBe(0);
    const slugs = Array.from({ length: MAX_NAMED_PARAMS + 1 }, (_, i) => `s${i}`);
    expect(await namedOnOneConnection(true, (db) => db.select().from(workspaces).where(inArray(workspaces.slug, slugs)))).toBe(0);
  });
});
