import { type DbHandle, isUniqueViolation } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { together } from './tx';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.execute(sql`create table together_probe (id int primary key)`);
  await handle.db.execute(sql`insert into together_probe values (1)`);
});
afterAll(async () => {
  await handle?.close();
});

describe('together', () => {
  it('answers the failure that caused the others, not "transaction aborted", and commits nothing', async () => {
    const run = handle.db.transaction((tx) =>
      together(
        tx.execute(sql`insert into together_probe values (2)`),
        tx.execute(sql`insert into together_probe values (1)`),
        tx.execute(sql`insert into together_probe values (3)`),
      ),
    );
    const error = await run.catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    // postgres.js answers rows as an array, PGlite as { rows }.
    const result = (await handle.db.execute(sql`select count(*)::int as n from together_probe`)) as unknown as
      | { n: number }[]
      | { rows: { n: number }[] };
    expect((Array.isArray(result) ? result : result.rows)[0]?.n).toBe(1);
  });

  it('answers the first failure in argument order, whichever settled first', async () => {
    const first = new Error('first');
    const second = new Error('second');
    const late = new Promise((_, reject) => setImmediate(() => reject(first)));
    await expect(together(late, Promise.reject(second))).rejects.toBe(first);
    await expect(together(Promise.resolve(1), Promise.resolve('a'))).resolves.toEqual([1, 'a']);
  });
});
