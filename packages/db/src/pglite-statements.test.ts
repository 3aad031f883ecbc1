import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './client';
import { isUniqueViolation, pgErrorCode } from './errors';
import { MAX_PGLITE_STATEMENTS } from './pglite-statements';
import { workspaces } from './schema';

// PGlite's queries run as named statements (pglite-statements.ts). What a caller sees must not change: the
// same rows and values as PGlite's own unnamed queries, the same errors, the same transaction isolation.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('named statements on PGlite', () => {
  let named: DbHandle;
  let unnamed: DbHandle;
  beforeAll(async () => {
    named = createDb({ pgliteDir: 'memory', DATABASE_URL: undefined });
    unnamed = createDb({ pgliteDir: 'memory', DATABASE_URL: undefined, DB_PREPARE: false });
    for (const h of [named, unnamed]) {
      await h.migrate();
      await h.db.execute(
        sql.raw(
          `create table kinds (id int primary key, label text unique, doc jsonb, tags text[], at timestamptz, flag boolean, n numeric)`,
        ),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await named?.close();
    await unnamed?.close();
  });

  const preparedCount = async (h: DbHandle, like: string) => {
    const rows = (await h.db.execute(
      sql`select count(*)::int as n from pg_prepared_statements where statement like ${like}`,
    )) as unknown as {
      rows: { n: number }[];
    };
    return rows.rows[0]!.n;
  };

  it('answers with the same rows and values as an unnamed query, for every kind of parameter and column', async () => {
    const answers = [];
    for (const h of [named, unnamed]) {
      const insert = (id: number, label: string | null, flag: boolean) =>
        h.db.execute(
          sql`insert into kinds values (${id}, ${label}, ${JSON.stringify({ a: [1, 'x'], b: null })}::jsonb, ${sql.param(['p', 'q,r', 's"t'])}, ${new Date('2026-01-02T03:04:05.678Z')}, ${flag}, ${'12.50'})`,
        );
      for (let i = 1; i <= 3; i++) await insert(i, i === 2 ? null : `k${i}`, i % 2 === 0);
      const select = () => h.db.execute(sql`select * from kinds where id >= ${1} and (label is null or label <> ${'nobody'}) order by id`);
      await select();
      answers.push(await select());
      const updated = await h.db.execute(sql`update kinds set flag = ${true} where id <= ${2}`);
      answers.push((updated as unknown as { affectedRows: number }).affectedRows);
    }
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[1]).toBe(2);
    expect(answers[3]).toBe(2);
    const rows = (answers[0] as { rows: Record<string, unknown>[] }).rows;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ id: 1, label: 'k1', doc: { a: [1, 'x'], b: null }, tags: ['p', 'q,r', 's"t'], flag: false });
    expect(rows[1]!.label).toBeNull();
    // drizzle's own selects (rows as arrays, timestamps as written) read the same through either.
    const viaDrizzle = await Promise.all(
      [named, unnamed].map((h) => h.db.select().from(workspaces).where(sql`${workspaces.slug} = ${'x'}`)),
    );
    expect(viaDrizzle[0]).toEqual(viaDrizzle[1]);
  });

  it('a repeated query is one named statement; DB_PREPARE=false leaves it unnamed', async () => {
    for (const h of [named, unnamed])
      for (let i = 0; i < 3; i++) await h.db.execute(sql`select label as repeat_probe from kinds where id = ${i}`);
    expect(await preparedCount(named, '%repeat_probe%')).toBe(1);
    expect(await preparedCount(unnamed, '%repeat_probe%')).toBe(0);
  });

  it('a failed statement raises PostgreSQL’s error with its query, and the next one works', async () => {
    const duplicate = named.db.execute(sql`insert into kinds (id, label) values (${100}, ${'k1'})`);
    const err = await duplicate.catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(String((err as { cause?: { query?: unknown } }).cause?.query ?? (err as { query?: unknown }).query)).toContain(
      'insert into kinds',
    );
    const bad = await named.db.execute(sql`select * from kinds where id = ${'not a number'}`).catch((e: unknown) => e);
    expect(pgErrorCode(bad)).toBe('22P02');
    const after = (await named.db.execute(sql`select count(*)::int as n from kinds where id < ${1000}`)) as unknown as {
      rows: { n: number }[];
    };
    expect(after.rows[0]!.n).toBe(3);
  });

  it('a transaction that fails part way commits nothing, and the statements it prepared still work after', async () => {
    const attempt = named.db.transaction(async (tx) => {
      await tx.execute(sql`insert into kinds (id, label) values (${200}, ${'in-tx'})`);
      await tx.execute(sql`insert into kinds (id, label) values (${201}, ${'k1'})`);
    });
    expect(isUniqueViolation(await attempt.catch((e: unknown) => e))).toBe(true);
    const count = async () =>
      ((await named.db.execute(sql`select count(*)::int as n from kinds where id >= ${200}`)) as unknown as { rows: { n: number }[] })
        .rows[0]!.n;
    expect(await count()).toBe(0);
    await named.db.transaction(async (tx) => {
      await tx.execute(sql`insert into kinds (id, label) values (${200}, ${'in-tx'})`);
    });
    expect(await count()).toBe(1);
  });

  it('a query outside a transaction waits for the transaction in progress (never runs inside it)', async () => {
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => {
      inserted = r;
    });
    const tx = named.db
      .transaction(async (t) => {
        await t.execute(sql`insert into kinds (id, label) values (${300}, ${'rolled back'})`);
        inserted();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await insertedYet;
    // Sent (drizzle sends on `then`) while the transaction holds PGlite: inside it, it would see the uncommitted row.
    const seen = named.db
      .execute(sql`select count(*)::int as n from kinds where id = ${300}`)
      .then((r) => r as unknown as { rows: { n: number }[] });
    expect(await tx).toBe('rolled back');
    expect((await seen).rows[0]!.n).toBe(0);
  });

  it('a statement described before its table changed is described again and answers the new shape', async () => {
    const read = () =>
      named.db
        .execute(sql`select * from kinds where id = ${1}`)
        .then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows[0]!);
    expect(Object.keys(await read())).not.toContain('extra');
    await named.db.execute(sql.raw(`alter table kinds add column extra text default 'new'`));
    expect(await read()).toMatchObject({ id: 1, extra: 'new' });
  });

  it(`keeps at most ${MAX_PGLITE_STATEMENTS} named statements, closing the least recently used`, async () => {
    for (let i = 0; i < MAX_PGLITE_STATEMENTS + 20; i++) await named.db.execute(sql.raw(`select ${i} as lru_probe where 1 = 1`));
    expect(await preparedCount(named, '%lru_probe%')).toBeLessThanOrEqual(MAX_PGLITE_STATEMENTS);
    expect(await preparedCount(named, 'select 0 as lru_probe%')).toBe(0);
    expect(await preparedCount(named, `select ${MAX_PGLITE_STATEMENTS + 19} as lru_probe%`)).toBe(1);
  }, 60_000);
});
