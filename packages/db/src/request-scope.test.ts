import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './client';
import { pgErrorCode } from './errors';
import { openRequestScope, transactionFor } from './request-scope';
import { createTestDb } from './testing';

// A transaction run for an HTTP request (`transactionFor(db, ctx.scope, …)`, which every service's
// `inTransaction` uses) must never commit once its client has been answered: the client may retry, and the
// retry must not find a second copy. Both drivers.
describe('transactions for a request', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
    await handle.db.execute(sql`create table scope_probe (v text primary key)`);
  });
  afterAll(async () => {
    await handle?.close();
  });

  // postgres.js answers rows, PGlite `{ rows }`.
  const stored = async (v: string) => {
    const res = (await handle.db.execute(sql`select v from scope_probe where v = ${v}`)) as unknown as { rows?: unknown[] } & unknown[];
    return (res.rows ?? res).length === 1;
  };
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'committed',
      (err: unknown) => pgErrorCode(err) ?? String(err),
    );
  const insert = (v: string) => sql`insert into scope_probe (v) values (${v})`;

  it('commits for a request still waiting, and without a request (CLI, start-up)', async () => {
    expect(await code(transactionFor(handle.db, openRequestScope(10_000), (tx) => tx.execute(insert('waiting'))))).toBe('committed');
    expect(await code(transactionFor(handle.db, undefined, (tx) => tx.execute(insert('no request'))))).toBe('committed');
    expect(await stored('waiting')).toBe(true);
    expect(await stored('no request')).toBe(true);
  });

  it('does not commit once its request was answered meanwhile (a timeout, a dropped client)', async () => {
    const scope = openRequestScope(10_000);
    const result = transactionFor(handle.db, scope, async (tx) => {
      await tx.execute(insert('answered'));
      scope.answered = true;
    });
    expect(await code(result)).toBe('DEADLINE_EXCEEDED');
    expect(await stored('answered')).toBe(false);
  });

  it('does not commit once its deadline passed during its work', async () => {
    const scope = openRequestScope(150);
    const result = transactionFor(handle.db, scope, async (tx) => {
      await tx.execute(insert('late'));
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(await code(result)).toBe('DEADLINE_EXCEEDED');
    expect(await stored('late')).toBe(false);
  });

  // The guard takes the scope when the transaction begins: a request already out of time gets no connection.
  it.runIf(process.env.TEST_DATABASE_URL)('on PostgreSQL, does not even start for a request already past its deadline', async () => {
    let ran = false;
    const result = transactionFor(handle.db, openRequestScope(-1), async (tx) => {
      ran = true;
      await tx.execute(insert('never'));
    });
    expect(await code(result)).toBe('DEADLINE_EXCEEDED');
    expect(ran).toBe(false);
  });
});
