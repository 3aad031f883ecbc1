import { randomBytes } from 'node:crypto';
import type { Database } from '@profilehub/db';
import { sql } from 'drizzle-orm';
import type { Actor } from './auth/actor';
import type { AdminContext, Context } from './context';
import { createCaller } from './root';
import { createWorkspaceWithOwner } from './service/workspace';

export { TEST_SERVER_SECRET } from './test-secret';

/** A context as a transport would build it, for router tests through `createCaller`. */
export function createTestContext(db: Database, actor: Actor | null = null, overrides: Partial<Context> = {}): Context {
  return { db, actor, requestId: `test-${randomBytes(4).toString('hex')}`, now: () => new Date(), meta: {}, ...overrides };
}

/** A fresh workspace with an owner; returns the owner's context and a caller acting as the owner. */
export async function createTestWorkspace(db: Database, slug = `ws-${randomBytes(4).toString('hex')}`) {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const ctx: AdminContext = await createWorkspaceWithOwner(db, { slug, name: slug, username: 'owner', password });
  return { ctx, slug, password, actor: ctx.actor, caller: createCaller(ctx) };
}

/**
 * Makes every commit fail that leaves a row of `table` with `column` = `value`: a deferred constraint
 * trigger, checked at COMMIT, so the failing mutation has run every statement (its `audit()` included)
 * before it fails. Tests use it to prove that audit rows roll back with the mutation.
 */
export async function failCommitWhen(db: Database, table: string, column: string, value: string): Promise<void> {
  const name = `test_fail_commit_${table}`;
  await db.execute(
    sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$
      begin
        if new.${column} = '${value}' then raise exception 'commit refused by the test'; end if;
        return null;
      end $$`),
  );
  await db.execute(sql.raw(`drop trigger if exists ${name} on ${table}`));
  await db.execute(
    sql.raw(`create constraint trigger ${name} after insert or update on ${table} deferrable initially deferred
      for each row execute function ${name}()`),
  );
}

/** Signs in like a browser: returns the session cookie value the transport would set. */
export async function signInForTest(db: Database, input: { workspace: string; username: string; password: string }): Promise<string> {
  let cookie: string | undefined;
  const anon = createCaller(createTestContext(db, null, { response: { startSession: (value) => (cookie = value), endSession: () => {} } }));
  await anon.auth.login(input);
  if (!cookie) throw new Error('login set no session cookie');
  return cookie;
}

type DriverClient = Record<string, unknown>;

/**
 * Watches the statements drizzle sends inside transactions, at the driver (PGlite `query`, postgres.js
 * `unsafe`): `onTransaction` is called as each transaction starts and gives the observer of its statements,
 * which sees each statement's text and what the driver returned for it. `restore` puts the driver back.
 */
export function watchTransactionStatements(
  db: Database,
  onTransaction: () => (text: string, result: PromiseLike<unknown>) => void,
): { restore(): void } {
  const client = (db as unknown as { $client: DriverClient }).$client;
  const wrapTx = (tx: DriverClient) => {
    const onStatement = onTransaction();
    return new Proxy(tx, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        if ((prop === 'query' || prop === 'unsafe') && typeof value === 'function') {
          return (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => PromiseLike<unknown>).apply(target, args);
            onStatement(String(args[0]), result);
            return result;
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  const method = typeof client.transaction === 'function' ? 'transaction' : 'begin';
  const original = client[method] as (...a: unknown[]) => Promise<unknown>;
  client[method] = (...args: unknown[]) => {
    const fn = args[args.length - 1] as (tx: DriverClient) => Promise<unknown>;
    return original.apply(client, [...args.slice(0, -1), (tx: DriverClient) => fn(wrapTx(tx))]);
  };
  return {
    restore: () => {
      client[method] = original;
    },
  };
}
